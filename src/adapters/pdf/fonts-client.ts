// The report font in the browser: built into dist/fonts/ gzip-compressed and precached (2.4 MB
// instead of 3.9 MB of TrueType), fetched and inflated only when a PDF is made.
import type { PdfFonts } from './render';

export const REPORT_FONT_URL = '/fonts/report-sans.ttf.gz';

/** Inflates gzip bytes; bytes that are not gzip (a host that already decoded them) pass as they are. */
export async function gunzipFont(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function loadReportFonts(): Promise<PdfFonts> {
  const res = await fetch(REPORT_FONT_URL);
  if (!res.ok) throw new Error('报告字体未能加载，请联网打开一次本应用后再试。');
  return { font: await gunzipFont(new Uint8Array(await res.arrayBuffer())) };
}
