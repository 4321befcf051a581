/**
 * The monthly report as CSV for Excel (see src/domain/csv.ts): the sections of
 * `monthly-sections.ts`, each as its title, then every table with its column titles (charts are
 * the tables' numbers drawn, so they are left out).
 */
import type { MonthlyReport } from './aggregate';
import { toCsv, type CsvValue } from './csv';
import { monthlySections } from './monthly-sections';

export function reportCsv(r: MonthlyReport, opts: { scope?: string; passScore?: number } = {}): string {
  const rows: CsvValue[][] = [['月度品质报告', r.month], ...(opts.scope ? [[opts.scope]] : [])];
  for (const section of monthlySections(r, opts.passScore ?? 80)) {
    rows.push([], [section.title]);
    for (const block of section.blocks) {
      // No value is an empty cell, so Excel can still sum and sort the column ('—' on screen and paper).
      if (block.kind === 'table')
        rows.push(
          block.columns.map((c) => c.title),
          ...block.rows.map((row) => row.map((c) => (c === '—' ? '' : c))),
        );
    }
  }
  return toCsv(rows);
}
