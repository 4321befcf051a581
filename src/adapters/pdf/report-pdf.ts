// Renders the inspection report with pdf-lib and attaches the canonical record document, so the
// PDF alone can be re-imported; signs it last when an identity is given.
import type { PDFImage } from 'pdf-lib';
import { layoutReport, type ReportInput } from '../../domain/report-layout';
import type { SigningIdentity } from '../signing/certificate';
import { FINGERPRINT_KEY } from '../../domain/report-document';
import { createPdf, finishPdf, type PdfFonts } from './render';
import { embedPng } from './png-image';

export interface ReportAssets extends PdfFonts {
  /** Photos and signature images by id. */
  images: ReadonlyMap<string, { bytes: Uint8Array; type: 'jpeg' | 'png' }>;
}

export interface ReportPdfOptions {
  /** Canonical JSON of the record document, attached as inspection-record.json. */
  recordJson: string;
  /** Fixed dates make the output reproducible (tests, sample reports). */
  date: Date;
  /** When given, the report is digitally signed as the very last step. */
  sign?: { identity: SigningIdentity; name: string; location: string };
}

export const RECORD_ATTACHMENT = 'inspection-record.json';

export async function makeReportPdf(input: ReportInput, assets: ReportAssets, opts: ReportPdfOptions): Promise<Uint8Array> {
  const { doc, measure, draw } = await createPdf(assets);
  const pages = layoutReport(input, measure);
  const images = new Map<string, PDFImage>();
  for (const [id, img] of assets.images)
    images.set(id, img.type === 'png' ? await embedPng(doc, img.bytes) : await doc.embedJpg(img.bytes));
  await draw(pages, images);

  const { record, template } = input;
  doc.setTitle(`${template.title}报告 · ${record.project}`);
  doc.setAuthor(record.inspector);
  doc.setSubject(`${record.project} ${record.area} ${record.inspectedAt.slice(0, 10)}`);
  // The fingerprint of the attached record sits inside the signed bytes, so a checker can match them.
  doc.setKeywords(['品质检查', template.id, record.id, `${FINGERPRINT_KEY}:${input.fingerprint}`]);
  return finishPdf(doc, {
    attachment: { name: RECORD_ATTACHMENT, json: opts.recordJson, description: '检查记录（机器可读，可导入）' },
    date: opts.date,
    sign: opts.sign && {
      identity: opts.sign.identity,
      name: opts.sign.name,
      reason: `${template.title}报告`,
      location: opts.sign.location,
    },
  });
}
