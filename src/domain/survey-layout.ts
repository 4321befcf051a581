/**
 * The survey report (满意度调查报告) as a page model: the same header, facts, signature block and
 * footer as an inspection report, but the content is the satisfaction rate, the mean and every
 * question's rating — a survey has no points, deductions or rectifications.
 */
import type { ReportInput } from './report-layout';
import { RATING_NAMES, scoreSurvey, type Rating } from './survey';
import { formatTenths } from './tenths';
import {
  addFooters,
  BRAND,
  CONTENT_W,
  Layout,
  pageHeader,
  signatureBlock,
  signatureSpace,
  type PageModel,
  type SizedMeasure,
} from './page-layout';

function ratingText(input: ReportInput, itemId: string): string {
  const a = input.record.answers[itemId];
  if (a?.result === 'na') return '不适用';
  if (a?.result !== 'rating') return '未答';
  return `${a.rating} 分 · ${RATING_NAMES[a.rating as Rating] ?? ''}`;
}

export function layoutSurveyReport(input: ReportInput, measure: SizedMeasure): PageModel[] {
  const { template, record } = input;
  const result = scoreSurvey(template, record.answers);
  const layout = new Layout(
    measure,
    pageHeader(measure, `${input.company} · ${record.project}`, `${template.title} · 版本 ${record.templateVersion}`),
  );
  layout.paragraph(`${template.title}报告`, { size: 18, bold: true, gap: 6 });
  layout.table(
    [
      { title: '项目', width: 70 },
      { title: '内容', width: CONTENT_W - 70 },
    ],
    [
      { cells: ['项目', record.project] },
      { cells: ['楼栋/房号', record.area] },
      { cells: ['调查员', record.inspector] },
      { cells: ['调查时间', record.inspectedAt.slice(0, 16).replace('T', ' ')] },
      { cells: ['问卷版本', `${template.id} · ${record.templateVersion}`] },
      { cells: ['记录编号', `${record.id}${record.revision > 1 ? `（第 ${record.revision} 版，更正 ${record.revisionOf}）` : ''}`] },
    ],
    9,
    false,
  );

  const o = result.overall;
  const rate = o.rate === null ? '—' : `${formatTenths(o.rate)}%`;
  const mean = o.mean === null ? '—' : formatTenths(o.mean);
  layout.heading('调查结果');
  layout.paragraph(`满意率 ${rate}　平均分 ${mean}`, { size: 16, bold: true, color: BRAND, gap: 2 });
  layout.paragraph(`作答 ${o.answered} 题，其中满意（非常满意或满意）${o.satisfied} 题；不适用的题目不计入。`, { size: 10 });

  const signed = `确认内容：${template.title}，作答 ${o.answered} 题，满意率 ${rate}，平均分 ${mean}。`;
  const sigNeeded = signatureSpace(layout, signed).needed;

  layout.heading('问卷明细');
  const rows = template.sections.flatMap((section) =>
    section.items.flatMap((item) => (item.kind === 'rating' ? [{ cells: [section.title, item.text, ratingText(input, item.id)] }] : [])),
  );
  layout.table(
    [
      { title: '部分', width: 100 },
      { title: '问题', width: CONTENT_W - 200 },
      { title: '评分', width: 100 },
    ],
    rows,
    8.5,
    true,
    sigNeeded,
  );

  signatureBlock(layout, signed, input.signatures);
  addFooters(layout.pages, measure, `记录 ${record.id} · 指纹 ${input.fingerprint}`);
  return layout.pages;
}
