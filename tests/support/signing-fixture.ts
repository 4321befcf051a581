// A small company PKI and genuine signed documents for the verifier's tests: a root, an enrolled
// inspector, and report PDFs made with the app's own finishing and signing code (page content is
// irrelevant to verification, so no CJK font is needed).
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createCompanyRoot, issueCertificate, type KeyPairAndCertificate } from '../../src/adapters/signing/ca';
import { createIdentity, type SigningIdentity } from '../../src/adapters/signing/certificate';
import { signTrustList, toBase64 } from '../../src/adapters/signing/trust-list';
import { finishPdf } from '../../src/adapters/pdf/render';
import type { ChecklistTemplate } from '../../src/domain/checklist';
import { finalize, newInspection, setAnswer } from '../../src/domain/inspection';
import { reportDocument, reportDocumentJson, type ReportDocument } from '../../src/domain/report-document';
import type { SignedTrustList, TrustList } from '../../src/schemas/trust-list';

export const COMPANY = '示例物业';
export const SIGNED_AT = new Date('2026-11-23T02:00:00Z');
const NOW = '2026-11-23T10:00:00.000+08:00';

export const TEMPLATE: ChecklistTemplate = {
  id: 'security',
  title: '安防专业线品质检查',
  kind: 'inspection',
  line: 'security',
  version: 'v9',
  grades: { excellent: 90, pass: 80 },
  rectificationDays: 3,
  sections: [
    {
      id: 's',
      title: '出入口',
      items: [
        { id: 'a', kind: 'check', text: '访客登记', standard: '登记五项', method: '抽查', points: 10, sop: 'security/access-control' },
        { id: 'b', kind: 'check', text: '交接班', standard: '记录完整', method: '查记录', points: 10, sop: 'security/access-control' },
      ],
    },
  ],
};

export const templateLookup = (id: string, version: string) => (id === TEMPLATE.id && version === TEMPLATE.version ? TEMPLATE : undefined);

export function inspectionDocument(
  inspector = '王品质',
  answers: Record<string, 'pass' | 'fail'> = { a: 'pass', b: 'fail' },
): ReportDocument {
  let r = newInspection(TEMPLATE, { templateId: 'security', project: '锦江名苑', area: '南门岗', inspector, inspectedAt: NOW }, 'r-1', NOW);
  for (const [item, result] of Object.entries(answers)) r = setAnswer(r, item, { result }, NOW);
  return reportDocument(finalize(TEMPLATE, r, NOW), [], [{ role: '检查人', name: inspector, signedAt: NOW }]);
}

export interface Pki {
  root: KeyPairAndCertificate;
  trust: TrustList;
  signedTrust: SignedTrustList;
  inspector: SigningIdentity;
}

export async function makePki(): Promise<Pki> {
  const root = await createCompanyRoot(COMPANY, new Date('2026-01-01T00:00:00Z'));
  const inspector = await enrolled(root, '王品质', new Date('2026-06-01T00:00:00Z'));
  const trust: TrustList = {
    format: 'wuye-trust-list',
    version: 1,
    company: COMPANY,
    sequence: 1,
    issuedAt: '2026-06-01T00:00:00.000Z',
    root: toBase64(root.certificate),
    revocations: [],
  };
  return { root, trust, signedTrust: await signTrustList(trust, root.privateKey), inspector };
}

export async function enrolled(
  root: { privateKey: CryptoKey; certificate: Uint8Array },
  name: string,
  issued: Date,
  opts: { validYears?: number } = {},
): Promise<SigningIdentity> {
  const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const certificate = await issueCertificate(
    root,
    { publicKey: keys.publicKey, names: { commonName: name, device: '平板 03', organization: COMPANY } },
    issued,
    { notBefore: issued, ...opts },
  );
  return { ...keys, certificate, chain: [root.certificate] };
}

export const selfSigned = (name: string) =>
  createIdentity({ commonName: name, device: '平板 9', organization: COMPANY }, new Date('2026-06-01T00:00:00Z'));

export async function pdfWith(
  attachment: { name: string; json: string },
  sign: SigningIdentity | null,
  opts: { date?: Date; signerName?: string } = {},
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText('inspection report', { x: 50, y: 700, size: 12, font });
  return finishPdf(doc, {
    attachment: { ...attachment, description: 'record' },
    date: opts.date ?? SIGNED_AT,
    sign: sign ? { identity: sign, name: opts.signerName ?? '王品质', reason: '检查报告', location: '锦江名苑' } : undefined,
  });
}

export const reportPdf = (doc: ReportDocument, sign: SigningIdentity | null, opts: { date?: Date } = {}) =>
  pdfWith({ name: 'inspection-record.json', json: reportDocumentJson(doc) }, sign, opts);
