// The one document checker for /verify/, /reports/ and the command line. Offline, no pdf-lib:
// the strict reader takes the signed revision apart (pdf-strict.ts), the CMS is checked with
// WebCrypto (cms.ts), the signer's certificate is validated up to the company root in the trust
// list and against its revocations (chain.ts), and the attached record is checked against the
// fingerprint on the pages, the signer's name and, for inspections, the scoring engine.
import { attachment, keywords, PdfError, signatureSlot, StrictPdf } from './pdf-strict';
import { verifyCms, type CmsProblem } from './cms';
import { validateChain } from './chain';
import { parseCertificate, type Certificate } from './x509';
import { fromBase64 } from './trust-list';
import { certificateFingerprint, sha256Hex } from '../hash';
import { verdictOf, type DocumentKind, type Problem, type VerifyFacts, type Verdict } from '../../domain/report-verdict';
import { datedAfterSigningProblem, inspectionNameProblem, scoreProblem } from '../../domain/report-checks';
import { revocationAt } from '../../domain/trust-list';
import { FINGERPRINT_KEY, type ReportDocument } from '../../domain/report-document';

export { FINGERPRINT_KEY };
import type { ChecklistTemplate } from '../../domain/checklist';
import type { TrustList } from '../../schemas/trust-list';
import { reportDocumentSchema } from '../../schemas/backup';

/** Attachment name → document kind. */
export const DOCUMENT_ATTACHMENTS: Record<string, DocumentKind> = {
  'inspection-record.json': 'inspection',
  'monthly-report.json': 'monthly',
  'training-record.json': 'training',
};

export interface VerifyOptions {
  /** The company trust list (already checked with readTrustList); without it nobody is 登记. */
  trust?: TrustList | null;
  /** Looks up a template version to re-score an inspection; unknown versions are noted, not failed. */
  template?: (id: string, version: string) => ChecklistTemplate | undefined;
}

export interface VerifyResult {
  verdict: Verdict;
  facts: VerifyFacts;
  /** The inspection record document, when the file carries one that was read. */
  document?: ReportDocument;
  /** The attached JSON of any kind, when read. */
  data?: unknown;
  /** Document id: SHA-256 (hex) of the attached record document, when read. */
  hash?: string;
}

const CMS_PROBLEM: Record<CmsProblem, Problem> = {
  malformed: 'cms-malformed',
  algorithm: 'weak-algorithm',
  'no-signer-certificate': 'no-signer-certificate',
  'digest-mismatch': 'digest-mismatch',
  'signature-invalid': 'signature-invalid',
  'no-signing-certificate-attribute': 'no-signing-certificate-attribute',
  'signing-certificate-mismatch': 'signing-certificate-mismatch',
  'no-signing-time': 'no-signing-time',
};

const CHAIN_PROBLEM = {
  expired: 'certificate-expired',
  'not-yet-valid': 'certificate-not-yet-valid',
  algorithm: 'certificate-weak-algorithm',
  'key-usage': 'certificate-usage',
  'critical-extension': 'certificate-critical-extension',
  issuer: 'certificate-issuer',
  'self-signed': 'self-signed',
  'unknown-issuer': 'unknown-issuer',
  'no-trust-list': 'no-trust-list',
} as const satisfies Record<string, Problem>;

export { certificateFingerprint };

function looksSigned(bytes: Uint8Array): boolean {
  return new TextDecoder('latin1').decode(bytes).includes('/ByteRange');
}

export async function verifyReport(bytes: Uint8Array, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const facts: VerifyFacts = { problem: null, signed: false };
  const done = (problem: Problem | null, detail?: string, extra: Partial<VerifyResult> = {}): VerifyResult => {
    facts.problem = problem;
    if (detail) facts.problemDetail = detail;
    return { verdict: verdictOf(facts), facts, ...extra };
  };

  let pdf: StrictPdf;
  let slot: ReturnType<typeof signatureSlot>;
  try {
    pdf = StrictPdf.open(bytes);
    slot = signatureSlot(pdf);
  } catch (err) {
    const p = err instanceof PdfError ? err.problem : 'structure';
    if (p === 'not-pdf') return done('not-pdf');
    // A broken file that never carried a signature or a record of ours is simply not ours.
    if (p === 'structure' && !looksSigned(bytes) && !new TextDecoder('latin1').decode(bytes).includes('.json')) return done('not-pdf');
    return done(p);
  }

  // The signature first: nothing else in the file counts until its bytes are known to be signed.
  let signer: Certificate | undefined;
  let carried: Certificate[] = [];
  let signingTime: Date | undefined;
  if (slot) {
    facts.signed = true;
    const cms = await verifyCms(slot.cms, slot.signed);
    if (cms.signer) {
      facts.signer = {
        name: cms.signer.names.commonName,
        device: cms.signer.names.device,
        organization: cms.signer.names.organization,
        fingerprint: await certificateFingerprint(cms.signer.der),
        serial: cms.signer.serial,
        signedAt: cms.signingTime?.toISOString(),
      };
    }
    if (!cms.ok) return done(CMS_PROBLEM[cms.problem!]);
    signer = cms.signer!;
    carried = cms.certificates;
    signingTime = cms.signingTime!;
  }

  // The attached record, from the signed revision only.
  let found: Awaited<ReturnType<typeof attachment>>;
  try {
    found = await attachment(pdf, Object.keys(DOCUMENT_ATTACHMENTS));
  } catch (err) {
    return done(err instanceof PdfError ? err.problem : 'structure');
  }
  if (!found) return done(slot ? 'no-record' : 'not-pdf');
  const kind = DOCUMENT_ATTACHMENTS[found.name]!;
  facts.summary = { kind };
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(found.bytes));
  } catch {
    return done('record-unreadable');
  }
  let document: ReportDocument | undefined;
  if (kind === 'inspection') {
    const parsed = reportDocumentSchema.safeParse(data);
    if (!parsed.success) return done('record-unreadable');
    document = parsed.data as ReportDocument;
    const r = document.record;
    facts.summary = { kind, recordId: r.id, project: r.project, title: r.templateTitle, date: r.inspectedAt };
  } else if (kind === 'monthly') {
    const m = data as { month?: unknown };
    if (typeof m?.month !== 'string') return done('record-unreadable');
    facts.summary = { kind, title: `${m.month} 月度品质报告` };
  } else {
    // The certificate's record names its sign-off time `at` (certificate-pdf.ts).
    const t = data as { learner?: { name?: unknown }; signOff?: { post?: unknown; at?: unknown } };
    if (typeof t?.learner?.name !== 'string') return done('record-unreadable');
    facts.summary = { kind, title: t.learner.name, date: typeof t.signOff?.at === 'string' ? t.signOff.at : undefined };
  }
  const extra = { document, data, hash: await sha256Hex(found.bytes) };

  if (!slot) return done(null, undefined, extra);

  // The pages carry the record's fingerprint inside the signed bytes: the attachment must match.
  const fp = new RegExp(`${FINGERPRINT_KEY}:([0-9a-f]{16})`).exec(keywords(pdf))?.[1];
  if (!fp || !(await sha256Hex(found.bytes)).startsWith(fp)) return done('fingerprint-mismatch', undefined, extra);

  // Names: the record's signer is the certificate's subject.
  const signerName = signer!.names.commonName;
  if (document) {
    // A re-issue with rectification progress may come from whoever verified the rectifications.
    const reviewers = document.update ? document.rectifications.flatMap((r) => (r.verifiedBy ? [r.verifiedBy] : [])) : [];
    const wrong = inspectionNameProblem(document.record, document.signatures, signerName, reviewers);
    if (wrong) return done('name-mismatch', wrong, extra);
    const late = datedAfterSigningProblem(document, signingTime!);
    if (late) return done('dated-after-signing', late, extra);
    const template = opts.template?.(document.record.templateId, document.record.templateVersion);
    if (template) {
      const bad = scoreProblem(template, document.record);
      if (bad) return done('score-mismatch', bad, extra);
    } else facts.scoreUnchecked = true;
  } else if (kind === 'training') {
    const learner = (data as { learner: { name: string } }).learner.name;
    if (learner !== signerName) return done('name-mismatch', `记录中的学员为「${learner}」，证书为「${signerName}」`, extra);
  }

  // Who signed: the chain to the company root, and its revocations.
  let root: Certificate | null = null;
  if (opts.trust) {
    try {
      root = parseCertificate(fromBase64(opts.trust.root));
    } catch {
      root = null;
    }
  }
  const chain = await validateChain(signer!, carried, root, signingTime!);
  if (chain.kind !== 'trusted') return done(CHAIN_PROBLEM[chain.reason], undefined, extra);
  const docDate = document?.record.finalizedAt ? new Date(document.record.finalizedAt) : signingTime!;
  const effective = docDate.getTime() > signingTime!.getTime() ? docDate : signingTime!;
  const revoked = revocationAt(opts.trust ?? null, signer!.serial, effective);
  if (revoked) {
    return done('revoked', `${revoked.revokedAt.slice(0, 10)} 起吊销：${revoked.reason}`, extra);
  }
  return done(null, undefined, extra);
}
