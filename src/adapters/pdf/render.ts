// Shared PDF rendering: embeds the CJK subset font (its common part, and its rare part only when a
// text needs it), measures text with it, and draws page models (src/domain/page-layout.ts) with pdf-lib.
import {
  AFRelationship,
  PDFDocument,
  TextRenderingMode,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setLineWidth,
  setStrokingColor,
  setTextRenderingMode,
  type PDFFont,
  type PDFImage,
} from 'pdf-lib';
import { addSignaturePlaceholder, signPdf } from '../signing/pdf-signature';
import type { SigningIdentity } from '../signing/certificate';
import { fontkitAdapter } from './fontkit-adapter';
import { cachedWidths } from './text-measure';
import { sha256Hex } from '../hash';
import { FINGERPRINT_KEY, shortFingerprint } from '../../domain/report-document';
import { A4, type PageModel, type SizedMeasure } from '../../domain/page-layout';
import { UnprintableTextError, unprintableChars } from '../../domain/printable';
import { plainText } from '../../domain/plain-text';

export interface PdfFonts {
  /** The report font's common part (TrueType, precached); bold is drawn from it (see BOLD_STROKE). */
  font: Uint8Array;
  /** Its rare part (the characters `font` lacks), when it could be loaded: absent offline until
   * the app has fetched it once (fonts-client.ts). */
  rare?: Uint8Array;
}

/** Bold is the regular outline filled and stroked this wide (per point of font size): one font
 * file instead of two halves the precache, and the text extracts exactly as before. */
export const BOLD_STROKE = 0.045;

interface Run {
  text: string;
  rare: boolean;
}

async function embedder(doc: PDFDocument, bytes: Uint8Array, customName: string): Promise<PDFFont> {
  doc.registerFontkit(fontkitAdapter as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  return doc.embedFont(bytes, { subset: true, customName });
}

/** The rare part, opened once per font file for measuring (documents made in a row share it). */
const rareProbes = new WeakMap<Uint8Array, Promise<PDFFont>>();
async function rareProbe(bytes: Uint8Array): Promise<PDFFont> {
  let probe = rareProbes.get(bytes);
  if (!probe)
    rareProbes.set(bytes, (probe = PDFDocument.create().then((scratch) => embedder(scratch, bytes, 'WYRPRR+WuyeReportSansRare'))));
  return probe;
}

/** Measured widths by font file pair (the rare part is absent offline until fetched). */
const MEASURED_SIZE = 50_000;
const measuredByFont = new WeakMap<Uint8Array, Map<Uint8Array | undefined, Map<string, number>>>();
function measured(fonts: PdfFonts): Map<string, number> {
  let byRare = measuredByFont.get(fonts.font);
  if (!byRare) measuredByFont.set(fonts.font, (byRare = new Map()));
  let widths = byRare.get(fonts.rare);
  if (!widths) byRare.set(fonts.rare, (widths = new Map()));
  return widths;
}

export async function createPdf(fonts: PdfFonts) {
  const doc = await PDFDocument.create();
  const font = await embedder(doc, fonts.font, 'WYRPRT+WuyeReportSans');
  const common = new Set(font.getCharacterSet());
  // The rare part is measured from a scratch document and embedded into this one only when a
  // drawn text needs it, so most PDFs carry one font, as before the split.
  const probe = fonts.rare ? await rareProbe(fonts.rare) : undefined;
  const rareSet = new Set(probe?.getCharacterSet() ?? []);
  const width = cachedWidths(font, fonts.font);
  const rareWidth = probe ? cachedWidths(probe, fonts.rare!) : width;

  /** The text split into runs by the font part that has each character. Layout measures unknown
   * characters as a full-width box; draw() refuses them (see below). Bidi controls and zero-width
   * characters are dropped first: they are invisible anyway, and older records (stored before
   * text was kept plain) may hold them. */
  function runs(text: string): Run[] {
    const out: Run[] = [];
    for (const ch of plainText(text)) {
      const cp = ch.codePointAt(0)!;
      const rare = !common.has(cp) && rareSet.has(cp);
      const c = common.has(cp) || rare ? ch : /\s/u.test(ch) ? ' ' : '□';
      const last = out[out.length - 1];
      if (last && last.rare === rare) last.text += c;
      else out.push({ text: c, rare });
    }
    return out;
  }
  const runWidth = (run: Run, size: number) => (run.rare ? rareWidth : width)(run.text, size);
  // Layout measures the same texts again for every report of a template (and each growing line of
  // them), so widths are kept per pair of font files, across documents.
  const widths = measured(fonts);
  const measure: SizedMeasure = (text, size, isBold) => {
    const key = `${size}${isBold ? 'b' : ''} ${text}`;
    let w = widths.get(key);
    if (w === undefined) {
      if (widths.size >= MEASURED_SIZE) widths.clear();
      widths.set(key, (w = runs(text).reduce((sum, run) => sum + runWidth(run, size), 0) + (isBold ? size * BOLD_STROKE : 0)));
    }
    return w;
  };

  async function draw(pages: PageModel[], images: ReadonlyMap<string, PDFImage> = new Map()): Promise<void> {
    // Nothing is drawn (so nothing can be signed) while a character would print as □ or blank:
    // the maker shows the characters by name instead, and says when the rare part was missing.
    const texts = pages.flatMap((p) => p.ops.flatMap((op) => (op.kind === 'text' ? [plainText(op.text)] : [])));
    const missing = unprintableChars(texts, (cp) => common.has(cp) || rareSet.has(cp));
    if (missing.length) throw new UnprintableTextError(missing, { fullFontMissing: !fonts.rare });
    const needsRare = texts.some((t) => runs(t).some((r) => r.rare));
    const rare = needsRare && fonts.rare ? await embedder(doc, fonts.rare, 'WYRPRR+WuyeReportSansRare') : undefined;
    for (const model of pages) {
      const page = doc.addPage([A4.width, A4.height]);
      let pageFont: PDFFont | undefined;
      const Y = (y: number) => A4.height - y;
      for (const op of model.ops) {
        switch (op.kind) {
          case 'text': {
            const color = op.color ? rgb(...op.color) : rgb(0.1, 0.12, 0.13);
            if (op.bold)
              page.pushOperators(
                pushGraphicsState(),
                setTextRenderingMode(TextRenderingMode.FillAndOutline),
                setLineWidth(op.size * BOLD_STROKE),
                setStrokingColor(color),
              );
            // One drawText per run, each in the font part that has it, placed end to end.
            let x = op.x;
            for (const run of runs(op.text)) {
              // Set on the page only when it changes: drawText's `font` option adds a resource
              // entry (with a random name) to the page on every call, twice.
              const runFont = run.rare ? rare! : font;
              if (pageFont !== runFont) page.setFont((pageFont = runFont));
              page.drawText(run.text, { x, y: Y(op.y), size: op.size, color });
              x += runWidth(run, op.size);
            }
            if (op.bold) page.pushOperators(popGraphicsState());
            break;
          }
          case 'line':
            page.drawLine({
              start: { x: op.x1, y: Y(op.y1) },
              end: { x: op.x2, y: Y(op.y2) },
              thickness: op.width,
              color: op.color ? rgb(...op.color) : rgb(0, 0, 0),
            });
            break;
          case 'rect':
            page.drawRectangle({
              x: op.x,
              y: Y(op.y + op.h),
              width: op.w,
              height: op.h,
              color: op.fill ? rgb(...op.fill) : undefined,
              borderColor: op.stroke ? rgb(...op.stroke) : undefined,
              borderWidth: op.stroke ? 0.6 : 0,
            });
            break;
          case 'image': {
            const img = images.get(op.imageId);
            if (img) page.drawImage(img, { x: op.x, y: Y(op.y + op.h), width: op.w, height: op.h });
            break;
          }
        }
      }
    }
  }

  return { doc, measure, draw };
}

export interface FinishOptions {
  /** The machine-readable data attached to the PDF. */
  attachment: { name: string; json: string; description: string };
  date: Date;
  /** Signed as the very last step when given. */
  sign?: { identity: SigningIdentity; name: string; reason: string; location: string };
}

/** Attaches the data, adds the signature placeholder if signing, saves once, then signs. */
export async function finishPdf(doc: PDFDocument, opts: FinishOptions): Promise<Uint8Array> {
  doc.setLanguage('zh-CN');
  doc.setCreator('物业服务标准作业手册');
  doc.setProducer('物业服务标准作业手册');
  doc.setCreationDate(opts.date);
  doc.setModificationDate(opts.date);
  // Every signed file carries the fingerprint of its attached data inside the signed bytes, so a
  // checker can tell that the data it reads is the data the pages were made from.
  const keywords = doc.getKeywords() ?? '';
  if (!keywords.includes(FINGERPRINT_KEY)) {
    const fp = shortFingerprint(await sha256Hex(opts.attachment.json));
    doc.setKeywords([...(keywords ? keywords.split(' ') : []), `${FINGERPRINT_KEY}:${fp}`]);
  }
  await doc.attach(new TextEncoder().encode(opts.attachment.json), opts.attachment.name, {
    mimeType: 'application/json',
    description: opts.attachment.description,
    creationDate: opts.date,
    modificationDate: opts.date,
    afRelationship: AFRelationship.Data,
  });
  if (opts.sign)
    addSignaturePlaceholder(doc, { name: opts.sign.name, reason: opts.sign.reason, location: opts.sign.location, date: opts.date });
  // No object streams: the signature dictionary must be plain text in the file to be patched.
  const bytes = await doc.save({ useObjectStreams: false });
  return opts.sign ? signPdf(bytes, opts.sign.identity, opts.date) : bytes;
}
