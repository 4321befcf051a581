// The report font: Noto Sans SC Regular (OFL-1.1) subset at build time to ASCII, GB2312 (6,763
// hanzi and symbols), the 8,105 characters of the 通用规范汉字表 (names and places: 喆 堃 昇 玥 …),
// the traditional counterparts of GB2312, and every character of the content and UI, so Chinese
// reports need no network. One weight only: bold is drawn as a stroked outline (render.ts).
// Split in two files (issue 18, precache ≤ 8 MB): the common part (ASCII, GB2312 symbols and
// level-1 hanzi, the 通用规范汉字表's level 1, names from assets/fonts/name-chars.txt and every
// character of the content and UI) is precached; the rare rest is fetched and cached on first use.
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
  rareFile: 'report-sans-rare.ttf.gz',
};

/** The 通用规范汉字表 (2013), from assets/fonts/tongyong-guifan.txt (scripts/gen-tongyong-guifan.mjs). */
export function tongyongGuifan() {
  const text = readFileSync(path.join(import.meta.dirname, '../assets/fonts/tongyong-guifan.txt'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .join('');
}

/** The common (precached) part of the TrueType report font of a built site (dist/fonts/), inflated. */
export function readReportFont(outDir = 'dist', file = REPORT_FONT.file) {
  return new Uint8Array(gunzipSync(readFileSync(path.join(outDir, 'fonts', file))));
}

/** Both parts, as createPdf takes them. */
export function readReportFonts(outDir = 'dist') {
  return { font: readReportFont(outDir), rare: readReportFont(outDir, REPORT_FONT.rareFile) };
}

/** GB2312 rows `from`–`to` (A1–A9 symbols, B0–D7 level 1, D8–F7 level 2). */
function gb2312(from = 0xa1, to = 0xf7) {
  const bytes = [];
  for (let hi = from; hi <= to; hi++) for (let lo = 0xa1; lo <= 0xfe; lo++) bytes.push(hi, lo);
  return new TextDecoder('gb2312').decode(new Uint8Array(bytes)).replace(/\uFFFD/g, '');
}

function nameChars() {
  const text = readFileSync(path.join(import.meta.dirname, '../assets/fonts/name-chars.txt'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .join('');
}

async function filesUnder(dir, exts) {
  const out = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && exts.some((e) => entry.name.endsWith(e))) out.push(path.join(entry.parentPath, entry.name));
  }
  return out;
}

async function contentText() {
  const sources = [...(await filesUnder('content', ['.mdx', '.yaml'])), ...(await filesUnder('src', ['.ts', '.astro']))];
  return (await Promise.all(sources.map((f) => readFile(f, 'utf8')))).join('');
}

const EXTRA = '“”‘’…—–·•×÷±≤≥≈°℃％‰№①②③④⑤⑥⑦⑧⑨⑩★☆✓✗□■○●◎◆◇→←↑↓⏱⛔↳';

/** Only characters a font can hold (no controls, no unpaired surrogates), sorted. */
function fontChars(chars) {
  return [...chars]
    .filter((c) => c.codePointAt(0) >= 0x20)
    .sort()
    .join('');
}

/** The whole report character set, split into the precached common part and the rare rest. */
export async function reportCharsets() {
  const all = await reportCharset();
  let ascii = '';
  for (let c = 0x20; c < 0x7f; c++) ascii += String.fromCharCode(c);
  const wanted = new Set([
    ...ascii,
    ...gb2312(0xa1, 0xa9),
    ...gb2312(0xb0, 0xd7),
    ...[...tongyongGuifan()].slice(0, 3500),
    ...nameChars(),
    ...EXTRA,
    ...(await contentText()),
  ]);
  const common = fontChars([...all].filter((c) => wanted.has(c)));
  const rare = fontChars([...all].filter((c) => !wanted.has(c)));
  return { common, rare };
}

export async function reportCharset() {
  let ascii = '';
  for (let c = 0x20; c < 0x7f; c++) ascii += String.fromCharCode(c);
  const simplified = gb2312();
  const traditional = OpenCC.Converter({ from: 'cn', to: 't' })(simplified);
  return fontChars(new Set([...ascii, ...simplified, ...tongyongGuifan(), ...traditional, ...EXTRA, ...(await contentText())]));
}

async function buildSubset(text, file, outDir, cacheDir) {
  const key = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const cached = path.join(cacheDir, `${key}-${file}`);
  if (!existsSync(cached)) {
    const subset = await subsetFont(await readFile(REPORT_FONT.source), text, { targetFormat: 'truetype' });
    await writeFile(cached, gzipSync(subset, { level: 9 }));
  }
  await copyFile(cached, path.join(outDir, 'fonts', file));
  const stored = await readFile(cached);
  return { chars: [...text].length, stored: stored.length, ttf: gunzipSync(stored).length };
}

/** Writes both parts of the subset font (gzip) and the licence into `outDir/fonts/`; returns their sizes. */
export async function buildReportFonts(outDir, cacheDir = '.cache/fonts') {
  const { common, rare } = await reportCharsets();
  await mkdir(cacheDir, { recursive: true });
  await mkdir(path.join(outDir, 'fonts'), { recursive: true });
  const c = await buildSubset(common, REPORT_FONT.file, outDir, cacheDir);
  const r = await buildSubset(rare, REPORT_FONT.rareFile, outDir, cacheDir);
  await copyFile('assets/fonts/OFL.txt', path.join(outDir, 'fonts', 'OFL.txt'));
  return { ...c, rare: r };
}
