/**
 * Exam mode for the post quiz (岗位测验): which questions an attempt holds, the time limit and
 * the cooling period after failures. Plain data in and out; time is passed in as milliseconds.
 *
 * The draw: at least SPECIFIC_SHARE of the questions come from pages written for the post (not
 * `posts: all`); the post's configurable values (questions whose `params` is non-empty) are each
 * asked at least once where there is room; the rest is a weighted sample without replacement
 * (the post's guide weighs most, shared codes least; a page's weight is split over its questions
 * so a page with many questions does not crowd out the others).
 */
import { seededRandom } from './random';

export const EXAM_SIZE = 20;
export const SPECIFIC_SHARE = 0.6;

export interface ExamCandidate {
  /** Stable key, "<pageId>#<index>". */
  key: string;
  pageId: string;
  /** From a page written for this post. */
  specific: boolean;
  /** From the post's guide page. */
  guide?: boolean;
  /** Parameters (content/params.yaml keys) the question asks about. */
  params?: readonly string[];
}

export interface ExamDraw {
  keys: string[];
  specific: number;
  /** Parameters asked about in this draw. */
  params: string[];
}

const PAGE_WEIGHT = { guide: 3, specific: 2, shared: 1 };

function weightOf(c: ExamCandidate, perPage: Map<string, number>): number {
  const w = c.guide ? PAGE_WEIGHT.guide : c.specific ? PAGE_WEIGHT.specific : PAGE_WEIGHT.shared;
  return w / perPage.get(c.pageId)!;
}

/** Weighted sample of k without replacement (Efraimidis–Spirakis: largest u^(1/w)). */
function weightedSample(pool: readonly ExamCandidate[], k: number, perPage: Map<string, number>, next: () => number): ExamCandidate[] {
  return pool
    .map((c) => ({ c, key: Math.pow(next() || Number.MIN_VALUE, 1 / weightOf(c, perPage)) }))
    .sort((a, b) => b.key - a.key)
    .slice(0, k)
    .map((x) => x.c);
}

/** How many questions an exam over these candidates holds, keeping the specific share. */
export function examSize(candidates: readonly ExamCandidate[], size = EXAM_SIZE): number {
  const specific = candidates.filter((c) => c.specific).length;
  const shared = candidates.length - specific;
  // With too few shared questions the exam is all specific; with too few specific ones it is shorter.
  return Math.min(size, specific + shared, Math.floor(specific / SPECIFIC_SHARE + 1e-9));
}

export function drawExam(candidates: readonly ExamCandidate[], seed: number, size = EXAM_SIZE): ExamDraw {
  const next = seededRandom(seed);
  const n = examSize(candidates, size);
  const minSpecific = Math.ceil(n * SPECIFIC_SHARE - 1e-9);
  const perPage = new Map<string, number>();
  for (const c of candidates) perPage.set(c.pageId, (perPage.get(c.pageId) ?? 0) + 1);

  const chosen: ExamCandidate[] = [];
  const taken = new Set<string>();
  const take = (c: ExamCandidate) => {
    chosen.push(c);
    taken.add(c.key);
  };
  const sharedRoom = () => n - minSpecific - chosen.filter((c) => !c.specific).length;
  const room = () => n - chosen.length;

  // 1. Every configurable value once, where there is room (at most half the exam), specific questions first.
  const params = [...new Set(candidates.flatMap((c) => c.params ?? []))].sort();
  const order = weightedSample(
    params.map((p) => ({ key: p, pageId: p, specific: true })),
    params.length,
    new Map(params.map((p) => [p, 1])),
    next,
  ).map((x) => x.key);
  const covered = new Set<string>();
  for (const param of order) {
    if (chosen.length >= Math.floor(n / 2) || covered.has(param)) continue;
    const asking = candidates.filter((c) => !taken.has(c.key) && c.params?.includes(param) && (c.specific || sharedRoom() > 0));
    if (!asking.length) continue;
    const specific = asking.filter((c) => c.specific);
    const [pick] = weightedSample(specific.length ? specific : asking, 1, perPage, next);
    take(pick!);
    for (const p of pick!.params ?? []) covered.add(p);
  }

  // 2. The rest of the specific quota, then the shared questions, then specific again if shared run out.
  const specificLeft = Math.max(0, minSpecific - chosen.filter((c) => c.specific).length);
  for (const c of weightedSample(
    candidates.filter((c) => c.specific && !taken.has(c.key)),
    Math.min(specificLeft, room()),
    perPage,
    next,
  ))
    take(c);
  for (const c of weightedSample(
    candidates.filter((c) => !c.specific && !taken.has(c.key)),
    Math.max(0, Math.min(sharedRoom(), room())),
    perPage,
    next,
  ))
    take(c);
  for (const c of weightedSample(
    candidates.filter((c) => c.specific && !taken.has(c.key)),
    room(),
    perPage,
    next,
  ))
    take(c);

  return {
    keys: chosen.map((c) => c.key),
    specific: chosen.filter((c) => c.specific).length,
    params: [...new Set(chosen.flatMap((c) => c.params ?? []))].sort(),
  };
}

export interface ExamAttemptFacts {
  at: string;
  passed: boolean;
}

/**
 * The cooling period: two failed attempts in a row lock the exam for `hours` after the second;
 * once it has passed, the count starts again. Returns the time the lock ends, or null.
 */
export function examLockedUntil(attempts: readonly ExamAttemptFacts[], nowMs: number, hours: number): number | null {
  let fails = 0;
  let until: number | null = null;
  for (const a of [...attempts].sort((x, y) => Date.parse(x.at) - Date.parse(y.at))) {
    const at = Date.parse(a.at);
    if (until !== null && at >= until) until = null;
    fails = a.passed ? 0 : fails + 1;
    if (fails >= 2) {
      until = at + hours * 3600_000;
      fails = 0;
    }
  }
  return until !== null && nowMs < until ? until : null;
}

/** Seconds left of the time limit (never below zero). */
export function secondsLeft(startedMs: number, nowMs: number, minutes: number): number {
  return Math.max(0, Math.ceil((startedMs + minutes * 60_000 - nowMs) / 1000));
}
