// Renders the report page model with pdf-lib: embeds the CJK subset font, draws every op, and
// attaches the canonical inspection record so the PDF alone can be re-imported.
import { AFRelationship, PDFDocument, rgb, type PDFFont, type PDFImage } from 'pdf-lib';
import { fontkitAdapter } from './fontkit-adapter';
import { A4, layoutReport, type ReportInput } from '../../domain/report-layout';
import { addSignaturePlaceholder, signPdf } from '../signing/pdf-signature';
import type { SigningIdentity } from '../signing/certificate';
import { FINGERPRINT_KEY } from '../signing/verify-report';

export interface ReportAssets {
  fontRegular: Uint8Array;
  fontBold: Uint8Array;
  /** Photos and signature images by id. */
  images: ReadonlyMap<string, { bytes: Uint8Array; type: 'jpeg' | 'png' }>;
}

export interface ReportPdfOptions {
  /** Canonical JSON of the record, attached as inspection-record.json. */
  recordJson: string;
  /** Fixed dates make the output reproducible (tests, sample reports). */
  date: Date;
  /** When given, the report is digitally signed as the very last step. */
  sign?: { identity: SigningIdentity; name: string; location: string };
}

export const RECORD_ATTACHMENT = 'inspection-record.json';
const REPLACEMENT = '□';

/** Characters the embedded font lacks would draw as nothing; show them as □ instead. */
function coverage(font: PDFFont): (text: string) => string {
  const chars = new Set(font.getCharacterSet());
  return (text) => [...text].map((c) => (chars.has(c.codePointAt(0)!) || c === ' ' ? c : REPLACEMENT)).join('');
}

export async function makeReportPdf(input: ReportInput, assets: ReportAssets, opts: ReportPdfOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkitAdapter as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const regular = await doc.embedFont(assets.fontRegular, { subset: true, customName: 'WYRPRT+WuyeReportSans' });
  const bold = await doc.embedFont(assets.fontBold, { subset: true, customName: 'WYRPRB+WuyeReportSans-Bold' });
  const clean = { regular: coverage(regular), bold: coverage(bold) };
  const measure = (text: string, size: number, isBold?: boolean) =>
    (isBold ? bold : regular).widthOfTextAtSize((isBold ? clean.bold : clean.regular)(text), size);
  const pages = layoutReport(input, measure);

  const images = new Map<string, PDFImage>();
  for (const [id, img] of assets.images) images.set(id, img.type === 'png' ? await doc.embedPng(img.bytes) : await doc.embedJpg(img.bytes));

  for (const model of pages) {
    const page = doc.addPage([A4.width, A4.height]);
    const Y = (y: number) => A4.height - y;
    for (const op of model.ops) {
      switch (op.kind) {
        case 'text': {
          const font = op.bold ? bold : regular;
          const text = (op.bold ? clean.bold : clean.regular)(op.text);
          page.drawText(text, { x: op.x, y: Y(op.y), size: op.size, font, color: op.color ? rgb(...op.color) : rgb(0.1, 0.12, 0.13) });
          break;
        }
        case 'line':
          page.drawLine({ start: { x: op.x1, y: Y(op.y1) }, end: { x: op.x2, y: Y(op.y2) }, thickness: op.width, color: op.color ? rgb(...op.color) : rgb(0, 0, 0) });
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

  const { record, template } = input;
  doc.setTitle(`${template.title}报告 · ${record.project}`);
  doc.setAuthor(record.inspector);
  doc.setSubject(`${record.project} ${record.area} ${record.inspectedAt.slice(0, 10)}`);
  // The fingerprint of the attached record sits inside the signed bytes, so a checker can match them.
  doc.setKeywords(['品质检查', template.id, record.id, `${FINGERPRINT_KEY}:${input.fingerprint}`]);
  doc.setProducer('物业服务标准作业手册');
  doc.setCreator('物业服务标准作业手册');
  doc.setLanguage('zh-CN');

  doc.setCreationDate(opts.date);
  doc.setModificationDate(opts.date);
  await doc.attach(new TextEncoder().encode(opts.recordJson), RECORD_ATTACHMENT, {
    mimeType: 'application/json',
    description: '检查记录（机器可读，可导入）',
    creationDate: opts.date,
    modificationDate: opts.date,
    afRelationship: AFRelationship.Data,
  });
  if (opts.sign) {
    addSignaturePlaceholder(doc, { name: opts.sign.name, reason: `${template.title}报告`, location: opts.sign.location, date: opts.date });
  }
  // No object streams: the signature dictionary must be plain text in the file to be patched.
  const bytes = await doc.save({ useObjectStreams: false });
  return opts.sign ? signPdf(bytes, opts.sign.identity, opts.date) : bytes;
}
