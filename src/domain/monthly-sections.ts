/**
 * The monthly report as sections: one model that the screen (`<monthly-report>`), the PDF
 * (`monthly-layout.ts`) and the CSV (`report-csv.ts`) all draw, so their titles, columns and
 * charts cannot drift apart. Cells are display values ('—' for no value); column widths are the
 * PDF's (points on A4), which the screen and the CSV ignore. Charts are the tables' own numbers
 * drawn (the CSV leaves them out); the PDF draws a line chart as bars.
 */
import { LINE_NAMES, LINES, type MonthlyReport, type ScoreStats } from './aggregate';
import { GRADE_NAMES } from './scoring';
import { formatTenths } from './tenths';
import { handbookHref } from './links';
import { CONTENT_W } from './page-layout';

export type Cell = string | number;
export interface SectionTable {
  kind: 'table';
  columns: { title: string; width: number }[];
  rows: Cell[][];
  /** Rows that need attention (drawn in red in the PDF). */
  alert?: boolean;
}
export interface SectionChart {
  kind: 'chart';
  type: 'bar' | 'line';
  title: string;
  points: { label: string; value: number | null }[];
  /** Scale (tenths): 1000 for scores. */
  max: number;
  /** The pass score (tenths), marked on score charts. */
  passLine?: number;
  /** Values are whole counts (inspections), not tenths: printed as 2, not 0.2. */
  counts?: true;
}
export interface SectionNote {
  kind: 'note';
  text: string;
}
export interface MonthlySection {
  title: string;
  blocks: (SectionTable | SectionChart | SectionNote)[];
}

const pct = (t: number | null) => (t === null ? '—' : formatTenths(t));
const pctSign = (t: number | null) => (t === null ? '—' : `${formatTenths(t)}%`);
const stats = (s: ScoreStats): Cell[] => [s.count, pct(s.meanOfScores), pct(s.pooled)];
const rest = (...widths: number[]) => CONTENT_W - widths.reduce((a, b) => a + b, 0);
const table = (columns: [string, number][], rows: Cell[][], alert = false): SectionTable => ({
  kind: 'table',
  columns: columns.map(([title, width]) => ({ title, width })),
  rows,
  ...(alert ? { alert } : {}),
});
const statTable = (first: string, rows: Cell[][]) =>
  table(
    [
      [first, 120],
      ['检查次数', 100],
      ['平均分', 100],
      ['总得分率', rest(320)],
    ],
    rows,
  );
const bars = (title: string, points: SectionChart['points'], passLine: number): SectionChart => ({
  kind: 'chart',
  type: 'bar',
  title,
  points,
  max: 1000,
  passLine,
});

/** A chart value as printed: a count as it is, a score in tenths as 85.5. */
export function chartValue(chart: Pick<SectionChart, 'counts'>, value: number | null): string {
  return value === null ? '—' : chart.counts ? String(value) : formatTenths(value);
}

/** The cover's lines: title, scope, what was counted, and the warning when unverified reports count. */
export function monthlyCover(r: MonthlyReport, scope: string, unverified: number): { title: string; lines: string[]; warning?: string } {
  return {
    title: `${r.month.replace('-', ' 年 ')} 月 品质报告`,
    lines: [scope, `检查 ${r.inspections} 次 · 满意度问卷 ${r.surveys.count} 份`],
    ...(unverified ? { warning: `注意：本报告计入了 ${unverified} 份未经验证（签名人未登记、未签名或签名不符）的报告。` } : {}),
  };
}

/** Every section of the month, in order. `passScore` in points (80), marked on the score charts. */
export function monthlySections(r: MonthlyReport, passScore: number): MonthlySection[] {
  const pass = passScore * 10;
  const rc = r.rectifications;
  return [
    {
      title: '总体情况',
      blocks: [
        table(
          [
            ['检查次数', 70],
            ['平均分（各次平均）', 110],
            ['总得分率（按分值加权）', 130],
            ['优秀', 60],
            ['合格', 60],
            ['不合格', rest(430)],
          ],
          [[r.inspections, pct(r.overall.meanOfScores), pct(r.overall.pooled), r.grades.excellent, r.grades.pass, r.grades.fail]],
        ),
        { kind: 'note', text: '“平均分”把每次检查同等看待；“总得分率”以合计得分除以合计适用分值，检查项多的检查表影响更大。' },
      ],
    },
    {
      title: '各专业线与项目',
      blocks: [
        bars(
          '各专业线平均分',
          LINES.map((l) => ({ label: LINE_NAMES[l], value: r.byLine[l].meanOfScores })),
          pass,
        ),
        statTable(
          '专业线',
          LINES.map((l) => [LINE_NAMES[l], ...stats(r.byLine[l])]),
        ),
        bars(
          '各项目平均分',
          r.byProject.map((p) => ({ label: p.project, value: p.stats.meanOfScores })),
          pass,
        ),
        statTable(
          '项目',
          r.byProject.map((p) => [p.project, ...stats(p.stats)]),
        ),
      ],
    },
    {
      title: '等级分布与不合格检查',
      blocks: [
        {
          kind: 'chart',
          type: 'bar',
          title: '等级分布（次）',
          points: (['excellent', 'pass', 'fail'] as const).map((g) => ({ label: GRADE_NAMES[g], value: r.grades[g] })),
          max: Math.max(1, ...Object.values(r.grades)),
          counts: true,
        },
        table(
          [
            ['低于合格线的检查', 200],
            ['项目', 120],
            ['得分', 70],
            ['日期', rest(390)],
          ],
          r.belowPass.map((b) => [b.templateTitle, b.project, pct(b.score), b.inspectedAt.slice(0, 10)]),
          true,
        ),
        table(
          [
            ['否决项不符合的检查', 200],
            ['项目', 120],
            ['日期', rest(320)],
          ],
          r.vetoFailures.map((v) => [v.templateTitle, v.project, v.inspectedAt.slice(0, 10)]),
          true,
        ),
      ],
    },
    {
      title: '近六个月趋势',
      blocks: [
        {
          kind: 'chart',
          type: 'line',
          title: '月平均分',
          points: r.trend.map((t) => ({ label: `${Number(t.month.slice(5))}月`, value: t.stats.meanOfScores })),
          max: 1000,
          passLine: pass,
        },
        statTable(
          '月份',
          r.trend.map((t) => [t.month, ...stats(t.stats)]),
        ),
      ],
    },
    {
      title: '最常失分的检查项（前 10）',
      blocks: [
        table(
          [
            ['检查项', 160],
            ['检查表', 110],
            ['失分次数', 50],
            ['适用次数', 50],
            ['手册依据', rest(370)],
          ],
          r.topItems.map((i) => [i.itemText, i.templateTitle, i.times, i.applicable, i.sop ? handbookHref(i.sop, { anchor: false }) : '']),
        ),
      ],
    },
    {
      title: '整改情况',
      blocks: [
        table(
          [
            ['新开', 70],
            ['已整改', 70],
            ['已复查', 70],
            ['逾期未整改', 70],
            ['整改完成率', 90],
            ['整改用时中位数（天）', rest(370)],
          ],
          [[rc.opened, rc.closed, rc.verified, rc.overdue, pctSign(rc.closureRate), rc.medianDaysToClose ?? '—']],
        ),
      ],
    },
    {
      title: '客户满意度',
      blocks: [
        table(
          [
            ['问卷份数', 100],
            ['有效回答', 100],
            ['满意率', 100],
            ['平均分（5 分制）', rest(300)],
          ],
          [[r.surveys.count, r.surveys.overall.answered, pctSign(r.surveys.overall.rate), pct(r.surveys.overall.mean)]],
        ),
        table(
          [
            ['问题', 240],
            ['有效回答', 80],
            ['满意率', 80],
            ['平均分', rest(400)],
          ],
          r.surveys.questions.map((q) => [q.text, q.tally.answered, pctSign(q.tally.rate), pct(q.tally.mean)]),
        ),
      ],
    },
    {
      title: '检查覆盖',
      blocks: [
        table(
          [
            ['检查人', 90],
            ['检查次数', 50],
            ...LINES.map((l): [string, number] => [LINE_NAMES[l], 45]),
            ['项目', rest(140 + 45 * LINES.length)],
          ],
          r.inspectors.map((i) => [i.inspector, i.total, ...LINES.map((l) => i.byLine[l]), i.projects.join('、')]),
        ),
      ],
    },
  ];
}

/** The sign-off roles, on every rendering. */
export const SIGN_OFF_ROLES = ['编制', '审核', '批准'] as const;
