// npm run sample-reports -- --out <dir> [--count N] [--months M] [--seed S] [--end YYYY-MM]
// Writes realistic finalised, signed inspection reports with the same layout, font and signing
// code as the app (Node 24 has WebCrypto), plus index.json describing each one. Each report is
// signed at finalisation with its rectifications as they were then; closures and verifications
// travel as re-issues (updates/…-updateN.pdf) signed by the reviewer at the moment of closure. The sample
// devices' certificates are issued by a sample company root, written as company-root.pem with
// the signed trust list (trust-list.json) that a manager's device imports.
import { parseArgs } from 'node:util';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { ChecklistTemplate } from '../src/domain/checklist';
import { reportDocument, reportDocumentJson, shortFingerprint, type ReportDocument } from '../src/domain/report-document';
import { makeReportPdf } from '../src/adapters/pdf/report-pdf';
import { certificatePem, type SigningIdentity } from '../src/adapters/signing/certificate';
import { createCompanyRoot, issueCertificate } from '../src/adapters/signing/ca';
import { signTrustList, toBase64 } from '../src/adapters/signing/trust-list';
import { sampleInspections, INSPECTORS, type SampleInspection } from './sample/generate';
import { readReportFonts } from './font-subset.mjs';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    count: { type: 'string', default: '12' },
    months: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    end: { type: 'string' },
    company: { type: 'string', default: '示例物业服务有限公司' },
  },
});
if (!values.out) {
  console.error('用法：npm run sample-reports -- --out <目录> [--count 12] [--months 3] [--seed 1] [--end 2026-11]');
  process.exit(2);
}
const count = Number(values.count);
const months = Number(values.months);
const seed = Number(values.seed);
if (![count, months, seed].every((n) => Number.isInteger(n) && n > 0)) {
  console.error('--count、--months、--seed 须为正整数');
  process.exit(2);
}
const end = values.end ?? new Date().toISOString().slice(0, 7);

if (!existsSync('dist/templates.json') || !existsSync('dist/fonts/report-sans.ttf.gz')) {
  console.log('首次运行：先构建网站以得到检查表和报告字体……');
  if (spawnSync('astro build', { shell: true, stdio: 'inherit' }).status !== 0) process.exit(1);
}
const templates = JSON.parse(readFileSync('dist/templates.json', 'utf8')) as ChecklistTemplate[];
const fonts = readReportFonts('dist');

mkdirSync(values.out, { recursive: true });
const issuedAt = new Date(`${end}-01T00:00:00Z`);
// The certificates must be valid at every signing time: months before `end` included.
const notBefore = new Date(issuedAt.getTime() - (months + 1) * 31 * 24 * 3600 * 1000);
const root = await createCompanyRoot(values.company!, notBefore);
writeFileSync(path.join(values.out, 'company-root.pem'), certificatePem(root.certificate));
const trustList = await signTrustList(
  {
    format: 'wuye-trust-list',
    version: 1,
    company: values.company!,
    sequence: 1,
    issuedAt: issuedAt.toISOString(),
    root: toBase64(root.certificate),
    revocations: [],
  },
  root.privateKey,
);
writeFileSync(path.join(values.out, 'trust-list.json'), JSON.stringify(trustList, null, 2));
const identities = new Map<string, SigningIdentity>();
for (const name of INSPECTORS) {
  const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const names = { commonName: name, device: `平板 ${INSPECTORS.indexOf(name) + 1}`, organization: values.company! };
  const certificate = await issueCertificate(root, { publicKey: keys.publicKey, names }, notBefore, { notBefore });
  identities.set(name, { ...keys, certificate, chain: [root.certificate] });
  writeFileSync(path.join(values.out, `device-${INSPECTORS.indexOf(name) + 1}.pem`), certificatePem(certificate));
}

const index = [];
const t0 = performance.now();
/** Signs one document of a sample inspection, as the app does, at `signedAt` by `signer`. */
async function signed(s: SampleInspection, doc: ReportDocument, signedAt: string, signer: string) {
  const json = reportDocumentJson(doc);
  const sha = createHash('sha256').update(json).digest('hex');
  const pdf = await makeReportPdf(
    {
      company: values.company!,
      template: s.template,
      record: s.record,
      rectifications: doc.rectifications,
      photos: s.photos.map(({ id, itemId, width, height }) => ({ id, itemId, width, height })),
      signatures: doc.signatures,
      fingerprint: shortFingerprint(sha),
    },
    { ...fonts, images: new Map(s.photos.map((p) => [p.id, { bytes: p.png, type: 'png' as const }])) },
    {
      recordJson: json,
      date: new Date(signedAt),
      sign: { identity: identities.get(signer)!, name: signer, location: s.record.project },
    },
  );
  return { pdf, sha };
}
// Re-issues with rectification progress go to updates/: what the reviewers send a week later.
mkdirSync(path.join(values.out, 'updates'), { recursive: true });
let updateFiles = 0;
for (const [i, s] of sampleInspections(templates, { count, months, end, seed }).entries()) {
  // The report signed at finalisation carries the rectifications as they were then (all open).
  const { pdf, sha } = await signed(s, reportDocument(s.record, s.atFinalisation, s.signatures), s.record.finalizedAt!, s.record.inspector);
  const file = `report-${s.record.inspectedAt.slice(0, 7)}-${s.template.id}-${String(i + 1).padStart(3, '0')}.pdf`;
  writeFileSync(path.join(values.out, file), pdf);
  const updates = [];
  let supersedes = sha;
  for (const u of s.updates) {
    const doc = reportDocument(s.record, u.rectifications, [{ role: '复查人', name: u.signer, signedAt: u.signedAt }], {
      update: u.update,
      supersedes,
    });
    const signedUpdate = await signed(s, doc, u.signedAt, u.signer);
    const updateFile = `updates/${file.replace(/\.pdf$/, '')}-update${u.update}.pdf`;
    writeFileSync(path.join(values.out, updateFile), signedUpdate.pdf);
    updates.push({ file: updateFile, update: u.update, signedAt: u.signedAt, sha256: signedUpdate.sha, supersedes });
    supersedes = signedUpdate.sha;
    updateFiles++;
  }
  index.push({
    file,
    id: s.record.id,
    template: s.template.id,
    line: s.template.line,
    project: s.record.project,
    inspector: s.record.inspector,
    inspectedAt: s.record.inspectedAt,
    result: s.record.result,
    rectifications: s.rectifications.length,
    /** Where the rectifications end up once every update below is counted. */
    rectificationStates: s.rectifications.map((r) => ({ id: r.id, status: r.status, deadline: r.deadline, doneAt: r.doneAt ?? null })),
    sha256: sha,
    updates,
  });
}
writeFileSync(path.join(values.out, 'index.json'), JSON.stringify(index, null, 2));
console.log(
  `已生成 ${index.length} 份已签名的检查报告和 ${updateFiles} 份整改更新（${((performance.now() - t0) / 1000).toFixed(1)} 秒）：${values.out}`,
);
