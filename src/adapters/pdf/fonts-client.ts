// The report font in the browser, built into dist/fonts/ gzip-compressed in two parts (issue 18:
// precache ≤ 8 MB). The common part (GB2312 level 1, 通用规范 level 1, common name characters, all
// content and UI text) is precached; the rare part (the rest of the 通用规范汉字, traditional forms)
// is cached by the service worker the first time it is fetched (scripts/service-worker.mjs).
// Both are fetched and inflated only when a PDF is made.
import type { PdfFonts } from './render';
import { gunzip } from '../files/gunzip';

export const REPORT_FONT_URL = '/fonts/report-sans.ttf.gz';
export const REPORT_FONT_RARE_URL = '/fonts/report-sans-rare.ttf.gz';

/** The rare part, or undefined when it cannot be had (offline and never fetched): reports without
 * rare characters are made all the same, and render.ts names any rare character it then lacks. */
async function loadRarePart(): Promise<Uint8Array | undefined> {
  try {
    const res = await fetch(REPORT_FONT_RARE_URL);
    return res.ok ? await gunzip(new Uint8Array(await res.arrayBuffer())) : undefined;
  } catch {
    return undefined;
  }
}

async function loadCommonPart(): Promise<Uint8Array> {
  const res = await fetch(REPORT_FONT_URL);
  if (!res.ok) throw new Error('报告字体未能加载，请联网打开一次本应用后再试。');
  return gunzip(new Uint8Array(await res.arrayBuffer()));
}

// Kept for the page's life: the PDF adapters cache the parsed font, its shaping and measured widths
// by these arrays, so every report after the first reuses them. A failed load is tried again.
let common: Promise<Uint8Array> | undefined;
let rare: Uint8Array | undefined;

export async function loadReportFonts(): Promise<PdfFonts> {
  common ??= loadCommonPart().catch((err: unknown) => {
    common = undefined;
    throw err;
  });
  const [font, rarePart] = await Promise.all([common, rare ?? loadRarePart()]);
  rare ??= rarePart;
  return { font, rare };
}

/** Fetches the rare part in the background so it is in the service worker's cache before the
 * device next goes offline; called when a screen that makes PDFs opens online. */
export function warmRareFont(): void {
  if (navigator.onLine) fetch(REPORT_FONT_RARE_URL).catch(() => undefined);
}
