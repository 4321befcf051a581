/**
 * Answer first: the sentence of a section that answers the question, shown under the result so the
 * reader often need not open the page. It holds the most query weight; a question asking for a time,
 * a number, a first step or a yes/no prefers sentences that carry one (a clock time, a quantity, step
 * 1, a rule word).
 */
import type { DocSection } from './search-doc';
import type { Asks, TermAlternative } from './search-query';

export interface Answer {
  text: string;
  /** Query weight the sentence holds (with the bonus for the kind of answer asked for). */
  score: number;
  /** [start, end) character ranges of `text` to highlight. */
  marks: [number, number][];
}

interface WeighedTerm {
  alternatives: readonly TermAlternative[];
  idf: number;
}

const MAX_LENGTH = 110;
/** How much a sentence of the kind asked for (a time, a number…) counts, in mean term weights. */
const ASK_BONUS = 1.5;

const ASK_PATTERNS: Record<Asks, RegExp> = {
  time: /\d{1,2}\s*[:：]\s*\d{2}|\d+\s*点|[早中晚]上/,
  number: /\d|[一二两三四五六七八九十]+\s*(?:分钟|小时|个?工作日|天|日|次|声|周|个月|年|米|公里|分)/,
  steps: /^\s*(?:1\s*[.、]|第一|首先)|立即|马上|先/,
  yesno: /不得|不能|不要|严禁|禁止|必须|可以|应当|须|一律|以免/,
  how: /^\s*\d\s*[.、]|要|应/,
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Matches an alternative in text that may have spaces inside ("2小时" in "2 小时"). */
const looseRe = (alt: string) => new RegExp([...alt].map(escape).join('\\s*'), 'gi');

/** Sentences of a text, each ending with its punctuation. */
export function sentences(text: string): string[] {
  return (text.match(/[^。；！？!?]+[。；！？!?]?/g) ?? []).map((s) => s.trim()).filter((s) => s.length > 1);
}

export function pickAnswer(section: DocSection, terms: readonly WeighedTerm[], asks: readonly Asks[]): Answer | undefined {
  const meanIdf = terms.reduce((s, t) => s + t.idf, 0) / Math.max(terms.length, 1);
  let best: { text: string; score: number; marks: [number, number][] } | undefined;
  for (const [i, raw] of sentences(section.text).entries()) {
    // The heading opens the section's text: as a sentence of its own it answers nothing.
    const text = i === 0 && section.id ? raw.replace(new RegExp(`^${escape(section.heading)}[。\\s]*`), '') : raw;
    if (text.length < 4) continue;
    let score = 0;
    const marks: [number, number][] = [];
    for (const t of terms) {
      let weight = 0;
      for (const alt of t.alternatives) {
        for (const m of text.matchAll(looseRe(alt.text))) {
          marks.push([m.index, m.index + m[0].length]);
          weight = Math.max(weight, alt.weight);
        }
      }
      score += t.idf * weight;
    }
    if (score === 0) continue;
    for (const ask of asks) if (ASK_PATTERNS[ask].test(text)) score += ASK_BONUS * meanIdf;
    if (!best || score > best.score) best = { text, score, marks };
  }
  return best && { ...trim(best.text, mergeMarks(best.marks)), score: best.score };
}

function mergeMarks(marks: [number, number][]): [number, number][] {
  const sorted = [...marks].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: [number, number][] = [];
  for (const m of sorted) {
    const last = out.at(-1);
    if (last && m[0] < last[1]) last[1] = Math.max(last[1], m[1]);
    else out.push([m[0], m[1]]);
  }
  return out;
}

/** Shortens a long sentence around its first highlight, with an ellipsis where text was cut. */
function trim(text: string, marks: [number, number][]): Omit<Answer, 'score'> {
  if (text.length <= MAX_LENGTH) return { text, marks };
  const first = marks[0]?.[0] ?? 0;
  const start = Math.max(0, Math.min(first - 20, text.length - MAX_LENGTH));
  const end = Math.min(text.length, start + MAX_LENGTH);
  const pre = start > 0 ? '…' : '';
  const post = end < text.length ? '…' : '';
  const shifted = marks
    .filter(([a, b]) => a >= start && b <= end)
    .map(([a, b]): [number, number] => [a - start + pre.length, b - start + pre.length]);
  return { text: pre + text.slice(start, end) + post, marks: shifted };
}
