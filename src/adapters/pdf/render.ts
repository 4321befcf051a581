// Shared PDF rendering: embeds the CJK subset font, measures text with it, and draws page
// models (src/domain/page-layout.ts) with pdf-lib.
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
  /** The one report font (TrueType); bold is drawn from it (see BOLD_STROKE). */
  font: Uint8Array;
}

/** Bold is the regular outline filled and stroked this wide (per point of font size): one font
 * file instead of two halves the precache, and the text extracts exactly as before. */
export const BOLD_STROKE = 0.045;

/** Layout measures unknown characters as a full-width box; draw() refuses them (see below).
 * Bidi controls and zero-width characters are dropped first: they are invisible anyway, and older
 * records (stored before text was kept plain) may hold them. */
function measurable(font: PDFFont): (text: string) => string {
  const chars = new Set(font.getCharacterSet());
  return (text) => [...plainText(text)].map((c) => (chars.has(c.codePointAt(0)!) ? c : /\s/u.test(c) ? ' ' : '□')).join('');
}

export async function createPdf(fonts: PdfFonts) {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkitAdapter as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const font = await doc.embedFont(fonts.font, { subset: true, customName: 'WYRPRT+WuyeReportSans' });
  const chars = new Set(font.getCharacterSet());
  const clean = measurable(font);
  const width = cachedWidths(font, fonts.font);
  const measure: SizedMeasure = (text, size, isBold) => width(clean(text), size) + (isBold ? size * BOLD_STROKE : 0);

  function draw(pages: PageModel[], images: ReadonlyMap<string, PDFImage> = new Map()): void {
    // Nothing is drawn (so nothing can be signed) while a character would print as □ or blank:
    // the maker shows the characters by name instead.
    const texts = pages.flatMap((p) => p.ops.flatMap((op) => (op.kind === 'text' ? [plainText(op.text)] : [])));
    const missing = unprintableChars(texts, (cp) => chars.has(cp));
    if (missing.length) throw new UnprintableTextError(missing);
    for (const model of pages) {
      const page = doc.addPage([A4.width, A4.height]);
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
            page.drawText(clean(op.text), { x: op.x, y: Y(op.y), size: op.size, font, color });
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
