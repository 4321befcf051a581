/**
 * The monthly quality report as PDF pages: cover, the same sections and tables as the printed
 * page, bar charts drawn as vector boxes, and the sign-off block. Pure, like the inspection report.
 */
import { LINE_NAMES, LINES, type MonthlyReport, type ScoreStats } from './aggregate';
import { formatTenths } from './tenths';
import { A4, addFooters, BRAND, CONTENT_W, GREY, Layout, MARGIN, pageHeader, RED, type PageModel, type SizedMeasure } from './page-layout';

const pct = (t: number | null) => (t === null ? '—' : formatTenths(t));
const pctSign = (t: number | null) => (t === null ? '—' : `${formatTenths(t)}%`);

function bars(layout: Layout, title: string, rows: { label: string; value: number | null }[], max: number, passLine?: number): void {
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

const statCells = (s: ScoreStats) => [String(s.count), pct(s.meanOfScores), pct(s.pooled)];

export function layoutMonthly(
  r: MonthlyReport,
  opts: { company: string; scope: string; passScore: number; unverified: number },
  measure: SizedMeasure,
): PageModel[] {
  const layout = new Layout(measure, pageHeader(measure, opts.company, `月度品质报告 · ${r.month}`));
  // Cover.
  layout.y = A4.height * 0.3;
  layout.paragraph(opts.company, { size: 14, color: GREY, gap: 8 });
  layout.paragraph(`${r.month.replace('-', ' 年 ')} 月 品质报告`, { size: 26, bold: true, color: BRAND, gap: 12 });
  layout.paragraph(opts.scope, { size: 11, gap: 6 });
  layout.paragraph(`检查 ${r.inspections} 次 · 满意度问卷 ${r.surveys.count} 份`, { size: 11, gap: 6 });
  if (opts.unverified)
    layout.paragraph(`注意：本报告计入了 ${opts.unverified} 份未经验证（签名人未登记、未签名或签名不符）的报告。`, {
      size: 10.5,
      color: RED,
    });
  layout.newPage();

  layout.heading('总体情况');
  layout.table(
    [
      { title: '检查次数', width: 70 },
      { title: '平均分（各次平均）', width: 110 },
      { title: '总得分率（按分值加权）', width: 130 },
      { title: '优秀', width: 60 },
      { title: '合格', width: 60 },
      { title: '不合格', width: CONTENT_W - 430 },
    ],
    [
      {
        cells: [
          String(r.inspections),
          pct(r.overall.meanOfScores),
          pct(r.overall.pooled),
          String(r.grades.excellent),
          String(r.grades.pass),
          String(r.grades.fail),
        ],
      },
    ],
  );
  layout.paragraph('“平均分”把每次检查同等看待；“总得分率”以合计得分除以合计适用分值，检查项多的检查表影响更大。', {
    size: 8.5,
    color: GREY,
  });

  layout.heading('各专业线与项目', 130);
  bars(
    layout,
    '各专业线平均分',
    LINES.map((l) => ({ label: LINE_NAMES[l], value: r.byLine[l].meanOfScores })),
    1000,
    opts.passScore * 10,
  );
  layout.table(
    [
      { title: '专业线', width: 120 },
      { title: '检查次数', width: 100 },
      { title: '平均分', width: 100 },
      { title: '总得分率', width: CONTENT_W - 320 },
    ],
    LINES.map((l) => ({ cells: [LINE_NAMES[l], ...statCells(r.byLine[l])] })),
  );
  bars(
    layout,
    '各项目平均分',
    r.byProject.map((p) => ({ label: p.project, value: p.stats.meanOfScores })),
    1000,
    opts.passScore * 10,
  );
  layout.table(
    [
      { title: '项目', width: 120 },
      { title: '检查次数', width: 100 },
      { title: '平均分', width: 100 },
      { title: '总得分率', width: CONTENT_W - 320 },
    ],
    r.byProject.map((p) => ({ cells: [p.project, ...statCells(p.stats)] })),
  );

  layout.heading('不合格与否决项');
  layout.table(
    [
      { title: '低于合格线的检查', width: 200 },
      { title: '项目', width: 120 },
      { title: '得分', width: 70 },
      { title: '日期', width: CONTENT_W - 390 },
    ],
    r.belowPass.map((b) => ({ cells: [b.templateTitle, b.project, pct(b.score), b.inspectedAt.slice(0, 10)], color: RED })),
  );
  layout.table(
    [
      { title: '否决项不符合的检查', width: 200 },
      { title: '项目', width: 120 },
      { title: '日期', width: CONTENT_W - 320 },
    ],
    r.vetoFailures.map((v) => ({ cells: [v.templateTitle, v.project, v.inspectedAt.slice(0, 10)], color: RED })),
  );

  layout.heading('近六个月趋势', 130);
  bars(
    layout,
    '月平均分',
    r.trend.map((t) => ({ label: t.month, value: t.stats.meanOfScores })),
    1000,
    opts.passScore * 10,
  );
  layout.table(
    [
      { title: '月份', width: 120 },
      { title: '检查次数', width: 100 },
      { title: '平均分', width: 100 },
      { title: '总得分率', width: CONTENT_W - 320 },
    ],
    r.trend.map((t) => ({ cells: [t.month, ...statCells(t.stats)] })),
  );

  layout.heading('最常失分的检查项（前 10）');
  layout.table(
    [
      { title: '检查项', width: 170 },
      { title: '检查表', width: 120 },
      { title: '失分/适用', width: 70 },
      { title: '手册依据', width: CONTENT_W - 360 },
    ],
    r.topItems.map((i) => ({
      cells: [i.itemText, i.templateTitle, `${i.times} / ${i.applicable}`, i.sop ? `/handbook/${i.sop.split('#')[0]}/` : ''],
    })),
  );

  const rc = r.rectifications;
  layout.heading('整改情况');
  layout.table(
    [
      { title: '新开', width: 70 },
      { title: '已整改', width: 70 },
      { title: '已复查', width: 70 },
      { title: '逾期', width: 70 },
      { title: '完成率', width: 90 },
      { title: '用时中位数', width: CONTENT_W - 370 },
    ],
    [
      {
        cells: [
          String(rc.opened),
          String(rc.closed),
          String(rc.verified),
          String(rc.overdue),
          pctSign(rc.closureRate),
          rc.medianDaysToClose === null ? '—' : `${rc.medianDaysToClose} 天`,
        ],
      },
    ],
  );

  layout.heading('客户满意度');
  layout.table(
    [
      { title: '问题', width: 240 },
      { title: '有效回答', width: 80 },
      { title: '满意率', width: 80 },
      { title: '平均分', width: CONTENT_W - 400 },
    ],
    [
      { cells: ['全部问卷', String(r.surveys.overall.answered), pctSign(r.surveys.overall.rate), pct(r.surveys.overall.mean)] },
      ...r.surveys.questions.map((q) => ({ cells: [q.text, String(q.tally.answered), pctSign(q.tally.rate), pct(q.tally.mean)] })),
    ],
  );

  layout.heading('检查覆盖');
  layout.table(
    [
      { title: '检查人', width: 90 },
      { title: '次数', width: 50 },
      ...LINES.map((l) => ({ title: LINE_NAMES[l], width: 45 })),
      { title: '项目', width: CONTENT_W - 320 },
    ],
    r.inspectors.map((i) => ({ cells: [i.inspector, String(i.total), ...LINES.map((l) => String(i.byLine[l])), i.projects.join('、')] })),
  );

  layout.heading('签字', 60);
  layout.paragraph('编制：＿＿＿＿＿＿　　审核：＿＿＿＿＿＿　　批准：＿＿＿＿＿＿', { size: 11, gap: 10 });
  layout.paragraph('日期：＿＿＿＿＿＿　　日期：＿＿＿＿＿＿　　日期：＿＿＿＿＿＿', { size: 11 });
  addFooters(layout.pages, measure, `月度品质报告 · ${r.month}`);
  return layout.pages;
}
