// The report font is fetched and inflated once per page: the PDF adapters cache the parsed font,
// its shaping and measured widths by these arrays, so the second report must get the same ones.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { gzipSync } from 'node:zlib';

const COMMON = new Uint8Array([1, 2, 3]);
const RARE = new Uint8Array([4, 5]);

describe('loadReportFonts', () => {
  let calls: string[];
  let rareOnline: boolean;
  let commonOk: boolean;
  beforeEach(() => {
    vi.resetModules();
    calls = [];
    rareOnline = false;
    commonOk = true;
    vi.stubGlobal('fetch', async (url: string) => {
      calls.push(url);
      if (url.includes('rare')) {
        if (!rareOnline) throw new TypeError('offline');
        return new Response(gzipSync(RARE));
      }
      return commonOk ? new Response(gzipSync(COMMON)) : new Response('', { status: 404 });
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('hands every PDF the same arrays; the rare part is tried again until it could be had', async () => {
    const { loadReportFonts, REPORT_FONT_URL, REPORT_FONT_RARE_URL } = await import('../../src/adapters/pdf/fonts-client');
    const first = await loadReportFonts();
    expect([...first.font]).toEqual([...COMMON]);
    expect(first.rare).toBeUndefined(); // offline, never fetched
    rareOnline = true;
    const second = await loadReportFonts();
    expect(second.font).toBe(first.font);
    expect([...second.rare!]).toEqual([...RARE]);
    const third = await loadReportFonts();
    expect(third.font).toBe(first.font);
    expect(third.rare).toBe(second.rare);
    expect(calls.filter((u) => u === REPORT_FONT_URL)).toHaveLength(1);
    expect(calls.filter((u) => u === REPORT_FONT_RARE_URL)).toHaveLength(2);
  });

  it('a failed load is said in Chinese and tried again next time', async () => {
    const { loadReportFonts } = await import('../../src/adapters/pdf/fonts-client');
    commonOk = false;
    await expect(loadReportFonts()).rejects.toThrow('报告字体未能加载');
    commonOk = true;
    expect([...(await loadReportFonts()).font]).toEqual([...COMMON]);
  });
});
