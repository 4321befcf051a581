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
import { wrapText, type Measure } from './text-wrap';

export const A4 = { width: 595.28, height: 841.89 } as const;
const MARGIN = { top: 56, bottom: 56, left: 48, right: 48 };
const CONTENT_W = A4.width - MARGIN.left - MARGIN.right;
const GREY = [0.35, 0.38, 0.4] as const;
const LINE = [0.75, 0.78, 0.78] as const;
const BRAND = [0.06, 0.36, 0.3] as const;
const RED = [0.62, 0.1, 0.08] as const;

export type Rgb = readonly [number, number, number];
export type Op =
  | { kind: 'text'; x: number; y: number; size: number; bold?: boolean; color?: Rgb; text: string }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; width: number; color?: Rgb }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill?: Rgb; stroke?: Rgb }
  | { kind: 'image'; imageId: string; x: number; y: number; w: number; h: number };

export interface PageModel {
  ops: Op[];
}

export interface ReportPhoto {
  id: string;
  itemId: string;
  width: number;
  height: number;
}

export interface ReportSignature {
  role: string;
  name: string;
  signedAt: string;
  imageId?: string;
  width?: number;
  height?: number;
}

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

/** Measures text at a size; the renderer supplies one from the embedded font. */
export type SizedMeasure = (text: string, size: number, bold?: boolean) => number;

interface Column {
  title: string;
  width: number;
}

class Layout {
  pages: PageModel[] = [];
  y = 0;
  constructor(
    private readonly measure: SizedMeasure,
    private readonly header: (page: PageModel) => void,
  ) {
    this.newPage();
  }

  get page(): PageModel {
    return this.pages.at(-1)!;
  }

  newPage(): void {
    this.pages.push({ ops: [] });
    this.header(this.page);
    this.y = MARGIN.top + 28;
  }

  /** Starts a new page unless `height` still fits. */
  ensure(height: number): boolean {
    if (this.y + height <= A4.height - MARGIN.bottom) return false;
    this.newPage();
    return true;
  }

  lines(text: string, width: number, size: number, bold = false): string[] {
    const m: Measure = (s) => this.measure(s, size, bold);
    return wrapText(text, width, m);
  }

  paragraph(text: string, opts: { size?: number; bold?: boolean; color?: Rgb; x?: number; width?: number; gap?: number } = {}): void {
    const size = opts.size ?? 10;
    const lead = size * 1.5;
    for (const line of this.lines(text, opts.width ?? CONTENT_W, size, opts.bold)) {
      this.ensure(lead);
      this.page.ops.push({ kind: 'text', x: opts.x ?? MARGIN.left, y: this.y + size, size, bold: opts.bold, color: opts.color, text: line });
      this.y += lead;
    }
    this.y += opts.gap ?? 4;
  }

  heading(text: string, keepWith = 60): void {
    this.ensure(22 + keepWith);
    this.y += 6;
    this.page.ops.push({ kind: 'text', x: MARGIN.left, y: this.y + 13, size: 13, bold: true, color: BRAND, text });
    this.y += 20;
    this.page.ops.push({ kind: 'line', x1: MARGIN.left, y1: this.y, x2: A4.width - MARGIN.right, y2: this.y, width: 0.8, color: BRAND });
    this.y += 6;
  }

  /** A table whose rows never split; the header row repeats on every page the table reaches. */
  table(columns: Column[], rows: { cells: string[]; color?: Rgb; fill?: Rgb }[], size = 8.5, withHeader = true): void {
    const pad = 3;
    const lead = size * 1.45;
    const drawHeader = () => {
      if (!withHeader) return;
      const h = lead + pad * 2;
      this.page.ops.push({ kind: 'rect', x: MARGIN.left, y: this.y, w: CONTENT_W, h, fill: [0.93, 0.96, 0.95] });
      let x = MARGIN.left;
      for (const c of columns) {
        this.page.ops.push({ kind: 'text', x: x + pad, y: this.y + pad + size, size, bold: true, text: c.title });
        x += c.width;
      }
      this.y += h;
    };
    this.ensure(lead * 3 + pad * 4);
    drawHeader();
    for (const row of rows) {
      const cellLines = row.cells.map((cell, i) => this.lines(cell, columns[i]!.width - pad * 2, size));
      const h = Math.max(...cellLines.map((l) => l.length)) * lead + pad * 2;
      if (this.ensure(h)) drawHeader();
      if (row.fill) this.page.ops.push({ kind: 'rect', x: MARGIN.left, y: this.y, w: CONTENT_W, h, fill: row.fill });
      let x = MARGIN.left;
      cellLines.forEach((lines, i) => {
        lines.forEach((line, j) => {
          this.page.ops.push({ kind: 'text', x: x + pad, y: this.y + pad + size + j * lead, size, color: row.color, text: line });
        });
        x += columns[i]!.width;
      });
      this.y += h;
      this.page.ops.push({ kind: 'line', x1: MARGIN.left, y1: this.y, x2: A4.width - MARGIN.right, y2: this.y, width: 0.4, color: LINE });
    }
    this.y += 8;
  }
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

export function layoutReport(input: ReportInput, measure: SizedMeasure): PageModel[] {
  const { template, record } = input;
  const score = scoreInspection(template, record.answers);
  const trace = scoreTrace(template, score);
  const itemScore = new Map(score.items.map((s) => [s.itemId, s]));
  const layout = new Layout(measure, (page) => {
    page.ops.push({ kind: 'text', x: MARGIN.left, y: MARGIN.top - 14, size: 8, color: GREY, text: `${input.company} · ${record.project}` });
    const right = `${template.title} · 版本 ${record.templateVersion}`;
    page.ops.push({ kind: 'text', x: A4.width - MARGIN.right - measure(right, 8), y: MARGIN.top - 14, size: 8, color: GREY, text: right });
    page.ops.push({ kind: 'line', x1: MARGIN.left, y1: MARGIN.top - 8, x2: A4.width - MARGIN.right, y2: MARGIN.top - 8, width: 0.5, color: LINE });
  });

  // Title and facts.
  layout.paragraph(`${template.title}报告`, { size: 18, bold: true, gap: 6 });
  const when = record.inspectedAt.slice(0, 16).replace('T', ' ');
  layout.table(
    [{ title: '项目', width: 70 }, { title: '内容', width: CONTENT_W - 70 }],
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
    [{ title: '部分', width: 220 }, { title: '得分/适用分值', width: 120 }, { title: '得分率', width: CONTENT_W - 340 }],
    score.sections.map((s) => ({
      cells: [s.title, `${formatPoints(s.earned)} / ${formatPoints(s.possible)}`, s.score === null ? '不适用' : `${formatTenths(s.score)}%`],
    })),
  );
  if (trace.length) {
    layout.heading('扣分说明');
    trace.forEach((l, i) => layout.paragraph(`${i + 1}. ${l.sectionTitle} · ${l.itemText}：${l.text}`, { size: 9.5, color: l.veto ? RED : undefined, gap: 1 }));
  }

  // Items.
  layout.heading('检查明细');
  const widths = [112, 150, 52, 40, CONTENT_W - 354];
  layout.table(
    [{ title: '检查项目', width: widths[0]! }, { title: '检查标准', width: widths[1]! }, { title: '结果', width: widths[2]! }, { title: '扣分', width: widths[3]! }, { title: '备注', width: widths[4]! }],
    template.sections.flatMap((section) =>
      section.items
        .flatMap((item) => (item.kind === 'rating' ? [] : [item]))
        .map((item) => {
          const s = itemScore.get(item.id);
          const lost = s && s.lost > 0 ? formatPoints(s.lost) : '';
          return {
            cells: [`${section.title} · ${item.text}${item.veto ? '（否决项）' : ''}`, item.standard, resultText(record, item.id), lost, record.notes[item.id] ?? ''],
            color: s?.vetoFailed ? RED : undefined,
            fill: s && s.lost > 0 ? ([1, 0.96, 0.95] as Rgb) : undefined,
          };
        }),
    ),
  );

  // Rectifications.
  if (input.rectifications.length) {
    layout.heading('整改要求');
    layout.table(
      [{ title: '整改内容', width: 200 }, { title: '责任部门/责任人', width: 110 }, { title: '期限', width: 70 }, { title: '状态', width: CONTENT_W - 380 }],
      input.rectifications.map((r) => ({ cells: [r.description, `${r.department} / ${r.owner}`, r.deadline, RECTIFICATION_STATUS_NAMES[r.status]] })),
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
      layout.ensure(rowH);
      boxes.forEach((b, j) => {
        const x = MARGIN.left + j * (colW + 12);
        layout.page.ops.push({ kind: 'image', imageId: b.p.id, x, y: layout.y, w: b.w, h: b.h });
        const caption = `图 ${i + j + 1}：${itemText.get(b.p.itemId) ?? b.p.itemId}`;
        layout.lines(caption, colW, 8).slice(0, 2).forEach((line, k) => {
          layout.page.ops.push({ kind: 'text', x, y: layout.y + b.h + 11 + k * 11, size: 8, color: GREY, text: line });
        });
      });
      layout.y += rowH;
    }
  }

  // Signatures.
  layout.heading('签字确认', 90);
  layout.ensure(90);
  const sigW = (CONTENT_W - 12) / 2;
  const top = layout.y;
  input.signatures.slice(0, 2).forEach((sig, j) => {
    const x = MARGIN.left + j * (sigW + 12);
    layout.page.ops.push({ kind: 'rect', x, y: top, w: sigW, h: 78, stroke: LINE });
    layout.page.ops.push({ kind: 'text', x: x + 6, y: top + 14, size: 9, bold: true, text: sig.role });
    if (sig.imageId && sig.width && sig.height) {
      const h = 38;
      const w = Math.min(sigW - 12, (sig.width / sig.height) * h);
      layout.page.ops.push({ kind: 'image', imageId: sig.imageId, x: x + 6, y: top + 18, w, h });
    }
    layout.page.ops.push({ kind: 'text', x: x + 6, y: top + 70, size: 8.5, text: `${sig.name} · ${sig.signedAt.slice(0, 16).replace('T', ' ')}` });
  });
  layout.y = top + 86;

  // Footers, now that the page count is known.
  const pages = layout.pages;
  pages.forEach((page, i) => {
    const y = A4.height - MARGIN.bottom + 24;
    page.ops.push({ kind: 'line', x1: MARGIN.left, y1: y - 12, x2: A4.width - MARGIN.right, y2: y - 12, width: 0.5, color: LINE });
    page.ops.push({ kind: 'text', x: MARGIN.left, y, size: 8, color: GREY, text: `第 ${i + 1} 页 / 共 ${pages.length} 页` });
    const right = `记录 ${record.id} · 指纹 ${input.fingerprint}`;
    page.ops.push({ kind: 'text', x: A4.width - MARGIN.right - measure(right, 8), y, size: 8, color: GREY, text: right });
  });
  return pages;
}
