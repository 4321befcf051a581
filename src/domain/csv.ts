/**
 * CSV for Excel: UTF-8 with a byte-order mark (so Excel on Windows reads Chinese), CRLF line
 * ends, fields quoted when they hold a comma, quote or line break; null is an empty field.
 */
export type CsvValue = string | number | null;

function cell(v: CsvValue): string {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
