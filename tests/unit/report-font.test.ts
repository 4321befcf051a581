// The report font covers the 通用规范汉字表 as well as GB2312: names and places outside GB2312
// (张喆, 堃昇花园, 玥珺旻祎犇垚镕) extract from a signed report as typed; a character the font does
// not hold (𠀀, CJK Ext-B) is named and nothing is made or signed.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { buildReportFonts, readReportFont, tongyongGuifan } from '../../scripts/font-subset.mjs';
import { makeReportPdf } from '../../src/adapters/pdf/report-pdf';
import { gunzipFont } from '../../src/adapters/pdf/fonts-client';
import type { ChecklistTemplate } from '../../src/domain/checklist';
import { newInspection, setAnswer, setNote } from '../../src/domain/inspection';
import { canonicalJson } from '../../src/domain/canonical-json';
import { UnprintableTextError } from '../../src/domain/printable';
import { createIdentity } from '../../src/adapters/signing/certificate';

const dir = mkdtempSync(path.join(tmpdir(), 'report-font-'));
let font: Uint8Array;
const NOW = '2026-11-23T10:00:00.000+08:00';

beforeAll(async () => {
  await buildReportFonts(dir);
  font = readReportFont(dir);
}, 60_000);

const template: ChecklistTemplate = {
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
      items: [
        {
          id: 'i0',
          kind: 'check',
          text: '来电在响铃三声内接听',
          standard: '响铃三声内接听',
          method: '抽查拨打',
          points: 1,
          sop: 'customer-service/front-desk-phone',
        },
      ],
    },
  ],
};

async function report(inspector: string, project: string, note: string) {
  let r = newInspection(template, { templateId: template.id, project, area: '服务中心', inspector, inspectedAt: NOW }, 'rec-font', NOW);
  r = setAnswer(r, 'i0', { result: 'fail' }, NOW);
  r = setNote(r, 'i0', note, NOW);
  const identity = await createIdentity(
    { commonName: inspector, device: '平板 01', organization: '示例物业服务有限公司' },
    new Date('2026-11-01T00:00:00Z'),
  );
  return makeReportPdf(
    {
      company: '示例物业服务有限公司',
      template,
      record: r,
      rectifications: [],
      photos: [],
      signatures: [{ role: '检查人', name: inspector, signedAt: NOW }],
      fingerprint: 'deadbeefcafe0123',
    },
    { font, images: new Map() },
    { recordJson: canonicalJson(r), date: new Date('2026-11-23T02:00:00Z'), sign: { identity, name: inspector, location: project } },
  );
}

describe('report font', () => {
  it('holds all 8,105 characters of the 通用规范汉字表 and all of GB2312', () => {
    const table = [...tongyongGuifan()];
    expect(table).toHaveLength(8105);
    expect(new Set(table).size).toBe(8105);
    const f = fontkit.create(Buffer.from(font)) as unknown as { hasGlyphForCodePoint(cp: number): boolean };
    expect(table.filter((c) => !f.hasGlyphForCodePoint(c.codePointAt(0)!))).toEqual([]);
    const gb: number[] = [];
    // D7FA-D7FE are empty in GB2312 (the WHATWG decoder, really GBK, maps them to private use).
    for (let hi = 0xb0; hi <= 0xf7; hi++) for (let lo = 0xa1; lo <= (hi === 0xd7 ? 0xf9 : 0xfe); lo++) gb.push(hi, lo);
    const gb2312 = [...new TextDecoder('gb2312').decode(new Uint8Array(gb))].filter((c) => c !== '\uFFFD');
    expect(gb2312.length).toBe(6763);
    expect(gb2312.filter((c) => !f.hasGlyphForCodePoint(c.codePointAt(0)!))).toEqual([]);
    expect(f.hasGlyphForCodePoint(0x20000)).toBe(false); // 𠀀: the case below relies on it
  });

  it('is stored gzip-compressed and the browser path inflates it to the same TrueType', async () => {
    const stored = new Uint8Array(readFileSync(path.join(dir, 'fonts/report-sans.ttf.gz')));
    expect([stored[0], stored[1]]).toEqual([0x1f, 0x8b]);
    const inflated = await gunzipFont(stored);
    expect(Buffer.from(inflated).equals(Buffer.from(font))).toBe(true);
    expect(Buffer.from(inflated.subarray(0, 4)).toString('hex')).toBe('00010000'); // TrueType, glyf outlines
    expect(await gunzipFont(font)).toBe(font); // already inflated by a host: passed through
  });

  it('names and places outside GB2312 extract from the signed PDF as typed', async () => {
    const bytes = await report('张喆', '堃昇花园', '住户玥珺、旻祎、犇垚反映镕金门禁故障');
    const file = path.join(dir, 'names.pdf');
    writeFileSync(file, bytes);
    const t = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const s of ['张喆', '堃昇花园', '玥珺', '旻祎', '犇垚', '镕金']) expect(t).toContain(s);
    expect(t).not.toContain('□');
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toContain('Signature is Valid');
  }, 30_000);

  it('bidi controls and zero-width characters neither block the report nor reach the page', async () => {
    const bytes = await report('张\u200b喆', '堃昇\u202e花园', '\ufeff门禁\u2066故障\u200d');
    const file = path.join(dir, 'invisible.pdf');
    writeFileSync(file, bytes);
    const t = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(t.replace(/\s+/g, '')).toContain('堃昇花园');
    expect(t).toContain('门禁故障');
    expect(t).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u);
  }, 30_000);

  it('a character the font lacks is named and nothing is made or signed', async () => {
    const made = report('张喆', '堃昇花园', '业主𠀀先生反映门禁故障');
    await expect(made).rejects.toBeInstanceOf(UnprintableTextError);
    await expect(made).rejects.toMatchObject({ chars: ['𠀀'] });
    await expect(made).rejects.toThrow(/^「𠀀」无法打印/);
  }, 30_000);
});
