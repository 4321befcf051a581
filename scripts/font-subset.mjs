// The report font: Noto Sans SC (OFL-1.1) subset at build time to ASCII, GB2312 (6,763 hanzi
// and symbols), their traditional counterparts, and every character of the content and UI,
// so Chinese reports need no network. TrueType (glyf) output: fontkit cannot subset WOFF2.
// Cached in .cache/ by a hash of the character set, so a build without new characters is free.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import subsetFont from 'subset-font';
import * as OpenCC from 'opencc-js';

const require = createRequire(import.meta.url);
const FONT_DIR = path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
export const REPORT_FONTS = [
  {
    weight: 'regular',
    source: path.join(FONT_DIR, '400Regular/NotoSansSC_400Regular.ttf'),
    file: 'report-sans-regular.ttf',
    family: 'WuyeReportSans',
  },
  {
    weight: 'bold',
    source: path.join(FONT_DIR, '700Bold/NotoSansSC_700Bold.ttf'),
    file: 'report-sans-bold.ttf',
    family: 'WuyeReportSans Bold',
  },
];

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
  const chars = new Set([...ascii, ...simplified, ...traditional, ...extra, ...texts.join('')]);
  // Only characters a font can hold: drop controls and unpaired surrogates.
  return [...chars]
    .filter((c) => c.codePointAt(0) >= 0x20)
    .sort()
    .join('');
}

/** Writes the subset fonts and the licence into `outDir/fonts/`; returns their sizes. */
export async function buildReportFonts(outDir, cacheDir = '.cache/fonts') {
  const text = await reportCharset();
  const key = createHash('sha256').update(text).digest('hex').slice(0, 16);
  await mkdir(cacheDir, { recursive: true });
  await mkdir(path.join(outDir, 'fonts'), { recursive: true });
  const sizes = {};
  for (const font of REPORT_FONTS) {
    const cached = path.join(cacheDir, `${key}-${font.file}`);
    if (!existsSync(cached)) {
      const subset = await subsetFont(await readFile(font.source), text, { targetFormat: 'truetype' });
      await writeFile(cached, subset);
    }
    await copyFile(cached, path.join(outDir, 'fonts', font.file));
    sizes[font.file] = (await readFile(cached)).length;
  }
  await copyFile('assets/fonts/OFL.txt', path.join(outDir, 'fonts', 'OFL.txt'));
  return { chars: [...text].length, sizes };
}
