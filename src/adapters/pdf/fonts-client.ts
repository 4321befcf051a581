// The report font in the browser, built into dist/fonts/ gzip-compressed in two parts (issue 18:
// precache ≤ 8 MB). The common part (GB2312 level 1, 通用规范 level 1, common name characters, all
// content and UI text) is precached; the rare part (the rest of the 通用规范汉字, traditional forms)
// is cached by the service worker the first time it is fetched (scripts/service-worker.mjs).
// Both are fetched and inflated only when a PDF is made.
import type { PdfFonts } from './render';
import { gunzip } from '../files/gunzip';

export const REPORT_FONT_URL = '/fonts/report-sans.ttf.gz';
export const REPORT_FONT_RARE_URL = '/fonts/report-sans-rare.ttf.gz';

/** Inflates gzip bytes; bytes that are not gzip (a host that already decoded them) pass as they are. */
export const gunzipFont = gunzip;

/** The rare part, or undefined when it cannot be had (offline and never fetched): reports without
 * rare characters are made all the same, and render.ts names any rare character it then lacks. */
async function loadRarePart(): Promise<Uint8Array | undefined> {
  try {
    const res = await fetch(REPORT_FONT_RARE_URL);
    return res.ok ? await gunzipFont(new Uint8Array(await res.arrayBuffer())) : undefined;
  } catch {
    return undefined;
  }
}

export async function loadReportFonts(): Promise<PdfFonts> {
  const [res, rare] = await Promise.all([fetch(REPORT_FONT_URL), loadRarePart()]);
  if (!res.ok) throw new Error('报告字体未能加载，请联网打开一次本应用后再试。');
  return { font: await gunzipFont(new Uint8Array(await res.arrayBuffer())), rare };
}

/** Fetches the rare part in the background so it is in the service worker's cache before the
 * device next goes offline; called when a screen that makes PDFs opens online. */
export function warmRareFont(): void {
  if (navigator.onLine) fetch(REPORT_FONT_RARE_URL).catch(() => undefined);
}
