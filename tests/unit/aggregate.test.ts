// Monthly aggregation against hand-computed figures (see the comments for the arithmetic).
import { describe, expect, it } from 'vitest';
import type { ChecklistTemplate, ItemAnswer } from '../../src/domain/checklist';
import { finalize, newInspection, setAnswer, type InspectionRecord } from '../../src/domain/inspection';
import { monthlyReport, type Collected } from '../../src/domain/aggregate';
import type { Rectification } from '../../src/domain/rectification';

const T: ChecklistTemplate = {
  id: 'cs',
  title: '客服专业线品质检查',
  kind: 'inspection',
  line: 'customer',
  version: 'v1',
  grades: { excellent: 90, pass: 80 },
  rectificationDays: 3,
  sections: [
    {
      id: 's1',
      title: '前台',
      items: [
        { id: 'a', kind: 'check', text: '检查a', standard: '', method: '', points: 10, sop: 'p/a' },
        { id: 'b', kind: 'check', text: '检查b', standard: '', method: '', points: 10, sop: 'p/b' },
      ],
    },
    {
      id: 's2',
      title: '区管',
      items: [
        { id: 'c', kind: 'deduct', text: '检查c', standard: '', method: '', points: 10, perFinding: 5, sop: 'p/c' },
        { id: 'v', kind: 'check', text: '检查v', standard: '', method: '', points: 5, veto: true, sop: 'p/v' },
      ],
    },
  ],
};
const S: ChecklistTemplate = {
  id: 'sv',
  title: '日常客户满意度调查',
  kind: 'survey',
  line: 'survey',
  version: 'v1',
  grades: { excellent: 90, pass: 80 },
  rectificationDays: 3,
  sections: [
    {
      id: 'q',
      title: '服务',
      items: [
        { id: 'q1', kind: 'rating', text: '响应速度' },
        { id: 'q2', kind: 'rating', text: '服务态度' },
      ],
    },
  ],
};

function rec(
  t: ChecklistTemplate,
  id: string,
  project: string,
  inspector: string,
  day: string,
  answers: Record<string, ItemAnswer>,
  final = true,
): InspectionRecord {
  const at = `${day}T09:00:00.000+08:00`;
  let r = newInspection(t, { templateId: t.id, project, area: 'x', inspector, inspectedAt: at }, id, at);
  for (const [k, a] of Object.entries(answers)) r = setAnswer(r, k, a, at);
  return final ? finalize(t, r, at) : r;
}
const P: ItemAnswer = { result: 'pass' };
const rect = (
  id: string,
  inspectionId: string,
  status: Rectification['status'],
  created: string,
  deadline: string,
  done?: string,
): Rectification => ({
  id,
  inspectionId,
  itemId: id,
  description: '',
  department: '客服部',
  owner: '王',
  deadline,
  status,
  afterPhotos: [],
  createdAt: `${created}T09:00:00.000+08:00`,
  updatedAt: `${created}T09:00:00.000+08:00`,
  doneAt: done ? `${done}T09:00:00.000+08:00` : undefined,
});

const r1 = rec(T, 'r1', '翠湖花园', '李品质', '2026-11-03', { a: P, b: P, c: { result: 'findings', findings: 0 }, v: P }); // 35/35 = 100.0
const r2 = rec(T, 'r2', '翠湖花园', '王主管', '2026-11-05', { a: { result: 'fail' }, b: P, c: { result: 'findings', findings: 1 }, v: P }); // 20/35 = 57.1
const r3 = rec(T, 'r3', '锦江名苑', '李品质', '2026-11-06', {
  a: P,
  b: { result: 'na' },
  c: { result: 'findings', findings: 2 },
  v: { result: 'fail' },
}); // 10/25 = 40.0, veto
const r4 = rec(T, 'r4', '翠湖花园', '李品质', '2026-11-07', { a: P }, false); // draft: left out
const r5 = {
  ...rec(T, 'r5', '翠湖花园', '李品质', '2026-11-08', { a: { result: 'fail' }, b: P, c: { result: 'findings', findings: 0 }, v: P }),
  supersededBy: 'r1',
}; // replaced: left out
const r6 = rec(T, 'r6', '翠湖花园', '王主管', '2026-10-15', { a: P, b: P, c: { result: 'findings', findings: 0 }, v: P }); // October
const s1 = rec(S, 's1', '翠湖花园', '赵', '2026-11-10', { q1: { result: 'rating', rating: 5 }, q2: { result: 'rating', rating: 4 } });
const s2 = rec(S, 's2', '翠湖花园', '赵', '2026-11-11', { q1: { result: 'rating', rating: 3 }, q2: { result: 'na' } });

const all: Collected[] = [
  { record: r1, rectifications: [] },
  {
    record: r2,
    rectifications: [
      rect('a', 'r2', 'open', '2026-11-05', '2026-11-08'),
      rect('c', 'r2', 'done', '2026-11-05', '2026-11-08', '2026-11-07'),
    ],
  },
  {
    record: r3,
    rectifications: [
      rect('c', 'r3', 'verified', '2026-11-06', '2026-11-09', '2026-11-10'),
      rect('v', 'r3', 'open', '2026-11-06', '2026-11-30'),
    ],
  },
  { record: r4, rectifications: [] },
  { record: r5, rectifications: [rect('a', 'r5', 'open', '2026-11-08', '2026-11-09')] },
  { record: r6, rectifications: [] },
  { record: s1, rectifications: [] },
  { record: s2, rectifications: [] },
];
const report = monthlyReport(all, [T, S], { month: '2026-11', today: '2026-11-20' });

describe('monthlyReport', () => {
  it('counts current, final inspections of the month only', () => {
    expect(report.inspections).toBe(3);
  });
  it('gives both averages', () => {
    // mean of 1000, 571, 400 = 1971 / 3 = 657 → 65.7; pooled 65 / 95 = 68.42 → 68.4
    expect(report.overall).toEqual({ count: 3, meanOfScores: 657, pooled: 684 });
    expect(report.byLine.customer).toEqual(report.overall);
    expect(report.byLine.security).toEqual({ count: 0, meanOfScores: null, pooled: null });
  });
  it('averages per project (half-up)', () => {
    // 翠湖花园: (1000 + 571) / 2 = 785.5 → 786; pooled 55 / 70 = 78.57 → 786
    expect(report.byProject).toEqual([
      { project: '翠湖花园', stats: { count: 2, meanOfScores: 786, pooled: 786 } },
      { project: '锦江名苑', stats: { count: 1, meanOfScores: 400, pooled: 400 } },
    ]);
  });
  it('distributes grades and lists failures apart from veto failures', () => {
    expect(report.grades).toEqual({ excellent: 1, pass: 0, fail: 2 });
    expect(report.belowPass.map((b) => [b.id, b.score])).toEqual([['r2', 571]]);
    expect(report.vetoFailures.map((v) => v.id)).toEqual(['r3']);
  });
  it('shows six months of trend', () => {
    expect(report.trend.map((t) => t.month)).toEqual(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(report.trend[4]!.stats).toEqual({ count: 1, meanOfScores: 1000, pooled: 1000 });
    expect(report.trend[5]!.stats.meanOfScores).toBe(657);
  });
  it('ranks the items most often failed or deducted', () => {
    expect(report.topItems.map((i) => [i.itemId, i.times, i.applicable, i.sop])).toEqual([
      ['c', 2, 3, 'p/c'],
      ['a', 1, 3, 'p/a'],
      ['v', 1, 3, 'p/v'],
    ]);
  });
  it('follows rectifications', () => {
    // opened 4 (r2: a, c; r3: c, v), closed 2, verified 1, overdue 1 (r2 a, due 11-08), closure 50.0 %, median of 2 and 4 days = 3
    // r3 c was due 11-09 and done 11-10: closed late, it keeps counting as 逾期完成.
    expect(report.rectifications).toEqual({
      opened: 4,
      closed: 2,
      verified: 1,
      overdue: 1,
      overdueClosed: 1,
      closureRate: 500,
      medianDaysToClose: 3,
    });
  });
  it('summarises the month’s surveys per question', () => {
    // ratings 5, 4, 3 → satisfied 2/3 = 66.7 %, mean 12/3 = 4.0
    expect(report.surveys.count).toBe(2);
    expect(report.surveys.overall).toMatchObject({ answered: 3, satisfied: 2, rate: 667, mean: 40 });
    expect(report.surveys.questions.map((q) => [q.itemId, q.tally.rate, q.tally.mean])).toEqual([
      ['q1', 500, 40],
      ['q2', 1000, 40],
    ]);
  });
  it('shows who inspected what', () => {
    expect(report.inspectors).toEqual([
      {
        inspector: '李品质',
        total: 2,
        byLine: { customer: 2, security: 0, engineering: 0, environment: 0 },
        projects: ['翠湖花园', '锦江名苑'],
      },
      { inspector: '王主管', total: 1, byLine: { customer: 1, security: 0, engineering: 0, environment: 0 }, projects: ['翠湖花园'] },
    ]);
  });
  it('filters by project and line', () => {
    const only = monthlyReport(all, [T, S], { month: '2026-11', today: '2026-11-20', projects: ['锦江名苑'] });
    expect(only.inspections).toBe(1);
    expect(only.overall.meanOfScores).toBe(400);
    expect(monthlyReport(all, [T, S], { month: '2026-11', today: '2026-11-20', lines: ['security'] }).inspections).toBe(0);
  });
  it('is empty, not broken, for a month without data', () => {
    const empty = monthlyReport(all, [T, S], { month: '2025-01', today: '2026-11-20' });
    expect(empty).toMatchObject({
      inspections: 0,
      overall: { count: 0, meanOfScores: null, pooled: null },
      topItems: [],
      rectifications: { opened: 0, closureRate: null, medianDaysToClose: null },
    });
  });
});

describe('reportCsv', () => {
  it('writes Excel-friendly CSV with both averages', async () => {
    const { reportCsv } = await import('../../src/domain/report-csv');
    const csv = reportCsv(report);
    expect(csv.startsWith('\uFEFF月度品质报告,2026-11\r\n')).toBe(true);
    // Each section as on screen and in the PDF: its title, then each table under its column titles.
    expect(csv).toContain('\r\n总体情况\r\n检查次数,平均分（各次平均）,总得分率（按分值加权）,优秀,合格,不合格\r\n3,65.7,68.4,1,0,2\r\n');
    expect(csv).toContain('\r\n项目,检查次数,平均分,总得分率\r\n翠湖花园,2,78.6,78.6\r\n锦江名苑,1,40.0,40.0\r\n');
    expect(csv).toContain('\r\n整改情况\r\n新开,已整改,已复查,逾期未整改,整改完成率,整改用时中位数（天）\r\n4,2,1,1,50.0%,3\r\n');
    expect(csv).toContain('\r\n检查覆盖\r\n检查人,检查次数,客服,安防,工程,环境,项目\r\n李品质,2,2,0,0,0,翠湖花园、锦江名苑\r\n');
    // Counts in columns of their own (Excel sums and sorts them; "3 / 10" would be text or a date).
    expect(csv).toMatch(/\r\n检查项,检查表,失分次数,适用次数,手册依据\r\n[^,\r\n]+,[^,\r\n]+,\d+,\d+,/);
    // No value is an empty cell in the CSV, '—' only on screen and paper.
    const none = reportCsv({ ...report, rectifications: { ...report.rectifications, medianDaysToClose: null } });
    expect(none).toContain('\r\n4,2,1,1,50.0%,\r\n');
    expect(none).not.toContain('—');
  });
});

describe('one section model for screen, PDF and CSV', () => {
  const measure = (text: string, size: number) => [...text].length * size * 0.9;
  it('the PDF and the CSV show every section title and column title, in the model’s order', async () => {
    const [{ monthlySections }, { layoutMonthly }, { reportCsv }] = await Promise.all([
      import('../../src/domain/monthly-sections'),
      import('../../src/domain/monthly-layout'),
      import('../../src/domain/report-csv'),
    ]);
    const sections = monthlySections(report, 80);
    expect(sections.map((s) => s.title)).toEqual([
      '总体情况',
      '各专业线与项目',
      '等级分布与不合格检查',
      '近六个月趋势',
      '最常失分的检查项（前 10）',
      '整改情况',
      '客户满意度',
      '检查覆盖',
    ]);
    const pdfTexts = layoutMonthly(report, { company: '示例物业', scope: '项目：全部', passScore: 80, unverified: 0 }, measure)
      .flatMap((p) => p.ops)
      .flatMap((o) => (o.kind === 'text' ? [o.text] : []));
    const csvLines = reportCsv(report).replace('\uFEFF', '').split('\r\n');
    let pdfAt = 0;
    let csvAt = 0;
    for (const s of sections) {
      // Found in order: each title, chart title and column title after the one before it.
      const expected = [
        s.title,
        ...s.blocks.flatMap((b) => (b.kind === 'table' ? b.columns.map((c) => c.title) : b.kind === 'chart' ? [b.title] : [])),
      ];
      for (const text of expected) {
        pdfAt = pdfTexts.indexOf(text, pdfAt);
        expect(pdfAt, `PDF: ${text}`).toBeGreaterThan(-1);
      }
      csvAt = csvLines.indexOf(s.title, csvAt);
      expect(csvAt, `CSV: ${s.title}`).toBeGreaterThan(-1);
      for (const b of s.blocks) {
        if (b.kind !== 'table') continue;
        csvAt = csvLines.indexOf(b.columns.map((c) => c.title).join(','), csvAt);
        expect(csvAt, `CSV columns of ${s.title}`).toBeGreaterThan(-1);
      }
    }
  });

  it('prints the grade chart as counts of inspections (2, not 0.2) on screen and in the PDF', async () => {
    const [{ monthlySections, chartValue }, { layoutMonthly }, { barChart }] = await Promise.all([
      import('../../src/domain/monthly-sections'),
      import('../../src/domain/monthly-layout'),
      import('../../src/domain/charts'),
    ]);
    const chart = monthlySections(report, 80)
      .flatMap((s) => s.blocks)
      .find((b) => b.kind === 'chart' && b.title === '等级分布（次）');
    if (chart?.kind !== 'chart') throw new Error('no grade chart');
    expect(chart.points.map((p) => chartValue(chart, p.value))).toEqual(['1', '0', '2']);
    const texts = layoutMonthly(report, { company: '示例物业', scope: '项目：全部', passScore: 80, unverified: 0 }, measure)
      .flatMap((p) => p.ops)
      .flatMap((o) => (o.kind === 'text' ? [o.text] : []));
    const at = texts.indexOf('等级分布（次）');
    expect(texts.slice(at + 1, at + 7)).toEqual(['优秀', '1', '合格', '0', '不合格', '2']);
    const svg = barChart(chart.title, chart.points, chart.max, undefined, (v) => chartValue(chart, v));
    expect(svg).toContain('font-size="12">2</text>');
    expect(svg).not.toContain('0.2');
  });
});
