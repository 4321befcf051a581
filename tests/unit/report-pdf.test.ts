// The PDF renderer with the real subset font: Chinese extracts as the same text, the record is
// attached, and both a one-line and a long report render (small subsets once corrupted glyphs).
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FONT_SETUP_MS, reportFonts } from '../support/report-fonts';
import { makeReportPdf, RECORD_ATTACHMENT } from '../../src/adapters/pdf/report-pdf';
import type { ChecklistTemplate } from '../../src/domain/checklist';
import { newInspection, setAnswer, setNote } from '../../src/domain/inspection';
import { canonicalJson } from '../../src/domain/canonical-json';
import { createIdentity, certificatePem } from '../../src/adapters/signing/certificate';

let dir: string;
let fonts: { font: Uint8Array };
const NOW = '2026-11-23T10:00:00.000+08:00';

beforeAll(async () => {
  const built = await reportFonts('report-pdf');
  dir = built.dir;
  fonts = { font: built.font };
}, FONT_SETUP_MS);

function template(n: number): ChecklistTemplate {
  return {
    id: 'customer-service',
    title: '客服专业线品质检查',
    kind: 'inspection',
    line: 'customer',
    version: 'abc123',
    grades: { excellent: 90, pass: 80 },
    rectificationDays: 3,
    sections: [
      {
        id: 's',
        title: '前台接待与来电',
        items: Array.from({ length: n }, (_, i) => ({
          id: `i${i}`,
          kind: 'check' as const,
          text: `来电在响铃三声内接听（${i + 1}）`,
          standard: '响铃三声内接听，使用标准问候语',
          method: '抽查拨打',
          points: 1,
          sop: 'customer-service/front-desk-phone',
        })),
      },
    ],
  };
}

async function pdfFor(n: number, note = '', signed = false): Promise<{ file: string; json: string }> {
  const t = template(n);
  let r = newInspection(
    t,
    { templateId: t.id, project: '翠湖花园', area: '服务中心', inspector: '李品质', inspectedAt: NOW },
    `rec-${n}`,
    NOW,
  );
  for (let i = 0; i < n; i++) r = setAnswer(r, `i${i}`, { result: i === 0 ? 'fail' : 'pass' }, NOW);
  if (note) r = setNote(r, 'i0', note, NOW);
  const json = canonicalJson(r);
  const bytes = await makeReportPdf(
    {
      company: '示例物业服务有限公司',
      template: t,
      record: r,
      rectifications: [],
      photos: [],
      signatures: [{ role: '检查人', name: '李品质', signedAt: NOW }],
      fingerprint: 'deadbeefcafe0123',
    },
    { ...fonts, images: new Map() },
    {
      recordJson: json,
      date: new Date('2026-11-23T02:00:00Z'),
      sign: signed
        ? {
            identity: await createIdentity(
              { commonName: '李品质', device: '平板 01', organization: '示例物业服务有限公司' },
              new Date('2026-11-01T00:00:00Z'),
            ),
            name: '李品质',
            location: '翠湖花园',
          }
        : undefined,
    },
  );
  const file = path.join(dir, `report-${n}.pdf`);
  writeFileSync(file, bytes);
  return { file, json };
}

const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

// Rendering (and signing) a PDF takes 1-3 s on an idle machine: each test gets 30 s, well over 4x that.
describe('report PDF', () => {
  it('a one-item report: embedded CJK font, Chinese extracts exactly', async () => {
    const { file } = await pdfFor(1);
    const fontsOut = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fontsOut).toContain('WuyeReportSans');
    expect(fontsOut).toMatch(/yes\s+yes\s+yes/); // embedded, subset, unicode map
    const t = text(file);
    expect(t).toContain('客服专业线品质检查报告');
    expect(t).toContain('来电在响铃三声内接听（1）');
    expect(t).not.toContain('\uFFFD');
  }, 30_000);

  it('a long report spans pages with every item and page numbers', async () => {
    const { file } = await pdfFor(120, '前台无人值守约十分钟，已当场提醒。');
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(2);
    expect(info).toMatch(/A4/);
    const t = text(file).replace(/\s+/g, '');
    for (const i of [1, 60, 120]) expect(t).toContain(`内接听（${i}）`); // the cell wraps inside the item name
    expect(t).toContain(`第${pages}页/共${pages}页`);
    expect(t).toContain('前台无人值守'); // the note cell wraps, so check its first line
  }, 30_000); // embeds and subsets the full CJK font: heavy on a loaded machine

  it('attaches the canonical record as inspection-record.json', async () => {
    const { file, json } = await pdfFor(2);
    expect(execFileSync('pdfdetach', ['-list', file], { encoding: 'utf8' })).toContain(RECORD_ATTACHMENT);
    const out = path.join(dir, 'extracted.json');
    execFileSync('pdfdetach', ['-save', '1', '-o', out, file]);
    expect(readFileSync(out, 'utf8')).toBe(json);
  }, 30_000);
});

describe('digital signature', () => {
  it('pdfsig reports the signature valid, naming the inspector; a flipped byte makes it invalid', async () => {
    const { file } = await pdfFor(5, '', true);
    const out = execFileSync('pdfsig', [file], { encoding: 'utf8' });
    expect(out).toContain('Signature is Valid');
    expect(out).toContain('李品质');
    expect(out).toMatch(/adbe\.pkcs7\.detached/);
    expect(out).toContain('Total document signed');
    const bytes = readFileSync(file);
    const broken = Buffer.from(bytes);
    // Flip a byte inside the signed range (as ../shared/tools/check-pdf does).
    const [, a, b] = /\/ByteRange \[(\d+) (\d+)/.exec(bytes.toString('latin1'))!.map(Number) as [number, number, number];
    broken[a + Math.floor(b / 2)]! ^= 1;
    const brokenFile = path.join(dir, 'broken.pdf');
    writeFileSync(brokenFile, broken);
    let report: string;
    try {
      report = execFileSync('pdfsig', [brokenFile], { encoding: 'utf8' });
    } catch (err) {
      report = String((err as { stdout?: string }).stdout ?? '');
    }
    expect(report).not.toContain('Signature is Valid');
    // Chinese still extracts from the signed file.
    expect(text(file)).toContain('客服专业线品质检查报告');
  }, 30_000);

  it('exports the certificate as PEM', async () => {
    const id = await createIdentity(
      { commonName: '李品质', device: '平板 01', organization: '示例物业' },
      new Date('2026-11-01T00:00:00Z'),
    );
    const pem = certificatePem(id.certificate);
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+\n-----END CERTIFICATE-----\n$/);
    const pemFile = path.join(dir, 'device.pem');
    writeFileSync(pemFile, pem);
    const openssl = execFileSync('openssl', ['x509', '-in', pemFile, '-noout', '-subject', '-nameopt', 'utf8,sep_comma_plus'], {
      encoding: 'utf8',
    });
    expect(openssl).toContain('CN=李品质');
    expect(openssl).toContain('OU=平板 01');
  }, 30_000);
});
