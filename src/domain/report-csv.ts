/** The monthly report's numbers as CSV for Excel (see src/domain/csv.ts). */
import { LINE_NAMES, LINES, type MonthlyReport, type ScoreStats } from './aggregate';
import { formatTenths } from './tenths';
import { toCsv, type CsvValue } from './csv';

const score = (t: number | null) => (t === null ? '' : formatTenths(t));
const statRow = (name: string, s: ScoreStats) => [name, s.count, score(s.meanOfScores), score(s.pooled)];

export function reportCsv(r: MonthlyReport): string {
  const rows: CsvValue[][] = [
    ['月度品质报告', r.month],
    [],
    ['范围', '检查次数', '平均分（各次得分的平均）', '总得分率（合计得分÷合计适用分值）'],
    statRow('全部', r.overall),
    ...LINES.map((l) => statRow(`专业线：${LINE_NAMES[l]}`, r.byLine[l])),
    ...r.byProject.map((p) => statRow(`项目：${p.project}`, p.stats)),
    [],
    ['等级', '次数'],
    ['优秀', r.grades.excellent],
    ['合格', r.grades.pass],
    ['不合格', r.grades.fail],
    [],
    ['近六个月', '检查次数', '平均分', '总得分率'],
    ...r.trend.map((t) => statRow(t.month, t.stats)),
    [],
    ['最常失分的检查项', '检查表', '失分次数', '适用次数', '手册依据'],
    ...r.topItems.map((i) => [i.itemText, i.templateTitle, i.times, i.applicable, i.sop]),
    [],
    ['整改', '新开', '已整改', '已复查', '逾期', '整改完成率', '整改用时中位数（天）'],
    [
      '',
      r.rectifications.opened,
      r.rectifications.closed,
      r.rectifications.verified,
      r.rectifications.overdue,
      r.rectifications.closureRate === null ? '' : `${formatTenths(r.rectifications.closureRate)}%`,
      r.rectifications.medianDaysToClose,
    ],
    [],
    ['满意度问题', '有效回答', '满意率', '平均分（5 分制）'],
    [
      '全部问卷',
      r.surveys.overall.answered,
      r.surveys.overall.rate === null ? '' : `${formatTenths(r.surveys.overall.rate)}%`,
      score(r.surveys.overall.mean),
    ],
    ...r.surveys.questions.map((q) => [
      q.text,
      q.tally.answered,
      q.tally.rate === null ? '' : `${formatTenths(q.tally.rate)}%`,
      score(q.tally.mean),
    ]),
    [],
    ['检查人', '检查次数', ...LINES.map((l) => LINE_NAMES[l]), '项目'],
    ...r.inspectors.map((i) => [i.inspector, i.total, ...LINES.map((l) => i.byLine[l]), i.projects.join('、')]),
  ];
  return toCsv(rows);
}
