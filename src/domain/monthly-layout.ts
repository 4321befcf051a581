/**
 * The monthly quality report as PDF pages: cover, the sections of `monthly-sections.ts` (the same
 * titles, tables and charts as the screen and the CSV; charts drawn as vector bars), and the
 * sign-off block. Pure, like the inspection report.
 */
import type { MonthlyReport } from './aggregate';
import { formatTenths } from './tenths';
import { A4, addFooters, BRAND, CONTENT_W, GREY, Layout, MARGIN, pageHeader, RED, type PageModel, type SizedMeasure } from './page-layout';
import { monthlyCover, monthlySections, SIGN_OFF_ROLES, type SectionChart } from './monthly-sections';

const pct = (t: number | null) => (t === null ? '—' : formatTenths(t));

function bars(layout: Layout, { title, points: rows, max, passLine }: SectionChart): void {
  const rowH = 16;
  const labelW = 90;
  const chartW = CONTENT_W - labelW - 50;
  layout.ensure(rows.length * rowH + 24);
  layout.page.ops.push({ kind: 'text', x: MARGIN.left, y: layout.y + 10, size: 9.5, bold: true, text: title });
  layout.y += 16;
  const top = layout.y;
  for (const r of rows) {
    const w = r.value === null ? 0 : (r.value / max) * chartW;
    const color = r.value !== null && passLine !== undefined && r.value < passLine ? RED : BRAND;
    layout.page.ops.push({ kind: 'text', x: MARGIN.left, y: layout.y + 10, size: 8.5, text: r.label });
    if (w > 0) layout.page.ops.push({ kind: 'rect', x: MARGIN.left + labelW, y: layout.y + 2, w, h: 10, fill: color });
    layout.page.ops.push({
      kind: 'text',
      x: MARGIN.left + labelW + w + 4,
      y: layout.y + 10,
      size: 8.5,
      text: r.value === null ? '—' : pct(r.value),
    });
    layout.y += rowH;
  }
  if (passLine !== undefined) {
    const x = MARGIN.left + labelW + (passLine / max) * chartW;
    layout.page.ops.push({ kind: 'line', x1: x, y1: top, x2: x, y2: layout.y, width: 0.6, color: RED });
  }
  layout.y += 8;
}

export function layoutMonthly(
  r: MonthlyReport,
  opts: { company: string; scope: string; passScore: number; unverified: number },
  measure: SizedMeasure,
): PageModel[] {
  const layout = new Layout(measure, pageHeader(measure, opts.company, `月度品质报告 · ${r.month}`));
  const cover = monthlyCover(r, opts.scope, opts.unverified);
  layout.y = A4.height * 0.3;
  layout.paragraph(opts.company, { size: 14, color: GREY, gap: 8 });
  layout.paragraph(cover.title, { size: 26, bold: true, color: BRAND, gap: 12 });
  for (const line of cover.lines) layout.paragraph(line, { size: 11, gap: 6 });
  if (cover.warning) layout.paragraph(cover.warning, { size: 10.5, color: RED });
  layout.newPage();

  for (const section of monthlySections(r, opts.passScore)) {
    // A section opening with a chart keeps the chart's first rows with its heading.
    layout.heading(section.title, section.blocks[0]?.kind === 'chart' ? 130 : undefined);
    for (const block of section.blocks) {
      if (block.kind === 'chart') bars(layout, block);
      else if (block.kind === 'note') layout.paragraph(block.text, { size: 8.5, color: GREY });
      else
        layout.table(
          block.columns,
          block.rows.map((row) => ({ cells: row.map(String), ...(block.alert ? { color: RED } : {}) })),
        );
    }
  }

  layout.heading('签字', 60);
  layout.paragraph(SIGN_OFF_ROLES.map((role) => `${role}：＿＿＿＿＿＿`).join('　　'), { size: 11, gap: 10 });
  layout.paragraph(SIGN_OFF_ROLES.map(() => '日期：＿＿＿＿＿＿').join('　　'), { size: 11 });
  addFooters(layout.pages, measure, `月度品质报告 · ${r.month}`);
  return layout.pages;
}
