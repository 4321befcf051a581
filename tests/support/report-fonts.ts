// The report fonts as the build makes them (subset, gzip, cached in .cache/fonts by charset), in a
// fresh directory the test may also write its PDFs to. One setup for every test that draws a PDF.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildReportFonts, readReportFonts } from '../../scripts/font-subset.mjs';

/** Budget for the setup hook: subsetting a cold cache takes the longest on a loaded machine. */
export const FONT_SETUP_MS = 60_000;

export interface ReportFonts {
  /** Where the fonts were written (`fonts/…`); the test's own output files go here too. */
  dir: string;
  /** The common part (GB2312 and more), as precached. */
  font: Uint8Array;
  /** The rare part, fetched on first use. */
  rare: Uint8Array;
}

export async function reportFonts(name: string): Promise<ReportFonts> {
  const dir = mkdtempSync(path.join(tmpdir(), `${name}-`));
  await buildReportFonts(dir);
  return { dir, ...readReportFonts(dir) };
}
