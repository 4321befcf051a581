/**
 * CSV for Excel: UTF-8 with a byte-order mark (so Excel on Windows reads Chinese), CRLF line
 * ends, fields quoted when they hold a comma, quote or line break; null is an empty field.
 * Text that a spreadsheet would run as a formula (starting with = + - @, tab or CR) is neutralised
 * with a leading apostrophe: names and notes come from other devices and must never execute.
 */
export type CsvValue = string | number | null;

function cell(v: CsvValue): string {
  const raw = v === null ? '' : String(v);
  const s = typeof v === 'string' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
