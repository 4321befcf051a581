// Shared PDF rendering: embeds the CJK subset fonts, measures text with them, and draws page
// models (src/domain/page-layout.ts) with pdf-lib.
import { AFRelationship, PDFDocument, rgb, type PDFFont, type PDFImage } from 'pdf-lib';
import { addSignaturePlaceholder, signPdf } from '../signing/pdf-signature';
import type { SigningIdentity } from '../signing/certificate';
import { fontkitAdapter } from './fontkit-adapter';
import { cachedWidths } from './text-measure';
import { sha256Hex } from '../hash';
import { FINGERPRINT_KEY, shortFingerprint } from '../../domain/report-document';
import { A4, type PageModel, type SizedMeasure } from '../../domain/page-layout';

export interface PdfFonts {
  fontRegular: Uint8Array;
  fontBold: Uint8Array;
}

const REPLACEMENT = '□';

/** Characters the embedded font lacks would draw as nothing; show them as □ instead. */
function coverage(font: PDFFont): (text: string) => string {
  const chars = new Set(font.getCharacterSet());
  return (text) => [...text].map((c) => (chars.has(c.codePointAt(0)!) || c === ' ' ? c : REPLACEMENT)).join('');
}

export async function createPdf(fonts: PdfFonts) {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkitAdapter as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const regular = await doc.embedFont(fonts.fontRegular, { subset: true, customName: 'WYRPRT+WuyeReportSans' });
  const bold = await doc.embedFont(fonts.fontBold, { subset: true, customName: 'WYRPRB+WuyeReportSans-Bold' });
  const clean = { regular: coverage(regular), bold: coverage(bold) };
  const width = { regular: cachedWidths(regular, fonts.fontRegular), bold: cachedWidths(bold, fonts.fontBold) };
  const measure: SizedMeasure = (text, size, isBold) =>
    (isBold ? width.bold : width.regular)((isBold ? clean.bold : clean.regular)(text), size);

  function draw(pages: PageModel[], images: ReadonlyMap<string, PDFImage> = new Map()): void {
    for (const model of pages) {
      const page = doc.addPage([A4.width, A4.height]);
      const Y = (y: number) => A4.height - y;
      for (const op of model.ops) {
        switch (op.kind) {
          case 'text':
            page.drawText((op.bold ? clean.bold : clean.regular)(op.text), {
              x: op.x,
              y: Y(op.y),
              size: op.size,
              font: op.bold ? bold : regular,
              color: op.color ? rgb(...op.color) : rgb(0.1, 0.12, 0.13),
            });
            break;
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
