// The report font: Noto Sans SC Regular (OFL-1.1) subset at build time to ASCII, GB2312 (6,763
// hanzi and symbols), the 8,105 characters of the 通用规范汉字表 (names and places: 喆 堃 昇 玥 …),
// the traditional counterparts of GB2312, and every character of the content and UI, so Chinese
// reports need no network. One weight only: bold is drawn as a stroked outline (render.ts).
// TrueType (glyf) output, since fontkit cannot subset WOFF2, stored gzip-compressed for the
// precache and inflated in the browser (DecompressionStream). Cached in .cache/ by a hash of the
// character set, so a build without new characters is free.
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import subsetFont from 'subset-font';
import * as OpenCC from 'opencc-js';

const require = createRequire(import.meta.url);
const FONT_DIR = path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
export const REPORT_FONT = {
  source: path.join(FONT_DIR, '400Regular/NotoSansSC_400Regular.ttf'),
  file: 'report-sans.ttf.gz',
};

/** The 通用规范汉字表 (2013), from assets/fonts/tongyong-guifan.txt (scripts/gen-tongyong-guifan.mjs). */
export function tongyongGuifan() {
  const text = readFileSync(path.join(import.meta.dirname, '../assets/fonts/tongyong-guifan.txt'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .join('');
}

/** The TrueType report font of a built site (dist/fonts/), inflated. */
export function readReportFont(outDir = 'dist') {
  return new Uint8Array(gunzipSync(readFileSync(path.join(outDir, 'fonts', REPORT_FONT.file))));
}

function gb2312() {
  const bytes = [];
  for (let hi = 0xa1; hi <= 0xf7; hi++) for (let lo = 0xa1; lo <= 0xfe; lo++) bytes.push(hi, lo);
  return new TextDecoder('gb2312').decode(new Uint8Array(bytes)).replace(/\uFFFD/g, '');
}

async function filesUnder(dir, exts) {
  const out = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && exts.some((e) => entry.name.endsWith(e))) out.push(path.join(entry.parentPath, entry.name));
  }
  return out;
}

export async function reportCharset() {
  let ascii = '';
  for (let c = 0x20; c < 0x7f; c++) ascii += String.fromCharCode(c);
  const simplified = gb2312();
  const traditional = OpenCC.Converter({ from: 'cn', to: 't' })(simplified);
  const sources = [...(await filesUnder('content', ['.mdx', '.yaml'])), ...(await filesUnder('src', ['.ts', '.astro']))];
  const texts = await Promise.all(sources.map((f) => readFile(f, 'utf8')));
  const extra = '“”‘’…—–·•×÷±≤≥≈°℃％‰№①②③④⑤⑥⑦⑧⑨⑩★☆✓✗□■○●◎◆◇→←↑↓⏱⛔↳';
  const chars = new Set([...ascii, ...simplified, ...tongyongGuifan(), ...traditional, ...extra, ...texts.join('')]);
  // Only characters a font can hold: drop controls and unpaired surrogates.
  return [...chars]
    .filter((c) => c.codePointAt(0) >= 0x20)
    .sort()
    .join('');
}

/** Writes the subset font (gzip) and the licence into `outDir/fonts/`; returns its sizes. */
export async function buildReportFonts(outDir, cacheDir = '.cache/fonts') {
  const text = await reportCharset();
  const key = createHash('sha256').update(text).digest('hex').slice(0, 16);
  await mkdir(cacheDir, { recursive: true });
  await mkdir(path.join(outDir, 'fonts'), { recursive: true });
  const cached = path.join(cacheDir, `${key}-${REPORT_FONT.file}`);
  if (!existsSync(cached)) {
    const subset = await subsetFont(await readFile(REPORT_FONT.source), text, { targetFormat: 'truetype' });
    await writeFile(cached, gzipSync(subset, { level: 9 }));
  }
  await copyFile(cached, path.join(outDir, 'fonts', REPORT_FONT.file));
  const stored = await readFile(cached);
  await copyFile('assets/fonts/OFL.txt', path.join(outDir, 'fonts', 'OFL.txt'));
  return { chars: [...text].length, stored: stored.length, ttf: gunzipSync(stored).length };
}
