/**
 * The inspection report as a page model: A4 pages of positioned text, lines, boxes and images,
 * computed from plain data with an injected text measure. Coordinates are points from the top-left
 * corner (the PDF renderer flips them). Rules: table rows are never split across pages and the
 * table header is repeated; a heading is kept with what follows; every page has the header and the
 * footer "第 x 页 / 共 y 页 · 记录编号 · 指纹".
 */
import type { ChecklistTemplate } from './checklist';
import type { InspectionRecord } from './inspection';
import type { Rectification } from './rectification';
import { RECTIFICATION_STATUS_NAMES } from './rectification';
import { GRADE_NAMES, scoreInspection } from './scoring';
import { scoreSummary, scoreTrace } from './score-trace';
import { formatPoints, formatTenths } from './tenths';
import { shortHash } from './photo-stamp';
import { layoutSurveyReport } from './survey-layout';
import {
  addFooters,
  BRAND,
  CONTENT_W,
  GREY,
  Layout,
  MARGIN,
  pageHeader,
  RED,
  signatureBlock,
  signatureSpace,
  type PageModel,
  type Rgb,
  type SignatureBox,
  type SizedMeasure,
} from './page-layout';

export { A4, type Op, type PageModel, type SizedMeasure } from './page-layout';

export interface ReportPhoto {
  id: string;
  itemId: string;
  width: number;
  height: number;
  /** SHA-256 of the stored bytes (from the record); its first 8 digits are printed in the caption. */
  sha256?: string;
  /** Set on an annotated copy: the id of the original printed beside it. */
  originalOf?: string;
}

/** A signer of the report, as the 签字确认 block draws it. */
export type ReportSignature = SignatureBox;

export interface ReportInput {
  company: string;
  template: ChecklistTemplate;
  record: InspectionRecord;
  rectifications: readonly Rectification[];
  photos: readonly ReportPhoto[];
  signatures: readonly ReportSignature[];
  /** Short fingerprint (e.g. first 16 hex of SHA-256) of the canonical record. */
  fingerprint: string;
}

function resultText(record: InspectionRecord, itemId: string): string {
  const a = record.answers[itemId];
  if (!a) return '未答';
  if (a.result === 'pass') return '符合';
  if (a.result === 'fail') return '不符合';
  if (a.result === 'na') return '不适用';
  if (a.result === 'findings') return a.findings === 0 ? '符合' : `${a.findings} 处问题`;
  return a.result === 'rating' ? `${a.rating} 分` : '';
}

/**
 * Every photo the report carries, in template order: an item's own photos, then its
 * rectification's after-photos. Taken from the record (a revision lists its original's photos),
 * never from where the files happen to be stored.
 */
export function reportPhotoIds(
  template: ChecklistTemplate,
  record: Pick<InspectionRecord, 'photos'>,
  rectifications: readonly Pick<Rectification, 'itemId' | 'afterPhotos'>[],
): string[] {
  const after = new Map(rectifications.map((r) => [r.itemId, r.afterPhotos]));
  const ids = template.sections.flatMap((s) => s.items.flatMap((i) => [...(record.photos[i.id] ?? []), ...(after.get(i.id) ?? [])]));
  return [...new Set(ids)];
}

const AFTER = ':after';

export function layoutReport(input: ReportInput, measure: SizedMeasure): PageModel[] {
  const { template, record } = input;
  // A survey has ratings, not points: its own content between the same header and signatures.
  if (template.kind === 'survey') return layoutSurveyReport(input, measure);
  const score = scoreInspection(template, record.answers);
  const trace = scoreTrace(template, score);
  const itemScore = new Map(score.items.map((s) => [s.itemId, s]));
  const layout = new Layout(
    measure,
    pageHeader(measure, `${input.company} · ${record.project}`, `${template.title} · 版本 ${record.templateVersion}`),
  );

  // Title and facts.
  layout.paragraph(`${template.title}报告`, { size: 18, bold: true, gap: 6 });
  const when = record.inspectedAt.slice(0, 16).replace('T', ' ');
  layout.table(
    [
      { title: '项目', width: 70 },
      { title: '内容', width: CONTENT_W - 70 },
    ],
    [
      { cells: ['项目', record.project] },
      { cells: ['区域/楼栋', record.area] },
      { cells: ['检查人', record.inspector] },
      { cells: ['检查时间', when] },
      { cells: ['检查表版本', `${template.id} · ${record.templateVersion}`] },
      { cells: ['记录编号', `${record.id}${record.revision > 1 ? `（第 ${record.revision} 版，更正 ${record.revisionOf}）` : ''}`] },
    ],
    9,
    false,
  );

  // Summary.
  layout.heading('检查结论');
  const grade = score.grade ? GRADE_NAMES[score.grade] : '—';
  layout.paragraph(`总分 ${score.score === null ? '—' : formatTenths(score.score)}　等级 ${grade}`, {
    size: 16,
    bold: true,
    color: score.grade === 'fail' ? RED : BRAND,
    gap: 2,
  });
  layout.paragraph(scoreSummary(score), { size: 10 });
  layout.table(
    [
      { title: '部分', width: 220 },
      { title: '得分/适用分值', width: 120 },
      { title: '得分率', width: CONTENT_W - 340 },
    ],
    score.sections.map((s) => ({
      cells: [
        s.title,
        `${formatPoints(s.earned)} / ${formatPoints(s.possible)}`,
        s.score === null ? '不适用' : `${formatTenths(s.score)}%`,
      ],
    })),
  );
  if (trace.length) {
    layout.heading('扣分说明');
    trace.forEach((l, i) =>
      layout.paragraph(`${i + 1}. ${l.sectionTitle} · ${l.itemText}：${l.text}`, { size: 9.5, color: l.veto ? RED : undefined, gap: 1 }),
    );
  }

  // The signature block must never stand alone on the last page: whatever comes last before it
  // (the last photo row, else the last rectification row, else the last item row) keeps room for it.
  const signed = `确认内容：${template.title}，总分 ${score.score === null ? '—' : formatTenths(score.score)}，等级 ${grade}；扣分 ${trace.length} 项，整改要求 ${input.rectifications.length} 项，现场照片 ${input.photos.length} 张。`;
  const sigNeeded = signatureSpace(layout, signed).needed;
  const hasRects = input.rectifications.length > 0;
  const hasPhotos = input.photos.length > 0;

  // Items.
  layout.heading('检查明细');
  const widths = [112, 150, 52, 40, CONTENT_W - 354];
  layout.table(
    [
      { title: '检查项目', width: widths[0]! },
      { title: '检查标准', width: widths[1]! },
      { title: '结果', width: widths[2]! },
      { title: '扣分', width: widths[3]! },
      { title: '备注', width: widths[4]! },
    ],
    template.sections.flatMap((section) =>
      section.items
        .flatMap((item) => (item.kind === 'rating' ? [] : [item]))
        .map((item) => {
          const s = itemScore.get(item.id);
          const lost = s && s.lost > 0 ? formatPoints(s.lost) : '';
          return {
            cells: [
              `${section.title} · ${item.text}${item.veto ? '（否决项）' : ''}`,
              item.standard,
              resultText(record, item.id),
              lost,
              record.notes[item.id] ?? '',
            ],
            color: s?.vetoFailed ? RED : undefined,
            fill: s && s.lost > 0 ? ([1, 0.96, 0.95] as Rgb) : undefined,
          };
        }),
    ),
    8.5,
    true,
    hasRects || hasPhotos ? 0 : sigNeeded,
  );

  // Rectifications.
  // In template order, each numbered as its line in 扣分说明 so the two can be read side by side.
  if (input.rectifications.length) {
    const order = new Map(template.sections.flatMap((s) => s.items).map((i, k) => [i.id, k]));
    const traceNo = new Map(trace.map((l, k) => [l.itemId, k + 1]));
    const rects = [...input.rectifications].sort((a, b) => (order.get(a.itemId) ?? 1e9) - (order.get(b.itemId) ?? 1e9));
    layout.heading('整改要求');
    layout.table(
      [
        { title: '序号', width: 44 },
        { title: '整改内容', width: 180 },
        { title: '责任部门/责任人', width: 100 },
        { title: '期限', width: 66 },
        { title: '状态', width: CONTENT_W - 390 },
      ],
      rects.map((r) => ({
        cells: [
          traceNo.has(r.itemId) ? `扣分 ${traceNo.get(r.itemId)}` : '—',
          r.description,
          `${r.department} / ${r.owner}`,
          r.deadline,
          RECTIFICATION_STATUS_NAMES[r.status],
        ],
      })),
      8.5,
      true,
      hasPhotos ? 0 : sigNeeded,
    );
  }

  // Photos, two per row, each with a caption naming its item.
  if (input.photos.length) {
    layout.heading('现场照片', 200);
    const itemText = new Map(template.sections.flatMap((s) => s.items.map((i) => [i.id, `${s.title} · ${i.text}`] as const)));
    const colW = (CONTENT_W - 12) / 2;
    for (let i = 0; i < input.photos.length; i += 2) {
      const row = input.photos.slice(i, i + 2);
      const boxes = row.map((p) => {
        const w = Math.min(colW, (p.width / p.height) * 170);
        return { p, w, h: (w * p.height) / p.width };
      });
      const rowH = Math.max(...boxes.map((b) => b.h)) + 30;
      layout.ensure(rowH + (i + 2 >= input.photos.length ? sigNeeded : 0));
      boxes.forEach((b, j) => {
        const x = MARGIN.left + j * (colW + 12);
        layout.page.ops.push({ kind: 'image', imageId: b.p.id, x, y: layout.y, w: b.w, h: b.h });
        const after = b.p.itemId.endsWith(AFTER);
        const itemId = after ? b.p.itemId.slice(0, -AFTER.length) : b.p.itemId;
        const tags = [after && '整改后', b.p.originalOf && '标注'].filter(Boolean).join('，');
        const caption = `图 ${i + j + 1}：${itemText.get(itemId) ?? itemId}${tags ? `（${tags}）` : ''}${b.p.sha256 ? ` · SHA-256 ${shortHash(b.p.sha256)}` : ''}`;
        layout
          .lines(caption, colW, 8)
          .slice(0, 2)
          .forEach((line, k) => {
            layout.page.ops.push({ kind: 'text', x, y: layout.y + b.h + 11 + k * 11, size: 8, color: GREY, text: line });
          });
      });
      layout.y += rowH;
    }
  }

  // Signatures, with a statement of what is signed; kept with the last piece above (sigNeeded).
  signatureBlock(layout, signed, input.signatures);

  addFooters(layout.pages, measure, `记录 ${record.id} · 指纹 ${input.fingerprint}`);
  return layout.pages;
}
