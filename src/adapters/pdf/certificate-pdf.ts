// The training certificate PDF: same fonts and digital signature as inspection reports.
import type { PDFImage } from 'pdf-lib';
import { layoutCertificate, type CertificateInput } from '../../domain/certificate-layout';
import { canonicalJson } from '../../domain/canonical-json';
import type { SigningIdentity } from '../signing/certificate';
import { createPdf, finishPdf, type PdfFonts } from './render';

export async function makeCertificatePdf(
  input: CertificateInput,
  fonts: PdfFonts,
  images: ReadonlyMap<string, Uint8Array>,
  opts: { date: Date; sign?: { identity: SigningIdentity; name: string } },
): Promise<Uint8Array> {
  const { doc, measure, draw } = await createPdf(fonts);
  const embedded = new Map<string, PDFImage>();
  for (const [id, png] of images) embedded.set(id, await doc.embedPng(png));
  await draw(layoutCertificate(input, measure), embedded);
  doc.setTitle(`培训合格证明 · ${input.learner.name} · ${input.postName}`);
  const record = {
    learner: { name: input.learner.name, employeeNo: input.learner.employeeNo },
    signOff: input.signOff,
    reads: input.learner.reads,
    attempts: input.learner.attempts,
  };
  return finishPdf(doc, {
    attachment: { name: 'training-record.json', json: canonicalJson(record), description: '培训记录' },
    date: opts.date,
    sign: opts.sign && {
      identity: opts.sign.identity,
      name: opts.sign.name,
      reason: `培训合格证明 ${input.postName}`,
      location: input.company,
    },
  });
}
