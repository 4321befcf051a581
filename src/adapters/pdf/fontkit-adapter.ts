// pdf-lib expects @pdf-lib/fontkit (a fork of fontkit 1), whose subset exposes encodeStream().
// That fork corrupts glyphs of small subsets (short loca), so we register upstream fontkit 2
// and give its subsets the one method pdf-lib calls.
// Every document made with the same font bytes shares one parsed font (issue 18): parsing, glyph
// decoding and shaping were redone for each report. Shaping (`layout`) is pure for a given font,
// text and feature set, and pdf-lib only reads its result, so it is memoized per font.
import * as fontkit from 'fontkit';

type Listener = (arg?: unknown) => void;

interface Subset {
  encode(): Uint8Array;
  encodeStream?: () => unknown;
}

interface Glyph {
  _decode(): unknown;
}

interface Font {
  createSubset(): Subset;
  layout(text: string, features?: unknown): unknown;
  getGlyph(id: number, codePoints?: number[]): Glyph;
  _variationProcessor?: unknown;
}

/** Shaped runs kept per font; past this many the memo starts afresh (bounded memory in the app). */
const LAYOUT_MEMO_SIZE = 20_000;

function streamOf(subset: Subset) {
  const listeners: Record<string, Listener[]> = {};
  const stream = {
    on(event: string, fn: Listener) {
      (listeners[event] ??= []).push(fn);
      return stream;
    },
  };
  // pdf-lib attaches data/end/error synchronously, so emit on the next microtask.
  queueMicrotask(() => {
    try {
      const bytes = subset.encode();
      for (const fn of listeners.data ?? []) fn(bytes);
      for (const fn of listeners.end ?? []) fn();
    } catch (err) {
      for (const fn of listeners.error ?? []) fn(err);
    }
  });
  return stream;
}

function open(data: Uint8Array): Font {
  const font = fontkit.create(data as Buffer) as unknown as Font;
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = createSubset();
    subset.encodeStream = () => streamOf(subset);
    return subset;
  };
  const layout = font.layout.bind(font);
  let memo = new Map<string, unknown>();
  font.layout = (text, features) => {
    // Only the default feature set is memoized (pdf-lib passes none unless asked).
    if (features !== undefined) return layout(text, features);
    let run = memo.get(text);
    if (run === undefined) {
      if (memo.size >= LAYOUT_MEMO_SIZE) memo = new Map();
      memo.set(text, (run = layout(text)));
    }
    return run;
  };
  // A subset decodes each glyph it copies to find composite ones; the decoded outline is read-only
  // there, so each glyph is decoded once per font (not for variable fonts, whose outlines vary).
  if (!font._variationProcessor) {
    const getGlyph = font.getGlyph.bind(font);
    const memoized = new WeakSet<Glyph>();
    font.getGlyph = (id, codePoints) => {
      const glyph = getGlyph(id, codePoints);
      if (!memoized.has(glyph)) {
        memoized.add(glyph);
        const decode = glyph._decode.bind(glyph);
        let decoded: unknown;
        glyph._decode = () => (decoded ??= decode());
      }
      return glyph;
    };
  }
  return font;
}

const fonts = new WeakMap<Uint8Array, Font>();

export const fontkitAdapter = {
  create(data: Uint8Array) {
    let font = fonts.get(data);
    if (!font) fonts.set(data, (font = open(data)));
    return font;
  },
};
