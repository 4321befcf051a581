// The attack suite: every way of forging or editing a signed document that a trial found or a
// validator must withstand, generated in a few hundred variants. Not one may be accepted.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { deflateSync } from 'node:zlib';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { PDFDocument } from 'pdf-lib';
import { verifyReport } from '../../src/adapters/signing/verify-report';
import { addSignaturePlaceholder, embedSignature, prepareSignature } from '../../src/adapters/signing/pdf-signature';
import { engine, certificatePem, type SigningIdentity } from '../../src/adapters/signing/certificate';
import { createCompanyRoot } from '../../src/adapters/signing/ca';
import { subjectName, x509Time } from '../../src/adapters/signing/x509-name';
import { reportDocumentJson, type ReportDocument } from '../../src/domain/report-document';
import { seededRandom } from '../../src/domain/random';
import {
  COMPANY,
  enrolled,
  inspectionDocument,
  makePki,
  pdfWith,
  reportPdf,
  selfSigned,
  SIGNED_AT,
  templateLookup,
  type Pki,
} from '../support/signing-fixture';

let pki: Pki;
let genuine: Uint8Array;
let doc: ReportDocument;
const latin1 = (b: Uint8Array) => new TextDecoder('latin1').decode(b);
const bytesOf = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

const check = (pdf: Uint8Array) => verifyReport(pdf, { trust: pki.trust, template: templateLookup });

function slot(pdf: Uint8Array): { b: number; c: number; derEnd: number } {
  const [, b, c] = /\/ByteRange \[0 (\d+) (\d+)/.exec(latin1(pdf))!.map(Number) as [number, number, number];
  const hex = latin1(pdf.subarray(b + 1, c - 1));
  const len = parseInt(hex.slice(2, 4), 16);
  const n = len & 0x7f;
  const derLen = len < 0x80 ? 2 + len : 2 + n + parseInt(hex.slice(4, 4 + 2 * n), 16);
  return { b, c, derEnd: b + 1 + derLen * 2 };
}

function put(pdf: Uint8Array, at: number, s: string | Uint8Array): Uint8Array {
  const out = new Uint8Array(pdf);
  out.set(typeof s === 'string' ? bytesOf(s) : s, at);
  return out;
}

/** A CMS built by an attacker with full control over certificates, sid, digest and ESS. */
async function forgeCms(
  signed: Uint8Array<ArrayBuffer>,
  o: {
    key: CryptoKey;
    sidCert: Uint8Array;
    certs: Uint8Array[];
    hash?: 'SHA-1' | 'SHA-256';
    essCert?: Uint8Array | null;
  },
): Promise<Uint8Array> {
  engine();
  const hash = o.hash ?? 'SHA-256';
  const sid = pkijs.Certificate.fromBER(o.sidCert as Uint8Array<ArrayBuffer>);
  const attrs = [
    new pkijs.Attribute({ type: '1.2.840.113549.1.9.3', values: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.1' })] }),
    new pkijs.Attribute({ type: '1.2.840.113549.1.9.5', values: [new asn1js.UTCTime({ valueDate: SIGNED_AT })] }),
    new pkijs.Attribute({
      type: '1.2.840.113549.1.9.4',
      values: [new asn1js.OctetString({ valueHex: await crypto.subtle.digest(hash, signed) })],
    }),
  ];
  const ess = o.essCert === undefined ? o.sidCert : o.essCert;
  if (ess) {
    const h = await crypto.subtle.digest('SHA-256', ess as Uint8Array<ArrayBuffer>);
    attrs.push(
      new pkijs.Attribute({
        type: '1.2.840.113549.1.9.16.2.47',
        values: [
          new asn1js.Sequence({
            value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: h })] })] })],
          }),
        ],
      }),
    );
  }
  const sd = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: '1.2.840.113549.1.7.1' }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: sid.issuer, serialNumber: sid.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: attrs }),
      }),
    ],
    certificates: o.certs.map((c) => pkijs.Certificate.fromBER(c as Uint8Array<ArrayBuffer>)),
  });
  await sd.sign(o.key, 0, hash);
  return new Uint8Array(new pkijs.ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: sd.toSchema(true) }).toSchema().toBER(false));
}

/** The genuine document, re-signed with whatever CMS `make` returns. */
async function resigned(make: (signed: Uint8Array<ArrayBuffer>) => Promise<Uint8Array>, d: ReportDocument = doc): Promise<Uint8Array> {
  const unsigned = await PDFDocument.create();
  unsigned.addPage();
  await unsigned.attach(new TextEncoder().encode(reportDocumentJson(d)), 'inspection-record.json', { mimeType: 'application/json' });
  const { sha256Hex } = await import('../../src/adapters/hash');
  unsigned.setKeywords([`WuyeFingerprint:${(await sha256Hex(reportDocumentJson(d))).slice(0, 16)}`]);
  addSignaturePlaceholder(unsigned, { name: '王品质', reason: 'x', location: 'y', date: SIGNED_AT });
  const prepared = prepareSignature(await unsigned.save({ useObjectStreams: false }));
  return embedSignature(prepared, await make(prepared.signed));
}

/** A leaf certificate with any profile, issued by `issuer` (or self-signed). */
async function customCert(o: {
  key: CryptoKeyPair;
  issuerKey: CryptoKey;
  issuerCert?: Uint8Array;
  name?: string;
  from: Date;
  to: Date;
  hash?: 'SHA-1' | 'SHA-256';
}): Promise<Uint8Array> {
  engine();
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: 4242 });
  cert.subject = subjectName({ commonName: o.name ?? '王品质', device: '平板 03', organization: COMPANY });
  cert.issuer = o.issuerCert ? pkijs.Certificate.fromBER(o.issuerCert as Uint8Array<ArrayBuffer>).subject : cert.subject;
  cert.notBefore = x509Time(o.from);
  cert.notAfter = x509Time(o.to);
  const usage = new asn1js.BitString({ valueHex: new Uint8Array([0xc0]).buffer, unusedBits: 6 });
  cert.extensions = [
    new pkijs.Extension({
      extnID: '2.5.29.19',
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: false }).toSchema().toBER(false),
    }),
    new pkijs.Extension({ extnID: '2.5.29.15', critical: true, extnValue: usage.toBER(false) }),
  ];
  await cert.subjectPublicKeyInfo.importKey(o.key.publicKey);
  await cert.sign(o.issuerKey, o.hash ?? 'SHA-256');
  return new Uint8Array(cert.toSchema(true).toBER(false));
}

const newKey = async () =>
  (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;

const cases: { cls: string; name: string; pdf: Uint8Array; pdfsigAgrees?: boolean }[] = [];
const add = (cls: string, name: string, pdf: Uint8Array, pdfsigAgrees = false) => cases.push({ cls, name, pdf, pdfsigAgrees });

beforeAll(async () => {
  pki = await makePki();
  doc = inspectionDocument();
  genuine = await reportPdf(doc, pki.inspector);
  const rnd = seededRandom(20261201);
  const pick = (n: number) => Math.floor(rnd() * n);
  const { b, c, derEnd } = slot(genuine);
  const text = latin1(genuine);

  // 1. Padding injection: anything written into the zero padding of /Contents.
  const forged: ReportDocument = structuredClone(doc);
  forged.record.result = { ...forged.record.result!, score: 1000, grade: 'excellent' };
  const forgedJson = reportDocumentJson(forged);
  const attNum = /(\d+) 0 obj\s*<<[^>]*\/Type \/EmbeddedFile/.exec(text)?.[1] ?? '99';
  const infoNum = /\/Info (\d+) 0 R/.exec(text)![1];
  const payload = `\n${attNum} 0 obj\n<< /Type /EmbeddedFile /Length ${forgedJson.length} >>\nstream\n${forgedJson}\nendstream\nendobj\n${infoNum} 0 obj\n<< /Keywords (WuyeFingerprint:0000000000000000) >>\nendobj\n`;
  add('padding injection', 'objects replacing the record and the fingerprint', put(genuine, derEnd + 16, payload));
  for (let i = 0; i < 79; i++) {
    const room = c - 1 - derEnd;
    const at = derEnd + pick(room - 40);
    const kind = i % 4;
    const chunk =
      kind === 0
        ? (pick(9) + 1).toString(16)
        : kind === 1
          ? '3003020101'
          : kind === 2
            ? `${attNum} 0 obj`
            : [...crypto.getRandomValues(new Uint8Array(8))].map((x) => x.toString(16).padStart(2, '0')).join('');
    add('padding injection', `${['digit', 'second DER', 'object header', 'random hex'][kind]} at ${at - derEnd}`, put(genuine, at, chunk));
  }

  // 2. A second ByteRange, in the padding or in the signed bytes, or the real one narrowed.
  const range = /\/ByteRange \[[^\]]*\]/.exec(text)!;
  for (let i = 0; i < 8; i++) {
    add('second ByteRange', `in the padding #${i}`, put(genuine, derEnd + 20 + i * 97, `/ByteRange [0 ${b} ${c} ${genuine.length - c}]`));
  }
  for (let i = 0; i < 6; i++) {
    const at = 20 + pick(b - 200);
    add('second ByteRange', `in the signed bytes at ${at}`, put(genuine, at, '/ByteRange [0 1 2 3]'), true);
  }
  for (const [i, r] of [
    `[0 ${b} ${c} ${genuine.length - c - 10}]`,
    `[0 ${b - 10} ${c} ${genuine.length - c}]`,
    `[0 ${b} ${c + 2} ${genuine.length - c - 2}]`,
  ].entries()) {
    add('second ByteRange', `real range changed #${i}`, put(genuine, range.index, `/ByteRange ${r}`.padEnd(range[0].length, ' ')), true);
  }
  const appended = new Uint8Array([
    ...genuine,
    ...bytesOf(`\n999 0 obj\n<< /Type /Sig /ByteRange [0 ${b} ${c} ${genuine.length - c}] >>\nendobj\n`),
  ]);
  add('second ByteRange', 'appended after the end', appended);

  // 3. The certificate's subject edited inside the CMS (王品质 → other names of the same length).
  const victimHex = Buffer.from('王品质').toString('hex');
  const cmsHex = text.slice(b + 1, derEnd);
  for (const name of ['赵经理', '张三丰', '李四海', '孙品质', '王品德', '周主管', '吴经理', '郑主任', '冯队长', '陈组长']) {
    const at = cmsHex.indexOf(victimHex);
    const edited = cmsHex.slice(0, at) + Buffer.from(name).toString('hex') + cmsHex.slice(at + victimHex.length);
    add('certificate subject edit', `王品质 → ${name}`, put(genuine, b + 1, edited), true);
  }

  // 4. An extra certificate placed first; the real signer is an attacker's key.
  const attacker = await newKey();
  const attackerCert = await customCert({
    key: attacker,
    issuerKey: attacker.privateKey,
    from: new Date('2026-01-01Z'),
    to: new Date('2030-01-01Z'),
  });
  const victim = pki.inspector.certificate;
  const variants: [string, Parameters<typeof forgeCms>[1]][] = [
    ['victim first, attacker signs', { key: attacker.privateKey, sidCert: attackerCert, certs: [victim, attackerCert] }],
    [
      'victim and root first, attacker signs',
      { key: attacker.privateKey, sidCert: attackerCert, certs: [victim, pki.root.certificate, attackerCert] },
    ],
    ['sid names the victim, attacker signs', { key: attacker.privateKey, sidCert: victim, certs: [victim, attackerCert] }],
    [
      'sid names the victim, ESS the victim',
      { key: attacker.privateKey, sidCert: victim, certs: [victim, pki.root.certificate], essCert: victim },
    ],
    ['ESS names the victim', { key: attacker.privateKey, sidCert: attackerCert, certs: [victim, attackerCert], essCert: victim }],
    ['only the victim certificate', { key: attacker.privateKey, sidCert: victim, certs: [victim] }],
    ['no certificates at all', { key: attacker.privateKey, sidCert: victim, certs: [] }],
    [
      'genuine key, ESS of another certificate',
      { key: pki.inspector.privateKey, sidCert: victim, certs: [victim, pki.root.certificate], essCert: attackerCert },
    ],
    ['genuine key, no ESS', { key: pki.inspector.privateKey, sidCert: victim, certs: [victim, pki.root.certificate], essCert: null }],
    [
      'attacker cert named like the root',
      { key: attacker.privateKey, sidCert: attackerCert, certs: [pki.root.certificate, attackerCert, victim] },
    ],
  ];
  for (const [name, o] of variants) add('extra certificate first', name, await resigned((s) => forgeCms(s, o)));

  // 5. Validly signed by keys the company never enrolled.
  for (const name of ['王品质', '张三', '质检部', '王品质 ', '王品质']) {
    add('unknown key', `self-signed ${name}`, await reportPdf(inspectionDocument(name), await selfSigned(name)));
  }
  const lookalike = await createCompanyRoot(COMPANY, new Date('2026-01-01T00:00:00Z'));
  for (let i = 0; i < 5; i++) {
    add(
      'unknown key',
      `issued by a look-alike root #${i}`,
      await reportPdf(doc, await enrolled(lookalike, '王品质', new Date('2026-06-01Z'))),
    );
  }

  // 6. SHA-1 in the CMS digest or the certificate signature.
  const rootKey = pki.root.privateKey;
  const leafKey = await newKey();
  const sha1Leaf = await customCert({
    key: leafKey,
    issuerKey: rootKey,
    issuerCert: pki.root.certificate,
    from: new Date('2026-01-02Z'),
    to: new Date('2028-01-01Z'),
    hash: 'SHA-1',
  });
  const okLeaf = await customCert({
    key: leafKey,
    issuerKey: rootKey,
    issuerCert: pki.root.certificate,
    from: new Date('2026-01-02Z'),
    to: new Date('2028-01-01Z'),
  });
  add(
    'SHA-1',
    'certificate signed with SHA-1',
    await resigned((s) => forgeCms(s, { key: leafKey.privateKey, sidCert: sha1Leaf, certs: [sha1Leaf, pki.root.certificate] })),
  );
  add(
    'SHA-1',
    'CMS digest SHA-1',
    await resigned((s) => forgeCms(s, { key: leafKey.privateKey, sidCert: okLeaf, certs: [okLeaf, pki.root.certificate], hash: 'SHA-1' })),
  );
  add(
    'SHA-1',
    'both SHA-1',
    await resigned((s) => forgeCms(s, { key: leafKey.privateKey, sidCert: sha1Leaf, certs: [sha1Leaf], hash: 'SHA-1' })),
  );
  add('SHA-1', 'control: the same leaf with SHA-256 is accepted', new Uint8Array()); // replaced below
  cases.pop();

  // 7. Certificates expired or not yet valid at the signing time.
  for (const [name, from, to] of [
    ['expired a year before', '2024-01-01Z', '2025-11-23Z'],
    ['expired a second before', '2025-01-01Z', '2026-11-23T01:59:59Z'],
    ['valid from next year', '2027-01-01Z', '2029-01-01Z'],
    ['valid from a minute later', '2026-11-23T02:01:00Z', '2028-01-01Z'],
  ] as const) {
    const k = await newKey();
    const cert = await customCert({ key: k, issuerKey: rootKey, issuerCert: pki.root.certificate, from: new Date(from), to: new Date(to) });
    add('validity', name, await resigned((s) => forgeCms(s, { key: k.privateKey, sidCert: cert, certs: [cert, pki.root.certificate] })));
  }

  // 8. An incremental update appended after signing (a new record and fingerprint).
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  for (let i = 0; i < 10; i++) {
    const body = `\n${attNum} 0 obj\n<< /Type /EmbeddedFile /Length ${forgedJson.length} >>\nstream\n${forgedJson}\nendstream\nendobj\n`;
    const xrefAt = genuine.length + body.length;
    const tail =
      i % 2
        ? `xref\n${attNum} 1\n${String(genuine.length + 1).padStart(10, '0')} 00000 n \ntrailer\n<< /Size 40 /Root 2 0 R /Prev ${startxref} >>\nstartxref\n${xrefAt}\n%%EOF\n`
        : `startxref\n${startxref}\n%%EOF\n`;
    add(
      'incremental update',
      `appended #${i}`,
      new Uint8Array([...genuine, ...bytesOf(body + (i > 5 ? tail.replace('/Prev', '/Foo') : tail))]),
      true,
    );
  }

  // 9. The attachment replaced or edited in place.
  const streamAt = text.indexOf('stream', text.indexOf(`${attNum} 0 obj`)) + 7;
  for (let i = 0; i < 15; i++) {
    const m = new Uint8Array(genuine);
    m[streamAt + pick(60)]! ^= 1 + pick(254);
    add('attachment replaced', `compressed record byte flipped #${i}`, m, true);
  }
  const other = inspectionDocument('王品质', { a: 'pass', b: 'pass' });
  add('attachment replaced', 'another genuine record signed by an unknown key', await reportPdf(other, await selfSigned('王品质')));
  const recompressed = deflateSync(Buffer.from(forgedJson));
  add(
    'attachment replaced',
    'recompressed forged record over the original',
    put(genuine, streamAt, recompressed.subarray(0, Math.min(recompressed.length, 40))),
    true,
  );
  add('attachment replaced', 'forged score signed by the enrolled key', await reportPdf(forged, pki.inspector));
  const renamed: ReportDocument = structuredClone(doc);
  renamed.record.inspector = '赵经理';
  add('attachment replaced', 'record naming another inspector, signed by 王品质', await reportPdf(renamed, pki.inspector));
  add('attachment replaced', 'unsigned copy of the record', await reportPdf(doc, null));

  // 10. Decompression bombs, signed by the enrolled key and unsigned.
  const big = `{"format":"wuye-inspection-report","pad":"${' '.repeat(9 * 1024 * 1024)}"}`;
  add('decompression bomb', 'signed, inflates to 9 MB', await pdfWith({ name: 'inspection-record.json', json: big }, pki.inspector));
  add('decompression bomb', 'unsigned, inflates to 9 MB', await pdfWith({ name: 'inspection-record.json', json: big }, null));
  add('decompression bomb', 'monthly data, inflates to 9 MB', await pdfWith({ name: 'monthly-report.json', json: big }, pki.inspector));

  // 11. Truncated anywhere.
  for (let i = 0; i < 40; i++) add('truncated', `cut at ${i}`, genuine.subarray(0, Math.floor(((i + 0.5) / 40) * genuine.length)));
}, 120_000);

describe('the attack suite', () => {
  it('the genuine report is valid (so every refusal below is the attack’s doing)', async () => {
    const r = await check(genuine);
    expect(r.verdict).toMatchObject({ kind: 'valid', title: '有效' });
  });

  it('refuses every forged or edited document, each class in full', async () => {
    const accepted: string[] = [];
    const byClass = new Map<string, number>();
    for (const c of cases) {
      const { verdict } = await check(c.pdf);
      byClass.set(c.cls, (byClass.get(c.cls) ?? 0) + 1);
      expect(verdict.title, c.name).toMatch(/[\u4e00-\u9fff]/);
      if (verdict.kind === 'valid') accepted.push(`${c.cls}: ${c.name}`);
    }
    expect(accepted).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect([...byClass.keys()].sort()).toEqual(
      [
        'padding injection',
        'second ByteRange',
        'certificate subject edit',
        'extra certificate first',
        'unknown key',
        'SHA-1',
        'validity',
        'incremental update',
        'attachment replaced',
        'decompression bomb',
        'truncated',
      ].sort(),
    );
  }, 120_000);

  it('names the failed check for the classes a manager must tell apart', async () => {
    const first = (cls: string) => cases.find((c) => c.cls === cls)!.pdf;
    expect((await check(first('padding injection'))).verdict).toMatchObject({ kind: 'tampered', problem: 'contents' });
    expect((await check(first('unknown key'))).verdict).toMatchObject({
      kind: 'untrusted',
      title: '签名完整但签名人未登记',
      problem: 'self-signed',
    });
    const lookalike = cases.find((c) => c.name.startsWith('issued by a look-alike root'))!.pdf;
    expect((await check(lookalike)).verdict).toMatchObject({ kind: 'untrusted', problem: 'unknown-issuer' });
    expect((await check(first('SHA-1'))).verdict.problem).toBe('certificate-weak-algorithm');
    expect((await check(cases.find((c) => c.name === 'CMS digest SHA-1')!.pdf)).verdict.problem).toBe('weak-algorithm');
    expect((await check(first('validity'))).verdict.problem).toBe('certificate-expired');
    expect((await check(cases.find((c) => c.name === 'valid from next year')!.pdf)).verdict.problem).toBe('certificate-not-yet-valid');
    expect((await check(first('incremental update'))).verdict.kind).toBe('tampered');
    expect((await check(first('decompression bomb'))).verdict).toMatchObject({ kind: 'tampered', problem: 'attachment-too-large' });
    expect((await check(first('truncated'))).verdict).toMatchObject({ kind: 'tampered', title: '文件不完整' });
    const forgedScore = cases.find((c) => c.name === 'forged score signed by the enrolled key')!.pdf;
    expect((await check(forgedScore)).verdict).toMatchObject({ kind: 'tampered', problem: 'score-mismatch' });
    expect((await check(forgedScore)).verdict.detail).toContain('100.0');
    const renamed = cases.find((c) => c.name.startsWith('record naming another inspector'))!.pdf;
    expect((await check(renamed)).verdict).toMatchObject({ kind: 'tampered', problem: 'name-mismatch' });
  }, 60_000);

  it('pdfsig with the company root agrees on every file whose signed bytes were changed', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'attacks-'));
    writeFileSync(path.join(dir, 'root.pem'), certificatePem(pki.root.certificate));
    execFileSync('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
    execFileSync('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'root', '-t', 'CT,C,C', '-a', '-i', path.join(dir, 'root.pem')]);
    const run = (pdf: Uint8Array) => {
      const f = path.join(dir, 'x.pdf');
      writeFileSync(f, pdf);
      const r = spawnSync('pdfsig', ['-nssdir', `sql:${dir}`, f], { encoding: 'utf8' });
      return r.stdout + r.stderr;
    };
    const ok = run(genuine);
    expect(ok).toContain('Signature is Valid');
    expect(ok).toContain('Certificate is Trusted');
    expect(ok).toContain('Total document signed');
    const agreed = cases.filter((c) => c.pdfsigAgrees);
    expect(agreed.length).toBeGreaterThanOrEqual(40);
    for (const c of agreed) {
      const out = run(c.pdf);
      const fullyValid =
        out.includes('Signature is Valid') && out.includes('Certificate is Trusted') && out.includes('Total document signed');
      expect(fullyValid, `${c.cls}: ${c.name}\n${out}`).toBe(false);
    }
  }, 120_000);
});
