// The monthly quality report as a PDF with the same fonts and, where the device has a key, the
// same digital signature as inspection reports; the aggregated figures are attached as JSON.
import type { MonthlyReport } from '../../domain/aggregate';
import { layoutMonthly } from '../../domain/monthly-layout';
import { canonicalJson } from '../../domain/canonical-json';
import type { SigningIdentity } from '../signing/certificate';
import { createPdf, finishPdf, type PdfFonts } from './render';

export async function makeMonthlyPdf(
  report: MonthlyReport,
  meta: { company: string; scope: string; passScore: number; unverified: number },
  fonts: PdfFonts,
  opts: { date: Date; sign?: { identity: SigningIdentity; name: string } },
): Promise<Uint8Array> {
  const { doc, measure, draw } = await createPdf(fonts);
  await draw(layoutMonthly(report, meta, measure));
  doc.setTitle(`月度品质报告 · ${report.month}`);
  doc.setSubject(meta.scope);
  return finishPdf(doc, {
    attachment: { name: 'monthly-report.json', json: canonicalJson(report), description: '月度品质报告数据' },
    date: opts.date,
    sign: opts.sign && {
      identity: opts.sign.identity,
      name: opts.sign.name,
      reason: `月度品质报告 ${report.month}`,
      location: meta.company,
    },
  });
}
