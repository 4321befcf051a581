// Fast text widths for layout. pdf-lib's widthOfTextAtSize runs full OpenType shaping (fontkit
// `layout`) on every call, and line wrapping measures each growing line once per character, so
// layout was quadratic in shaping work (fontkit was ~40% of making a report). The width is the sum
// of the glyphs' advances, so it is summed here from cached pieces: each hanzi (with any variation
// selector) and each space alone; runs of everything else (Latin words, numbers, marks — the font
// joins "——" into one glyph) whole. fontkit shapes a whole string under the script of its first
// letter of a real script (Latin context gives "……" other glyphs than Han context), so each piece
// is measured after an anchor letter of that script and cached per script. pdf-lib sums the same
// integer advances (1000-unit em, then scaled by size/1000), so the result equals
// widthOfTextAtSize; tests/unit/text-measure.test.ts checks it with the real fonts.
import type { PDFFont } from 'pdf-lib';

const PIECE = /\p{Script=Han}[\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]*| |[^\p{Script=Han} ]+/gsu;
const STRONG = /[^\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]/u;
/** Scripts with an anchor; text led by any other script is shaped whole (not cached). */
const ANCHORS: [RegExp, string][] = [
  [/\p{Script=Han}/u, '一'],
  [/\p{Script=Latin}/u, 'x'],
];

/** Piece widths by font file, so every document made with the same font bytes shares them. */
const byFontFile = new WeakMap<object, Map<string, Map<string, number>>>();

/**
 * Width of `text` at `size`, as `font.widthOfTextAtSize(text, size)` would give it. `fontFile` is
 * the font's bytes (the cache key: widths depend only on the font file).
 */
export function cachedWidths(font: PDFFont, fontFile: object = {}): (text: string, size: number) => number {
  let known = byFontFile.get(fontFile);
  if (!known) byFontFile.set(fontFile, (known = new Map()));
  const caches = known;
  return (text, size) => {
    const lead = STRONG.exec(text)?.[0];
    const anchor = lead === undefined ? '' : ANCHORS.find(([re]) => re.test(lead))?.[1];
    if (anchor === undefined) return font.widthOfTextAtSize(text, size);
    let cache = caches.get(anchor);
    if (!cache) caches.set(anchor, (cache = new Map([['', anchor ? font.widthOfTextAtSize(anchor, 1000) : 0]])));
    const base = cache.get('')!;
    let sum = 0;
    for (const [piece] of text.matchAll(PIECE)) {
      let w = cache.get(piece);
      if (w === undefined) cache.set(piece, (w = font.widthOfTextAtSize(anchor + piece, 1000) - base));
      sum += w;
    }
    return sum * (size / 1000);
  };
}
