// The report checker: valid, tampered, unsigned and foreign files, and a few hundred mutations.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import { buildReportFonts } from '../../scripts/font-subset.mjs';
import { makeReportPdf } from '../../src/adapters/pdf/report-pdf';
import { createIdentity, type SigningIdentity } from '../../src/adapters/signing/certificate';
import { addSignaturePlaceholder, signPdf } from '../../src/adapters/signing/pdf-signature';
import { verifyReport } from '../../src/adapters/signing/verify-report';
import type { ChecklistTemplate } from '../../src/domain/checklist';
import { finalize, newInspection, setAnswer } from '../../src/domain/inspection';
import { reportDocument, reportDocumentJson, shortFingerprint } from '../../src/domain/report-document';

const NOW = '2026-11-23T10:00:00.000+08:00';
const T: ChecklistTemplate = {
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
      ],
    },
  ],
};
let fonts: { fontRegular: Uint8Array; fontBold: Uint8Array };
let identity: SigningIdentity;
let signed: Uint8Array;

async function report(opts: { sign?: boolean; wrongFingerprint?: boolean } = {}): Promise<Uint8Array> {
  const record = finalize(
    T,
    setAnswer(
      newInspection(T, { templateId: 'security', project: '锦江名苑', area: '南门岗', inspector: '王主管', inspectedAt: NOW }, 'r-1', NOW),
      'a',
      { result: 'pass' },
      NOW,
    ),
    NOW,
  );
  const json = reportDocumentJson(reportDocument(record, [], [{ role: '检查人', name: '王主管', signedAt: NOW }]));
  const sha = createHash('sha256').update(json).digest('hex');
  return makeReportPdf(
    {
      company: '示例物业',
      template: T,
      record,
      rectifications: [],
      photos: [],
      signatures: [],
      fingerprint: opts.wrongFingerprint ? '0000000000000000' : shortFingerprint(sha),
    },
    { ...fonts, images: new Map() },
    {
      recordJson: json,
      date: new Date('2026-11-23T02:00:00Z'),
      sign: opts.sign === false ? undefined : { identity, name: '王主管', location: '锦江名苑' },
    },
  );
}

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'verify-'));
  await buildReportFonts(dir);
  fonts = {
    fontRegular: readFileSync(path.join(dir, 'fonts/report-sans-regular.ttf')),
    fontBold: readFileSync(path.join(dir, 'fonts/report-sans-bold.ttf')),
  };
  identity = await createIdentity({ commonName: '王主管', device: '平板 2', organization: '示例物业' }, new Date('2026-11-01T00:00:00Z'));
  signed = await report();
}, 60_000);

describe('verifyReport', () => {
  it('accepts an untouched signed report and names the signer', async () => {
    const { verdict } = await verifyReport(signed);
    expect(verdict.kind).toBe('valid');
    expect(verdict.detail).toContain('王主管');
    expect(verdict.detail).toContain('锦江名苑');
  });

  it('reports a flipped byte as tampered', async () => {
    const text = new TextDecoder('latin1').decode(signed);
    const [, start] = /\/ByteRange \[0 (\d+)/.exec(text)!;
    for (const at of [10, Number(start) - 10, signed.length - 10]) {
      const b = new Uint8Array(signed);
      b[at]! ^= 1;
      expect((await verifyReport(b)).verdict.kind, `byte ${at}`).toBe('tampered');
    }
  });

  it('reports an unsigned report as unsigned', async () => {
    expect((await verifyReport(await report({ sign: false }))).verdict.kind).toBe('unsigned');
  });

  it('reports a record that does not match the signed fingerprint as tampered', async () => {
    expect((await verifyReport(await report({ wrongFingerprint: true }))).verdict).toMatchObject({
      kind: 'tampered',
      title: '报告已被改动',
    });
  });

  it('treats an attachment that fails the schema as tampered', async () => {
    const other = await PDFDocument.create();
    other.addPage();
    await other.attach(
      new TextEncoder().encode('{"format":"wuye-inspection-report","version":1,"record":{"id":"x"}}'),
      'inspection-record.json',
      { mimeType: 'application/json' },
    );
    expect((await verifyReport(await other.save())).verdict.kind).toBe('tampered');
  });

  it('refuses random bytes, a truncated file and a PDF that is not ours', async () => {
    expect((await verifyReport(new Uint8Array([1, 2, 3, 4]))).verdict.kind).toBe('foreign');
    expect((await verifyReport(signed.subarray(0, Math.floor(signed.length / 2)))).verdict.kind).not.toBe('valid');
    const other = await PDFDocument.create();
    other.addPage();
    expect((await verifyReport(await other.save())).verdict).toMatchObject({ kind: 'foreign', title: '不是本系统的检查报告' });
  });

  it('never crashes and never accepts a mutated signed range (300 mutations)', async () => {
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
          const { verdict } = await verifyReport(m);
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
  // The test forces the case instead of waiting for chance: the first signature WebCrypto returns is a
  // real one that ends in 0x00 (found by re-signing until one does), later ones are left to chance.
  let calls = 0;
  beforeEach(() => {
    calls = 0;
    const sign = crypto.subtle.sign.bind(crypto.subtle);
    vi.spyOn(crypto.subtle, 'sign').mockImplementation(async (algorithm, key, data) => {
      if (calls++ > 0) return sign(algorithm, key, data);
      for (let i = 0; i < 20_000; i++) {
        const sig = await sign(algorithm, key, data);
        if (new Uint8Array(sig).at(-1) === 0) return sig;
      }
      throw new Error('no raw ECDSA signature ending in 0x00 in 20,000 tries');
    });
  });
  afterEach(() => vi.restoreAllMocks());

  async function tinySigned(allowTrailingZero: boolean): Promise<{ pdf: Uint8Array; endsInZero: boolean }> {
    const doc = await PDFDocument.create();
    doc.addPage();
    addSignaturePlaceholder(doc, { name: '王主管', reason: '测试', location: '锦江名苑', date: new Date('2026-11-23T02:00:00Z') });
    const pdf = await signPdf(await doc.save({ useObjectStreams: false }), identity, new Date('2026-11-23T02:00:00Z'), {
      allowTrailingZero,
    });
    const text = new TextDecoder('latin1').decode(pdf);
    const [, b] = /\/ByteRange \[0 (\d+)/.exec(text)!.map(Number) as [number, number];
    const hex = text.slice(b + 1);
    const len = 4 + parseInt(hex.slice(4, 8), 16); // SEQUENCE with a two-byte length
    return { pdf, endsInZero: hex.slice((len - 1) * 2, len * 2) === '00' };
  }

  it('our checker accepts them', async () => {
    const { pdf, endsInZero } = await tinySigned(true);
    expect(endsInZero).toBe(true);
    expect(calls).toBe(1);
    expect((await verifyReport(pdf)).facts.signature).toMatchObject({ valid: true, signer: '王主管' });
  }, 60_000);

  it('signing signs again rather than emit one (so pdfsig can read every report)', async () => {
    const { pdf, endsInZero } = await tinySigned(false);
    expect(endsInZero).toBe(false);
    expect(calls).toBeGreaterThanOrEqual(2);
    expect((await verifyReport(pdf)).facts.signature).toMatchObject({ valid: true, signer: '王主管' });
  }, 60_000);
});
