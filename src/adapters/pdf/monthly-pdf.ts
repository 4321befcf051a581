// The monthly quality report as a PDF with the same fonts and, where the device has a key, the
// same digital signature as inspection reports; the aggregated figures are attached as JSON.
import { AFRelationship } from 'pdf-lib';
import type { MonthlyReport } from '../../domain/aggregate';
import { layoutMonthly } from '../../domain/monthly-layout';
import { canonicalJson } from '../../domain/canonical-json';
import { addSignaturePlaceholder, signPdf } from '../signing/pdf-signature';
import type { SigningIdentity } from '../signing/certificate';
import { createPdf, type PdfFonts } from './render';

export async function makeMonthlyPdf(
  report: MonthlyReport,
  meta: { company: string; scope: string; passScore: number; unverified: number },
  fonts: PdfFonts,
  opts: { date: Date; sign?: { identity: SigningIdentity; name: string } },
): Promise<Uint8Array> {
  const { doc, measure, draw } = await createPdf(fonts);
  draw(layoutMonthly(report, meta, measure));
  doc.setTitle(`月度品质报告 · ${report.month}`);
  doc.setSubject(meta.scope);
  doc.setLanguage('zh-CN');
  doc.setCreator('物业服务标准作业手册');
  doc.setProducer('物业服务标准作业手册');
  doc.setCreationDate(opts.date);
  doc.setModificationDate(opts.date);
  await doc.attach(new TextEncoder().encode(canonicalJson(report)), 'monthly-report.json', {
    mimeType: 'application/json',
    description: '月度品质报告数据',
    creationDate: opts.date,
    modificationDate: opts.date,
    afRelationship: AFRelationship.Data,
  });
  if (opts.sign) addSignaturePlaceholder(doc, { name: opts.sign.name, reason: `月度品质报告 ${report.month}`, location: meta.company, date: opts.date });
  const bytes = await doc.save({ useObjectStreams: false });
  return opts.sign ? signPdf(bytes, opts.sign.identity, opts.date) : bytes;
}
