/**
 * Ranking for questions typed the way people talk. Every page is scored on its own text (Pagefind's
 * AND-of-all-words matching found nothing for most spoken questions, and its Chinese segments are
 * loose), by:
 * - how many of the query's content terms it holds, each weighted by how rare it is (idf), counting
 *   a synonym slightly less than the word typed;
 * - where each term is: title ×3, heading ×2.2, summary or keywords ×1.6, body ×1;
 * - exact phrases: two neighbouring terms written together on the page add to the score.
 * A page holding only some of the terms still ranks (the fallback): the outcome says whether any
 * page held them all, so the screen can say "以下是最接近的". A term no page holds falls back to its
 * two-character pieces ("放行条" → 放行, 行条), else is dropped.
 */
import type { DocSection, SearchDoc } from './search-doc';
import type { Asks, QueryPlan, TermAlternative } from './search-query';
import { pickAnswer, type Answer } from './search-answer';

export const FIELD_FACTOR = { title: 3, heading: 2.2, summary: 1.6, body: 1 } as const;
const PIECE_WEIGHT = 0.6;
const BM25_K1 = 1.2;
const BM25_B = 0.75;
const FREQUENCY_WEIGHT = 0.8;
/** A result is listed when its score reaches this share of the best one. */
const LIST_SHARE = 0.2;
const PHRASE_IN_TITLE = 0.6;
const UNDERSTOOD_SHARE = 0.5;
const MORE_SECTION_SHARE = 0.75;
/** Function words the segmenter glues to the next character ("要带", "能收"). */
const GLUED = new Set([...'要能会让给把在去来叫']);
const TITLE_SHARE = 3;
const PHRASE_IN_TEXT = 0.4;
/** How many of the best pages are re-ranked by their answering sentence, and how much it counts. */
const ANSWER_RERANK = 15;
const ANSWER_WEIGHT = 1.0;

export interface RankedTerm {
  text: string;
  alternatives: TermAlternative[];
  idf: number;
  /** A piece of a word no page holds: it can rank a page but not make one a result alone. */
  piece: boolean;
  /** The query term it stands for (itself, or the word it is a piece of). */
  from: string;
}

export interface SearchResult {
  doc: SearchDoc;
  score: number;
  /** Share of the query's weight (idf) the page holds, 0–1. */
  coverage: number;
  /** Where the answer is: a section with an id gives a deep link. */
  section: DocSection;
  answer?: Answer;
  /** Other sections that hold query terms, best first (deep links). */
  moreSections: DocSection[];
}

export interface SearchOutcome {
  results: SearchResult[];
  /** The terms searched, as understood. */
  terms: RankedTerm[];
  /** True when the best page holds every term (or a synonym of it). */
  allTermsMatched: boolean;
}

const count = (hay: string, needle: string, cap = 30) => {
  let n = 0;
  for (let i = hay.indexOf(needle); i !== -1 && n < cap; i = hay.indexOf(needle, i + needle.length)) n++;
  return n;
};

/** Terms with their rarity over these pages; terms no page holds fall back to their pieces. */
export function weighTerms(plan: QueryPlan, docs: readonly SearchDoc[]): RankedTerm[] {
  const n = Math.max(docs.length, 1);
  const df = (alts: readonly TermAlternative[]) => docs.filter((d) => alts.some((a) => d.compactAll.includes(a.text))).length;
  const terms: RankedTerm[] = [];
  const add = (text: string, alternatives: TermAlternative[], found: number, piece = false, from = text) => {
    // Smoothed idf: a term on every page still counts a little; single characters count less.
    const single = [...text].length === 1 && !/\d/.test(text);
    terms.push({ text, alternatives, idf: Math.log(1 + n / found) * (single ? 0.5 : 1), piece, from });
  };
  for (const term of plan.terms) {
    const found = df(term.alternatives);
    if (found > 0) {
      add(term.text, term.alternatives, found);
      continue;
    }
    // "要带", "要穿": the segmenter glued a function word to a verb; no page holds the pair, so the
    // verb is searched alone (a pair some page holds, like 要求, is never cut).
    const [first, ...restChars] = [...term.text];
    if (restChars.length === 1 && GLUED.has(first!)) {
      const alone = restChars[0]!;
      const aloneAlts = [{ text: alone, weight: 1 }];
      const aloneFound = df(aloneAlts);
      if (aloneFound > 0 && !terms.some((t) => t.text === alone)) add(alone, aloneAlts, aloneFound, false, term.text);
      continue;
    }
    // No page holds the word: its two-character pieces are searched instead, each a term of its
    // own ("放行条" → 放行, 行条). Single characters would match almost anything, so a pair is dropped.
    const chars = [...term.text];
    if (/^\d/.test(term.text) || chars.length < 3) continue;
    const pieces = chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
    for (const piece of new Set(pieces)) {
      if (terms.some((t) => t.text === piece)) continue;
      const alternatives = [{ text: piece, weight: PIECE_WEIGHT }];
      const pieceFound = df(alternatives);
      if (pieceFound > 0) add(piece, alternatives, pieceFound, true, term.text);
    }
  }
  return terms;
}

interface TermHit {
  weight: number;
  factor: number;
  occurrences: number;
  alternative: string;
}

function termHit(doc: SearchDoc, term: RankedTerm): TermHit | undefined {
  let best: TermHit | undefined;
  for (const alt of term.alternatives) {
    const occurrences = count(doc.compactAll, alt.text);
    if (occurrences === 0 && !doc.compactKeywords.includes(alt.text)) continue;
    const factor = doc.compactTitle.includes(alt.text)
      ? FIELD_FACTOR.title
      : doc.sections.some((s) => s.id && compactHeading(s).includes(alt.text))
        ? FIELD_FACTOR.heading
        : doc.compactSummary.includes(alt.text) || doc.compactKeywords.includes(alt.text)
          ? FIELD_FACTOR.summary
          : FIELD_FACTOR.body;
    const hit = { weight: alt.weight, factor, occurrences, alternative: alt.text };
    if (!best || hit.weight * hit.factor > best.weight * best.factor) best = hit;
  }
  return best;
}

const headingCache = new WeakMap<DocSection, string>();
function compactHeading(s: DocSection): string {
  let c = headingCache.get(s);
  if (c === undefined) headingCache.set(s, (c = s.heading.replace(/\s+/g, '').toLowerCase()));
  return c;
}

/** Score of one page for the weighed terms, and the share of the query it holds. */
export function scoreDoc(
  doc: SearchDoc,
  terms: readonly RankedTerm[],
  averageLength = doc.compactAll.length,
): { score: number; coverage: number; hits: (TermHit | undefined)[] } {
  // BM25's term-frequency part: repeated use counts, with diminishing returns, less on long pages.
  const lengthNorm = 1 - BM25_B + (BM25_B * doc.compactAll.length) / Math.max(averageLength, 1);
  const frequency = (n: number) => (n * (BM25_K1 + 1)) / (n + BM25_K1 * lengthNorm);
  const hits = terms.map((t) => termHit(doc, t));
  let score = 0;
  let held = 0;
  const total = terms.reduce((s, t) => s + t.idf, 0) || 1;
  hits.forEach((hit, i) => {
    if (!hit) return;
    const t = terms[i]!;
    held += t.idf;
    score += t.idf * hit.weight * (hit.factor + FREQUENCY_WEIGHT * frequency(hit.occurrences));
  });
  // Exact phrases: neighbouring terms written together ("装修垃圾", "交接班记录").
  for (let i = 0; i + 1 < hits.length; i++) {
    const a = hits[i];
    const b = hits[i + 1];
    if (!a || !b) continue;
    const phrase = a.alternative + b.alternative;
    const pair = terms[i]!.idf + terms[i + 1]!.idf;
    if (doc.compactTitle.includes(phrase)) score += PHRASE_IN_TITLE * pair;
    else if (doc.compactAll.includes(phrase)) score += PHRASE_IN_TEXT * pair;
  }
  // A title made mostly of the query's words is about exactly that ("投诉的受理与处理").
  const inTitle = hits.filter((h) => h && h.factor === FIELD_FACTOR.title);
  if (inTitle.length && doc.compactTitle.length) {
    const share = Math.min(1, inTitle.reduce((s, h) => s + h!.alternative.length, 0) / doc.compactTitle.length);
    score += TITLE_SHARE * share * hits.reduce((s, h, i) => s + (h && h.factor === FIELD_FACTOR.title ? terms[i]!.idf : 0), 0);
  }
  const coverage = held / total;
  // Holding more of the question matters more than repeating one word of it.
  return { score: score * (0.4 + 0.6 * coverage), coverage, hits };
}

/** The section that answers: holds the most query weight, its heading counting double. */
export function bestSections(doc: SearchDoc, terms: readonly RankedTerm[]): DocSection[] {
  const scored = doc.sections.map((s, i) => {
    let score = 0;
    for (const t of terms) {
      const inHeading = t.alternatives.find((a) => compactHeading(s).includes(a.text));
      const inText = inHeading ?? t.alternatives.find((a) => s.compactText.includes(a.text));
      if (inText) score += t.idf * inText.weight * (inHeading && s.id ? 2 : 1);
    }
    return { s, score, i };
  });
  const sorted = scored.filter((x) => x.score > 0).sort((a, b) => b.score - a.score || a.i - b.i);
  // Other sections are offered only when they hold most of what the best one does.
  const best = sorted[0]?.score ?? 0;
  return sorted.filter((x, i) => i === 0 || x.score >= MORE_SECTION_SHARE * best).map((x) => x.s);
}

/**
 * Whether the handbook knows enough of the question to answer it: of the words typed (single
 * characters aside), more than half, by length, are on some page, whole or in pieces. "量子计算机" is
 * cut into 量子 + 计算 + 机; only 计算 is in the handbook, so nothing is shown rather than pages about
 * scoring. "车主嫌停车费贵" keeps 停车费 and the piece 车主 of 车主嫌: answered.
 */
export function understood(plan: QueryPlan, terms: readonly RankedTerm[]): boolean {
  const length = (t: string) => [...t].length;
  const isWord = (t: string) => length(t) > 1 || /\d/.test(t);
  // A glued pair read as its verb alone counts as that single character.
  const asRead = plan.terms.map((t) => terms.find((r) => r.from === t.text && !r.piece)?.text ?? t.text);
  const typed = asRead.filter(isWord).reduce((s, t) => s + length(t), 0);
  if (typed === 0) return true; // only single characters: rank them as they are
  const held = terms.filter((t) => isWord(t.text)).reduce((s, t) => s + length(t.text), 0);
  return held > UNDERSTOOD_SHARE * typed;
}

export function searchDocs(plan: QueryPlan, docs: readonly SearchDoc[], max = 20): SearchOutcome {
  const terms = weighTerms(plan, docs);
  if (terms.length === 0 || !understood(plan, terms)) return { results: [], terms, allTermsMatched: false };
  const averageLength = docs.reduce((s, d) => s + d.compactAll.length, 0) / docs.length;
  // Single characters and pieces match almost any page: a page must hold at least one word the
  // reader typed (or its synonym), so "量子计算机" finds nothing rather than every page with "计算".
  const isWord = (t: RankedTerm) => !t.piece && ([...t.text].length > 1 || /\d/.test(t.text));
  const needsWord = plan.terms.some((t) => [...t.text].length > 1 || /\d/.test(t.text));
  const scored = docs
    .map((doc, i) => ({ doc, i, ...scoreDoc(doc, terms, averageLength) }))
    .filter((x) => x.score > 0 && (!needsWord || x.hits.some((h, j) => h && isWord(terms[j]!))))
    .sort((a, b) => b.score - a.score || a.i - b.i);
  const top = scored[0]?.score ?? 0;
  const listed = scored.filter((x) => x.score >= top * LIST_SHARE).slice(0, max);
  const results = listed.map(({ doc, score, coverage }, rank): SearchResult => {
    const sections = bestSections(doc, terms);
    const section = sections[0] ?? doc.sections[0]!;
    const answer = pickAnswer(section, terms, plan.asks) ?? pickAnswerInDoc(doc, terms, plan.asks);
    // Near the top, a page with one sentence that holds the question (terms close together, the
    // kind of answer asked for) moves up: that is the page that answers.
    const boost = rank < ANSWER_RERANK && answer ? ANSWER_WEIGHT * answer.score : 0;
    return {
      doc,
      score: score + boost,
      coverage,
      section,
      answer,
      moreSections: sections.filter((s) => s !== section && s.id).slice(0, 2),
    };
  });
  results.sort((a, b) => b.score - a.score);
  return { results, terms, allTermsMatched: (scored[0]?.coverage ?? 0) >= 0.999 };
}

function pickAnswerInDoc(doc: SearchDoc, terms: readonly RankedTerm[], asks: readonly Asks[]): Answer | undefined {
  for (const s of doc.sections) {
    const a = pickAnswer(s, terms, asks);
    if (a) return a;
  }
  return undefined;
}
