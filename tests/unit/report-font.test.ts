// The report font covers the 通用规范汉字表 as well as GB2312: names and places outside GB2312
// (张喆, 堃昇花园, 玥珺旻祎犇垚镕) extract from a signed report as typed; a character the font does
// not hold (𠀀, CJK Ext-B) is named and nothing is made or signed. It comes in two parts (issue 18):
// the precached common part and the rare rest; a report drawing from both extracts as typed, and
// without the rare part a rare character is named with the advice to download the full font once.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { reportCharsets, tongyongGuifan } from '../../scripts/font-subset.mjs';
import { FONT_SETUP_MS, reportFonts } from '../support/report-fonts';
import { makeReportPdf } from '../../src/adapters/pdf/report-pdf';
import { gunzip } from '../../src/adapters/files/gunzip';
import type { ChecklistTemplate } from '../../src/domain/checklist';
import { newInspection, setAnswer, setNote } from '../../src/domain/inspection';
import { canonicalJson } from '../../src/domain/canonical-json';
import { UnprintableTextError } from '../../src/domain/printable';
import { createIdentity } from '../../src/adapters/signing/certificate';

let dir: string;
let font: Uint8Array;
let rare: Uint8Array;
const NOW = '2026-11-23T10:00:00.000+08:00';

beforeAll(async () => {
  ({ dir, font, rare } = await reportFonts('report-font'));
}, FONT_SETUP_MS);

type FontkitFont = { hasGlyphForCodePoint(cp: number): boolean };
const open = (bytes: Uint8Array) => fontkit.create(Buffer.from(bytes)) as unknown as FontkitFont;

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

async function report(inspector: string, project: string, note: string, parts: { font: Uint8Array; rare?: Uint8Array } = { font, rare }) {
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
    { ...parts, images: new Map() },
    { recordJson: canonicalJson(r), date: new Date('2026-11-23T02:00:00Z'), sign: { identity, name: inspector, location: project } },
  );
}

describe('report font', () => {
  it('holds all 8,105 characters of the 通用规范汉字表 and all of GB2312 in its two parts', () => {
    const table = [...tongyongGuifan()];
    expect(table).toHaveLength(8105);
    expect(new Set(table).size).toBe(8105);
    const [c, r] = [open(font), open(rare)];
    const f = { hasGlyphForCodePoint: (cp: number) => c.hasGlyphForCodePoint(cp) || r.hasGlyphForCodePoint(cp) };
    expect(table.filter((c) => !f.hasGlyphForCodePoint(c.codePointAt(0)!))).toEqual([]);
    const gb: number[] = [];
    // D7FA-D7FE are empty in GB2312 (the WHATWG decoder, really GBK, maps them to private use).
    for (let hi = 0xb0; hi <= 0xf7; hi++) for (let lo = 0xa1; lo <= (hi === 0xd7 ? 0xf9 : 0xfe); lo++) gb.push(hi, lo);
    const gb2312 = [...new TextDecoder('gb2312').decode(new Uint8Array(gb))].filter((c) => c !== '\uFFFD');
    expect(gb2312.length).toBe(6763);
    expect(gb2312.filter((c) => !f.hasGlyphForCodePoint(c.codePointAt(0)!))).toEqual([]);
    expect(f.hasGlyphForCodePoint(0x20000)).toBe(false); // 𠀀: the case below relies on it
  });

  it('precaches the common part: GB2312 level 1, 通用规范 level 1, common names and all content text', async () => {
    const { common, rare: rest } = await reportCharsets();
    const c = open(font);
    const gb: number[] = [];
    for (let hi = 0xb0; hi <= 0xd7; hi++) for (let lo = 0xa1; lo <= (hi === 0xd7 ? 0xf9 : 0xfe); lo++) gb.push(hi, lo);
    const level1 = [...new TextDecoder('gb2312').decode(new Uint8Array(gb))];
    expect(level1).toHaveLength(3755);
    const wanted = [...level1, ...[...tongyongGuifan()].slice(0, 3500), ...'张喆堃昇玥珺旻祎犇垚镕欧阳诸葛司马'];
    expect(wanted.filter((ch) => !c.hasGlyphForCodePoint(ch.codePointAt(0)!))).toEqual([]);
    // Content text is in it (a sample of the UI's words; characters Noto lacks, such as ✗, in neither part).
    for (const ch of '生成签名报告品质检查打印版尚未下载') expect(c.hasGlyphForCodePoint(ch.codePointAt(0)!), ch).toBe(true);
    expect(common.length).toBeGreaterThan(4500);
    // The parts do not overlap, and the rare part holds what the common one lacks.
    const commonSet = new Set(common);
    expect([...rest].filter((ch) => commonSet.has(ch))).toEqual([]);
    expect(open(rare).hasGlyphForCodePoint('龢'.codePointAt(0)!)).toBe(true);
    expect(c.hasGlyphForCodePoint('龢'.codePointAt(0)!)).toBe(false);
    expect(c.hasGlyphForCodePoint('廣'.codePointAt(0)!)).toBe(false); // traditional forms are rare
  });

  it('is stored gzip-compressed and the browser path inflates it to the same TrueType', async () => {
    for (const [file, ttf] of [
      ['report-sans.ttf.gz', font],
      ['report-sans-rare.ttf.gz', rare],
    ] as const) {
      const stored = new Uint8Array(readFileSync(path.join(dir, 'fonts', file)));
      expect([stored[0], stored[1]]).toEqual([0x1f, 0x8b]);
      const inflated = await gunzip(stored);
      expect(Buffer.from(inflated).equals(Buffer.from(ttf))).toBe(true);
      expect(Buffer.from(inflated.subarray(0, 4)).toString('hex')).toBe('00010000'); // TrueType, glyf outlines
    }
    expect(await gunzip(font)).toBe(font); // already inflated by a host: passed through
  });

  it('names and places outside GB2312 extract from the signed PDF as typed', async () => {
    const bytes = await report('张喆', '堃昇花园', '住户玥珺、旻祎、犇垚反映镕金门禁故障');
    const file = path.join(dir, 'names.pdf');
    writeFileSync(file, bytes);
    const t = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const s of ['张喆', '堃昇花园', '玥珺', '旻祎', '犇垚', '镕金']) expect(t).toContain(s);
    expect(t).not.toContain('□');
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toContain('Signature is Valid');
    // Only the common part was needed: one font in the file, as before the split.
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).not.toContain('WuyeReportSansRare');
  }, 30_000);

  it('rare characters mixed into a line come from the rare part and extract as typed', async () => {
    const bytes = await report('张龢', '廣場花园', '业主龢先生（A座）反映：廣場門禁故障……已报修 3 次');
    const file = path.join(dir, 'rare.pdf');
    writeFileSync(file, bytes);
    const t = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const s of ['张龢', '廣場花园', '业主龢先生（A座）反映：廣場門禁故障……已报修3次']) expect(t).toContain(s);
    expect(t).not.toContain('□');
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/WuyeReportSans\s.*yes\s+yes\s+yes/);
    expect(fonts).toMatch(/WuyeReportSansRare.*yes\s+yes\s+yes/);
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toContain('Signature is Valid');
  }, 30_000);

  it('without the rare part, a rare character is named with the advice to download the full font once', async () => {
    const made = report('张喆', '廣場花园', '门禁故障', { font });
    await expect(made).rejects.toBeInstanceOf(UnprintableTextError);
    await expect(made).rejects.toMatchObject({ chars: ['廣', '場'], fullFontMissing: true });
    await expect(made).rejects.toThrow(/^「廣」「場」无法打印：.*需要联网一次下载完整字库/);
    // Common characters alone need no rare part.
    expect((await report('张喆', '堃昇花园', '门禁故障', { font })).length).toBeGreaterThan(1000);
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
