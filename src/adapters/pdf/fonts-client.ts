// The report fonts in the browser: built into dist/fonts/ and precached, fetched only when a PDF is made.
import type { PdfFonts } from './render';

async function bytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error('报告字体未能加载，请联网打开一次本应用后再试。');
  return new Uint8Array(await res.arrayBuffer());
}

export async function loadReportFonts(): Promise<PdfFonts> {
  const [fontRegular, fontBold] = await Promise.all([bytes('/fonts/report-sans-regular.ttf'), bytes('/fonts/report-sans-bold.ttf')]);
  return { fontRegular, fontBold };
}
