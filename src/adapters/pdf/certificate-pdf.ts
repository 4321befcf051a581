// The training certificate PDF: same fonts and digital signature as inspection reports.
import { AFRelationship, type PDFImage } from 'pdf-lib';
import { layoutCertificate, type CertificateInput } from '../../domain/certificate-layout';
import { canonicalJson } from '../../domain/canonical-json';
import { addSignaturePlaceholder, signPdf } from '../signing/pdf-signature';
import type { SigningIdentity } from '../signing/certificate';
import { createPdf, type PdfFonts } from './render';

export async function makeCertificatePdf(
  input: CertificateInput,
  fonts: PdfFonts,
  images: ReadonlyMap<string, Uint8Array>,
  opts: { date: Date; sign?: { identity: SigningIdentity; name: string } },
): Promise<Uint8Array> {
  const { doc, measure, draw } = await createPdf(fonts);
  const embedded = new Map<string, PDFImage>();
  for (const [id, png] of images) embedded.set(id, await doc.embedPng(png));
  draw(layoutCertificate(input, measure), embedded);
  doc.setTitle(`培训合格证明 · ${input.learner.name} · ${input.postName}`);
  doc.setLanguage('zh-CN');
  doc.setCreator('物业服务标准作业手册');
  doc.setCreationDate(opts.date);
  doc.setModificationDate(opts.date);
  const record = { learner: { name: input.learner.name, employeeNo: input.learner.employeeNo }, signOff: input.signOff, reads: input.learner.reads, attempts: input.learner.attempts };
  await doc.attach(new TextEncoder().encode(canonicalJson(record)), 'training-record.json', {
    mimeType: 'application/json',
    description: '培训记录',
    creationDate: opts.date,
    modificationDate: opts.date,
    afRelationship: AFRelationship.Data,
  });
  if (opts.sign) addSignaturePlaceholder(doc, { name: opts.sign.name, reason: `培训合格证明 ${input.postName}`, location: input.company, date: opts.date });
  const bytes = await doc.save({ useObjectStreams: false });
  return opts.sign ? signPdf(bytes, opts.sign.identity, opts.date) : bytes;
}
