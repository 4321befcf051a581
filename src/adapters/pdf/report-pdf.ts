// Renders the inspection report with pdf-lib and attaches the canonical record document, so the
// PDF alone can be re-imported; signs it last when an identity is given.
import { AFRelationship, type PDFImage } from 'pdf-lib';
import { layoutReport, type ReportInput } from '../../domain/report-layout';
import { addSignaturePlaceholder, signPdf } from '../signing/pdf-signature';
import type { SigningIdentity } from '../signing/certificate';
import { FINGERPRINT_KEY } from '../signing/verify-report';
import { createPdf, type PdfFonts } from './render';

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
  for (const [id, img] of assets.images) images.set(id, img.type === 'png' ? await doc.embedPng(img.bytes) : await doc.embedJpg(img.bytes));
  draw(pages, images);

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
