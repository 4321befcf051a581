// The document checker: verdicts for genuine, unenrolled, revoked, unsigned and foreign files of
// every kind the app signs, and a few hundred random mutations. Attacks: verify-attacks.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import { verifyReport } from '../../src/adapters/signing/verify-report';
import { addSignaturePlaceholder, buildCms, signPdf } from '../../src/adapters/signing/pdf-signature';
import { certificateSerial } from '../../src/adapters/signing/ca';
import { canonicalJson } from '../../src/domain/canonical-json';
import { withRevocation } from '../../src/domain/trust-list';
import {
  enrolled,
  inspectionDocument,
  makePki,
  pdfWith,
  reportPdf,
  selfSigned,
  templateLookup,
  type Pki,
} from '../support/signing-fixture';

let pki: Pki;
let signed: Uint8Array;
const check = (pdf: Uint8Array, trust = pki.trust) => verifyReport(pdf, { trust, template: templateLookup });

beforeAll(async () => {
  pki = await makePki();
  signed = await reportPdf(inspectionDocument(), pki.inspector);
}, 60_000);

describe('verifyReport', () => {
  it('accepts a report signed by an enrolled inspector, naming signer, device and fingerprint', async () => {
    const { verdict, facts, document } = await check(signed);
    expect(verdict).toMatchObject({ kind: 'valid', title: '有效', reason: '' });
    expect(verdict.detail).toContain('王品质');
    expect(verdict.detail).toContain('平板 03');
    expect(verdict.detail).toContain('锦江名苑');
    expect(verdict.detail).toContain(facts.signer!.fingerprint);
    expect(facts.signer!.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(facts.scoreUnchecked).toBeUndefined();
    expect(document?.record.id).toBe('r-1');
  });

  it('says 未登记 without a trust list, or for a self-signed key, and keeps the file out', async () => {
    expect((await verifyReport(signed)).verdict).toMatchObject({ kind: 'untrusted', problem: 'no-trust-list' });
    const self = await reportPdf(inspectionDocument(), await selfSigned('王品质'));
    expect((await check(self)).verdict).toMatchObject({ kind: 'untrusted', title: '签名完整但签名人未登记', problem: 'self-signed' });
    expect((await check(self)).verdict.detail).toContain('默认不计入月度报告');
  });

  it('flags reports signed after the certificate was revoked, not those before', async () => {
    const rev = {
      serial: certificateSerial(pki.inspector.certificate),
      fingerprint: Array(32).fill('AA').join(':'),
      name: '王品质',
      device: '平板 03',
      reason: '设备遗失',
    };
    const after = withRevocation(pki.trust, { ...rev, revokedAt: '2026-11-20T00:00:00Z' }, '2026-11-20T00:00:00Z');
    const before = withRevocation(pki.trust, { ...rev, revokedAt: '2026-11-30T00:00:00Z' }, '2026-11-30T00:00:00Z');
    const v = (await check(signed, after)).verdict;
    expect(v).toMatchObject({ kind: 'untrusted', title: '签名证书已被吊销', problem: 'revoked' });
    expect(v.reason).toContain('设备遗失');
    expect((await check(signed, before)).verdict.kind).toBe('valid');
  });

  it('re-scores the record and notes when the template version is unknown here', async () => {
    const r = await verifyReport(signed, { trust: pki.trust });
    expect(r.verdict.kind).toBe('valid');
    expect(r.facts.scoreUnchecked).toBe(true);
    expect(r.verdict.detail).toContain('得分未复核');
  });

  it('verifies the app’s monthly report and training certificate the same way', async () => {
    const manager = await enrolled(pki.root, '赵经理', new Date('2026-06-01T00:00:00Z'));
    const monthly = await pdfWith({ name: 'monthly-report.json', json: canonicalJson({ month: '2026-11', lines: [] }) }, manager, {
      signerName: '赵经理',
    });
    expect((await check(monthly)).verdict).toMatchObject({ kind: 'valid' });
    expect((await check(monthly)).verdict.detail).toContain('月度品质报告');
    const learner = await enrolled(pki.root, '刘新员', new Date('2026-06-01T00:00:00Z'));
    const cert = await pdfWith(
      { name: 'training-record.json', json: canonicalJson({ learner: { name: '刘新员', employeeNo: 'A1' }, signOff: null }) },
      learner,
    );
    expect((await check(cert)).verdict).toMatchObject({ kind: 'valid' });
    const wrong = await pdfWith({ name: 'training-record.json', json: canonicalJson({ learner: { name: '张三' } }) }, learner);
    expect((await check(wrong)).verdict).toMatchObject({ kind: 'tampered', problem: 'name-mismatch' });
  });

  it('says unsigned for a report without a signature, and foreign for other files', async () => {
    expect((await check(await reportPdf(inspectionDocument(), null))).verdict).toMatchObject({ kind: 'unsigned', title: '未签名' });
    expect((await check(new Uint8Array([1, 2, 3, 4]))).verdict).toMatchObject({ kind: 'foreign', title: '不是本系统的文件' });
    const other = await PDFDocument.create();
    other.addPage();
    expect((await check(await other.save())).verdict.kind).toBe('foreign');
    expect((await check(await other.save({ useObjectStreams: false }))).verdict.kind).toBe('foreign');
    const signedOther = await pdfWith({ name: 'notes.json', json: '{}' }, pki.inspector);
    expect((await check(signedOther)).verdict).toMatchObject({ kind: 'foreign', problem: 'no-record' });
  });

  it('never crashes and never accepts a mutated file (300 mutations)', async () => {
    const text = new TextDecoder('latin1').decode(signed);
    const [, b, c] = /\/ByteRange \[0 (\d+) (\d+)/.exec(text)!.map(Number) as [number, number, number];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.integer({ min: 0, max: b - 1 }), fc.integer({ min: c, max: signed.length - 1 })),
        fc.integer({ min: 1, max: 255 }),
        fc.constantFrom('flip', 'cut', 'insert'),
        async (at, x, how) => {
          let m: Uint8Array;
          if (how === 'flip') {
            m = new Uint8Array(signed);
            m[at]! ^= x;
          } else if (how === 'cut') m = signed.subarray(0, at);
          else m = new Uint8Array([...signed.subarray(0, at), x, ...signed.subarray(at)]);
          const { verdict } = await check(m);
          expect(verdict.kind).not.toBe('valid');
          expect(verdict.title).toMatch(/[\u4e00-\u9fff]/);
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);
});

describe('signatures whose DER ends in a zero byte', () => {
  // About 1 ECDSA signature in 256 ends in 0x00. Poppler trims trailing zeros from /Contents and then
  // fails to parse it, so signing avoids such signatures; our own checker must still accept them.
  async function placeholderPdf(): Promise<Uint8Array> {
    const doc = await PDFDocument.create();
    doc.addPage();
    addSignaturePlaceholder(doc, { name: '王品质', reason: '测试', location: '锦江名苑', date: new Date('2026-11-23T02:00:00Z') });
    return doc.save({ useObjectStreams: false });
  }
  /** Real signatures over the file, the first `zeros` of them made to end in 0x00 (re-signed until one does). */
  function cmsMaker(zeros: number) {
    let calls = 0;
    return async (data: Uint8Array<ArrayBuffer>) => {
      calls++;
      for (;;) {
        const cms = await buildCms(data, pki.inspector, new Date('2026-11-23T02:00:00Z'));
        if ((cms.at(-1) === 0) === calls <= zeros) return cms;
      }
    };
  }
  const endsInZero = (pdf: Uint8Array) => {
    const text = new TextDecoder('latin1').decode(pdf);
    const [, b] = /\/ByteRange \[0 (\d+)/.exec(text)!.map(Number) as [number, number];
    const hex = text.slice(b + 1);
    const len = 4 + parseInt(hex.slice(4, 8), 16); // SEQUENCE with a two-byte length
    return hex.slice((len - 1) * 2, len * 2) === '00';
  };

  it('our checker accepts them', async () => {
    const pdf = await signPdf(await placeholderPdf(), pki.inspector, new Date(), { allowTrailingZero: true, makeCms: cmsMaker(1) });
    expect(endsInZero(pdf)).toBe(true);
    const { facts } = await verifyReport(pdf, { trust: pki.trust });
    expect(facts.problem).toBe('no-record'); // the signature held; the file just has no record of ours
    expect(facts.signer?.name).toBe('王品质');
  }, 120_000);

  it('signing re-signs when one comes up, so pdfsig can read every report', async () => {
    const pdf = await signPdf(await placeholderPdf(), pki.inspector, new Date(), { makeCms: cmsMaker(3) });
    expect(endsInZero(pdf)).toBe(false);
  }, 120_000);
});
