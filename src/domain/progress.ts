/**
 * A learner's progress through a post's learning path. A page counts as read when there is
 * reading evidence for its current version (the learner reached the end of the page and stayed
 * at least the minimum for its length, recorded by the reading script on the page) and, when the
 * page has a quiz, that quiz is passed. A tap is no evidence: old "ticked" reads don't count.
 * Each read records the page's content hash; when the page changes, it shows as "已更新，需重新学习".
 */
import type { PostId } from './taxonomy';

export interface PageRead {
  at: string;
  /** Content hash of the page when it was read. */
  version: string;
  /** "scrolled": evidence from the page; "ticked": a tap on 已学完 in older releases (not counted). */
  how: 'scrolled' | 'ticked';
  /** Seconds the page was in view before the read counted. */
  seconds?: number;
}

export interface QuizAttempt {
  /** A page id, or "post:<postId>" for the post's final quiz. */
  scope: string;
  at: string;
  score: number;
  passed: boolean;
  /** Exam mode: question keys drawn and the answers given, so the attempt can be shown again. */
  questions?: string[];
}

export interface SignOff {
  post: string;
  at: string;
  /** Page id → content hash acknowledged. */
  versions: Record<string, string>;
  quizScore: number;
  /** How the learner signed: drawn on the pad or typed name (keyboard alternative). */
  method?: 'drawn' | 'typed';
}

export interface LearnerProgress {
  learnerId: string;
  name: string;
  employeeNo: string;
  /** Posts the learner is assigned to (培训岗位); older profiles have none. */
  posts?: PostId[];
  reads: Record<string, PageRead>;
  attempts: QuizAttempt[];
  signOffs: SignOff[];
}

/** unread · quiz (read, its page quiz not yet passed) · read · updated (read in an older version). */
export type PageState = 'unread' | 'quiz' | 'read' | 'updated';

export interface PathPage {
  id: string;
  title: string;
  version: string;
  minutes: number;
  /** Number of page-quiz questions; a page with a quiz counts only once it is passed. */
  questions?: number;
  /** Optional pages (company background) don't block completion. */
  optional?: boolean;
}

export const DEFAULT_MIN_READ_SECONDS = 20;

/** Seconds a page must be in view: a third of its estimated reading time, at least the minimum. */
export function secondsNeeded(estimatedMinutes: number, minSeconds = DEFAULT_MIN_READ_SECONDS): number {
  return Math.max(minSeconds, Math.ceil((estimatedMinutes * 60) / 3));
}

/** Reaching the end is not enough on its own: the time for the page's length is needed too. */
export function readEnough(
  reachedEnd: boolean,
  secondsOnPage: number,
  estimatedMinutes: number,
  minSeconds = DEFAULT_MIN_READ_SECONDS,
): boolean {
  return reachedEnd && secondsOnPage >= secondsNeeded(estimatedMinutes, minSeconds);
}

/** Reading evidence for the page in some version (never a tap). */
function evidence(p: LearnerProgress, id: string): PageRead | undefined {
  const read = p.reads[id];
  return read?.how === 'scrolled' ? read : undefined;
}

export function pageQuizPassed(p: LearnerProgress, pageId: string): boolean {
  return p.attempts.some((a) => a.scope === pageId && a.passed);
}

export function pageState(p: LearnerProgress, page: Pick<PathPage, 'id' | 'version' | 'questions'>): PageState {
  const read = evidence(p, page.id);
  if (!read) return 'unread';
  if (read.version !== page.version) return 'updated';
  return (page.questions ?? 0) > 0 && !pageQuizPassed(p, page.id) ? 'quiz' : 'read';
}

/** Records reading evidence. Only the reading script calls this, once readEnough holds. */
export function markRead(p: LearnerProgress, page: Pick<PathPage, 'id' | 'version'>, at: string, seconds?: number): LearnerProgress {
  const read: PageRead = { at, version: page.version, how: 'scrolled', ...(seconds === undefined ? {} : { seconds }) };
  return { ...p, reads: { ...p.reads, [page.id]: read } };
}

export function recordAttempt(p: LearnerProgress, attempt: QuizAttempt): LearnerProgress {
  return { ...p, attempts: [...p.attempts, attempt] };
}

export function assignPost(p: LearnerProgress, post: PostId): LearnerProgress {
  return p.posts?.includes(post) ? p : { ...p, posts: [...(p.posts ?? []), post] };
}

export interface PathStatus {
  /** Required pages only; optional background is extra. */
  total: number;
  done: number;
  updated: string[];
  /** The first required page not yet counted (or updated) in path order: "继续学习". */
  next?: PathPage;
  minutesLeft: number;
  complete: boolean;
}

export function pathStatus(path: readonly PathPage[], p: LearnerProgress): PathStatus {
  const states = path.filter((page) => !page.optional).map((page) => ({ page, state: pageState(p, page) }));
  const open = states.filter((s) => s.state !== 'read');
  return {
    total: states.length,
    done: states.length - open.length,
    updated: states.filter((s) => s.state === 'updated').map((s) => s.page.id),
    next: open[0]?.page,
    minutesLeft: open.reduce((m, s) => m + (s.state === 'quiz' ? 0 : s.page.minutes), 0),
    complete: open.length === 0 && states.length > 0,
  };
}

export function bestAttempt(p: LearnerProgress, scope: string): QuizAttempt | undefined {
  return p.attempts.filter((a) => a.scope === scope).sort((a, b) => b.score - a.score || a.at.localeCompare(b.at))[0];
}

export function lastSignOff(p: LearnerProgress, post: string): SignOff | undefined {
  return [...p.signOffs].reverse().find((s) => s.post === post);
}

/** Pages changed since the learner last signed off for a post (required pages only). */
export function changedSinceSignOff(post: string, path: readonly PathPage[], p: LearnerProgress): string[] {
  const last = lastSignOff(p, post);
  if (!last) return [];
  return path.filter((page) => !page.optional && last.versions[page.id] !== page.version).map((page) => page.id);
}

export interface ResignState {
  /** Pages changed since the last sign-off. */
  changed: string[];
  /** Of those, pages not yet re-read in their current version. */
  toReread: string[];
  /** Signed once, content changed, everything re-read: a new sign-off is due. */
  resignDue: boolean;
  /** Signed and nothing changed: the sign-off is current. */
  current: boolean;
}

/** The re-training rule: a change after sign-off asks for re-reading, then a new sign-off. */
export function resignState(post: string, path: readonly PathPage[], p: LearnerProgress): ResignState {
  const signed = lastSignOff(p, post);
  const changed = changedSinceSignOff(post, path, p);
  const byId = new Map(path.map((page) => [page.id, page]));
  const toReread = changed.filter((id) => pageState(p, byId.get(id)!) !== 'read');
  return {
    changed,
    toReread,
    resignDue: !!signed && changed.length > 0 && toReread.length === 0,
    current: !!signed && changed.length === 0,
  };
}

/** Sign-off needs every required page counted in its current version, the post exam passed, and no current sign-off. */
export function signOffBlockers(post: string, path: readonly PathPage[], p: LearnerProgress): string[] {
  const status = pathStatus(path, p);
  const blockers: string[] = [];
  if (resignState(post, path, p).current) return ['已签署确认，内容没有更新，无需再次签署'];
  if (!status.complete) {
    const quiz = path.filter((page) => !page.optional && pageState(p, page) === 'quiz').length;
    const notes = [
      status.updated.length ? `其中 ${status.updated.length} 篇已更新，需重新学习` : '',
      quiz ? `${quiz} 篇已读完、本篇小测验未通过` : '',
    ].filter(Boolean);
    blockers.push(`还有 ${status.total - status.done} 篇未学完${notes.length ? `（${notes.join('；')}）` : ''}`);
  }
  if (!bestAttempt(p, `post:${post}`)?.passed) blockers.push('岗位测验尚未通过');
  return blockers;
}

export function signOff(
  post: string,
  path: readonly PathPage[],
  p: LearnerProgress,
  at: string,
  method: SignOff['method'] = 'drawn',
): LearnerProgress {
  const blockers = signOffBlockers(post, path, p);
  if (blockers.length) throw new Error(`还不能签署：${blockers.join('；')}`);
  const quizScore = bestAttempt(p, `post:${post}`)!.score;
  const versions = Object.fromEntries(path.filter((page) => !page.optional).map((page) => [page.id, page.version]));
  return { ...p, signOffs: [...p.signOffs, { post, at, versions, quizScore, method }] };
}
