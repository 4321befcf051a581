/**
 * A small page-layout engine for A4 PDF reports: positioned text, lines, boxes and images,
 * computed from plain data with an injected text measure. Coordinates are points from the
 * top-left corner (the renderer flips them). Table rows never split across pages and the table
 * header repeats; a heading is kept with what follows.
 */
import { wrapText, type Measure } from './text-wrap';

export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGIN = { top: 56, bottom: 56, left: 48, right: 48 };
export const CONTENT_W = A4.width - MARGIN.left - MARGIN.right;
export const GREY = [0.35, 0.38, 0.4] as const;
export const LINE = [0.75, 0.78, 0.78] as const;
export const BRAND = [0.06, 0.36, 0.3] as const;
export const RED = [0.62, 0.1, 0.08] as const;

export type Rgb = readonly [number, number, number];
export type Op =
  | { kind: 'text'; x: number; y: number; size: number; bold?: boolean; color?: Rgb; text: string }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; width: number; color?: Rgb }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill?: Rgb; stroke?: Rgb }
  | { kind: 'image'; imageId: string; x: number; y: number; w: number; h: number };

export interface PageModel {
  ops: Op[];
}

/** Measures text at a size; the renderer supplies one from the embedded font. */
export type SizedMeasure = (text: string, size: number, bold?: boolean) => number;

export interface Column {
  title: string;
  width: number;
}

export class Layout {
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
      this.page.ops.push({
        kind: 'text',
        x: opts.x ?? MARGIN.left,
        y: this.y + size,
        size,
        bold: opts.bold,
        color: opts.color,
        text: line,
      });
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
  /** `keepLastWith`: room kept after the last row for what must follow it on the same page. */
  table(columns: Column[], rows: { cells: string[]; color?: Rgb; fill?: Rgb }[], size = 8.5, withHeader = true, keepLastWith = 0): void {
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
    // An empty table still says so, rather than leaving a bare header.
    const body = rows.length ? rows : [{ cells: ['（无）', ...columns.slice(1).map(() => '')], color: GREY }];
    body.forEach((row, k) => {
      const cellLines = row.cells.map((cell, i) => this.lines(cell, columns[i]!.width - pad * 2, size));
      const h = Math.max(...cellLines.map((l) => l.length)) * lead + pad * 2;
      if (this.ensure(h + (k === body.length - 1 ? keepLastWith : 0))) drawHeader();
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
    });
    this.y += 8;
  }
}

/** Footers on every page once the page count is known: "第 x 页 / 共 y 页" on the left. */
export function addFooters(pages: PageModel[], measure: SizedMeasure, right: string): void {
  pages.forEach((page, i) => {
    const y = A4.height - MARGIN.bottom + 24;
    page.ops.push({ kind: 'line', x1: MARGIN.left, y1: y - 12, x2: A4.width - MARGIN.right, y2: y - 12, width: 0.5, color: LINE });
    page.ops.push({ kind: 'text', x: MARGIN.left, y, size: 8, color: GREY, text: `第 ${i + 1} 页 / 共 ${pages.length} 页` });
    page.ops.push({ kind: 'text', x: A4.width - MARGIN.right - measure(right, 8), y, size: 8, color: GREY, text: right });
  });
}

/** The running header: left and right texts over a thin rule. */
export function pageHeader(measure: SizedMeasure, left: string, right: string): (page: PageModel) => void {
  return (page) => {
    page.ops.push({ kind: 'text', x: MARGIN.left, y: MARGIN.top - 14, size: 8, color: GREY, text: left });
    page.ops.push({ kind: 'text', x: A4.width - MARGIN.right - measure(right, 8), y: MARGIN.top - 14, size: 8, color: GREY, text: right });
    page.ops.push({
      kind: 'line',
      x1: MARGIN.left,
      y1: MARGIN.top - 8,
      x2: A4.width - MARGIN.right,
      y2: MARGIN.top - 8,
      width: 0.5,
      color: LINE,
    });
  };
}

/** One signer as the 签字确认 block draws it (a drawn signature is an image of width × height). */
export interface SignatureBox {
  role: string;
  name: string;
  signedAt: string;
  imageId?: string;
  width?: number;
  height?: number;
}

/** Height of the statement of what is signed, and the room the whole block needs (to keep the piece above with it). */
export function signatureSpace(layout: Layout, signed: string): { signedH: number; needed: number } {
  const signedH = layout.lines(signed, CONTENT_W, 9.5).length * 9.5 * 1.5 + 4;
  return { signedH, needed: 34 + signedH + 90 };
}

/** 签字确认: the statement, then a box per signer (the first two) with role, drawn signature, name and time. */
export function signatureBlock(layout: Layout, signed: string, signatures: readonly SignatureBox[]): void {
  const { signedH } = signatureSpace(layout, signed);
  layout.heading('签字确认', 90 + signedH);
  layout.ensure(90 + signedH);
  layout.paragraph(signed, { size: 9.5, gap: 4 });
  const sigW = (CONTENT_W - 12) / 2;
  const top = layout.y;
  signatures.slice(0, 2).forEach((sig, j) => {
    const x = MARGIN.left + j * (sigW + 12);
    layout.page.ops.push({ kind: 'rect', x, y: top, w: sigW, h: 78, stroke: LINE });
    layout.page.ops.push({ kind: 'text', x: x + 6, y: top + 14, size: 9, bold: true, text: sig.role });
    if (sig.imageId && sig.width && sig.height) {
      const h = 38;
      const w = Math.min(sigW - 12, (sig.width / sig.height) * h);
      layout.page.ops.push({ kind: 'image', imageId: sig.imageId, x: x + 6, y: top + 18, w, h });
    }
    const when = sig.signedAt.slice(0, 16).replace('T', ' ');
    layout.page.ops.push({ kind: 'text', x: x + 6, y: top + 70, size: 8.5, text: `${sig.name} · ${when}` });
  });
  layout.y = top + 86;
}
