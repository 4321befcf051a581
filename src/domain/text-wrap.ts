/**
 * Line breaking for Chinese text in the PDF report (pdf-lib only breaks at spaces).
 * Rules (GB/T 15834 practice, 避头尾):
 * - a line may break between any two hanzi or full-width marks;
 * - Latin words and numbers (with their . , : % - / inside) stay whole unless longer than a line;
 * - no line starts with a closing mark （，。、；：？！）」』》】〉”’…%) and no line ends with an
 *   opening mark （「『《【〈“‘(; such a mark is carried with its neighbour;
 * - explicit newlines start a new line; trailing spaces are trimmed.
 * Width comes from a `measure` function, so the rules are tested with a fake one.
 */
export type Measure = (text: string) => number;

const NO_START = new Set('，。、；：？！）」』》】〉”’…‥%‰,.;:?!)]}·—～'.split(''));
const NO_END = new Set('（「『《【〈“‘([{'.split(''));
const LATIN = /[A-Za-z0-9@#$&*+=_.,:%\-/'"]/;

/** Splits text into unbreakable units: a Latin/number run, or one other character. */
export function units(text: string): string[] {
  const out: string[] = [];
  let run = '';
  for (const ch of text) {
    if (LATIN.test(ch)) {
      run += ch;
      continue;
    }
    if (run) {
      out.push(run);
      run = '';
    }
    out.push(ch);
  }
  if (run) out.push(run);
  return out;
}

/** Glues marks to their neighbours so no line starts with a closing or ends with an opening mark. */
function glue(us: string[]): string[] {
  const out: string[] = [];
  for (const u of us) {
    const prev = out.at(-1);
    if (prev !== undefined && (NO_START.has(u[0]!) || NO_END.has(prev.at(-1)!))) out[out.length - 1] = prev + u;
    else out.push(u);
  }
  return out;
}

function hardSplit(unit: string, maxWidth: number, measure: Measure): string[] {
  const pieces: string[] = [];
  let cur = '';
  for (const ch of unit) {
    if (cur && measure(cur + ch) > maxWidth) {
      pieces.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur) pieces.push(cur);
  return pieces;
}

export function wrapText(text: string, maxWidth: number, measure: Measure): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = '';
    for (const unit of glue(units(paragraph))) {
      if (line === '' && unit === ' ') continue; // no leading space on a wrapped line
      if (measure(line + unit) <= maxWidth) {
        line += unit;
        continue;
      }
      if (line.trim()) lines.push(line.trimEnd());
      if (measure(unit) <= maxWidth) line = unit === ' ' ? '' : unit;
      else {
        const pieces = hardSplit(unit, maxWidth, measure);
        lines.push(...pieces.slice(0, -1));
        line = pieces.at(-1)!;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
