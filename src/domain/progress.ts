/**
 * A learner's progress through a post's learning path. A page counts as read when the learner
 * reached its end and stayed at least a minimum time on it, or ticked "已学完". Each read records
 * the page's content hash; when the page changes later, it shows as "已更新，需重新学习" and the
 * path is no longer complete.
 */
export interface PageRead {
  at: string;
  /** Content hash of the page when it was read. */
  version: string;
  how: 'scrolled' | 'ticked';
}

export interface QuizAttempt {
  /** A page id, or "post:<postId>" for the post's final quiz. */
  scope: string;
  at: string;
  score: number;
  passed: boolean;
}

export interface SignOff {
  post: string;
  at: string;
  /** Page id → content hash acknowledged. */
  versions: Record<string, string>;
  quizScore: number;
}

export interface LearnerProgress {
  learnerId: string;
  name: string;
  employeeNo: string;
  reads: Record<string, PageRead>;
  attempts: QuizAttempt[];
  signOffs: SignOff[];
}

export type PageState = 'unread' | 'read' | 'updated';

export interface PathPage {
  id: string;
  title: string;
  version: string;
  minutes: number;
}

/** Reaching the end is not enough on its own: a third of the estimated reading time, at least 20 s. */
export function readEnough(reachedEnd: boolean, secondsOnPage: number, estimatedMinutes: number): boolean {
  return reachedEnd && secondsOnPage >= Math.max(20, (estimatedMinutes * 60) / 3);
}

export function pageState(p: LearnerProgress, page: Pick<PathPage, 'id' | 'version'>): PageState {
  const read = p.reads[page.id];
  if (!read) return 'unread';
  return read.version === page.version ? 'read' : 'updated';
}

export function markRead(p: LearnerProgress, page: Pick<PathPage, 'id' | 'version'>, how: PageRead['how'], at: string): LearnerProgress {
  return { ...p, reads: { ...p.reads, [page.id]: { at, version: page.version, how } } };
}

export function recordAttempt(p: LearnerProgress, attempt: QuizAttempt): LearnerProgress {
  return { ...p, attempts: [...p.attempts, attempt] };
}

export interface PathStatus {
  total: number;
  done: number;
  updated: string[];
  /** The first page not read (or updated) in path order: "继续学习". */
  next?: PathPage;
  minutesLeft: number;
  complete: boolean;
}

export function pathStatus(path: readonly PathPage[], p: LearnerProgress): PathStatus {
  const states = path.map((page) => ({ page, state: pageState(p, page) }));
  const open = states.filter((s) => s.state !== 'read');
  return {
    total: path.length,
    done: path.length - open.length,
    updated: states.filter((s) => s.state === 'updated').map((s) => s.page.id),
    next: open[0]?.page,
    minutesLeft: open.reduce((m, s) => m + s.page.minutes, 0),
    complete: open.length === 0 && path.length > 0,
  };
}

export function bestAttempt(p: LearnerProgress, scope: string): QuizAttempt | undefined {
  return p.attempts.filter((a) => a.scope === scope).sort((a, b) => b.score - a.score || a.at.localeCompare(b.at))[0];
}

/** Sign-off needs every page of the path read in its current version and the post's quiz passed. */
export function signOffBlockers(post: string, path: readonly PathPage[], p: LearnerProgress): string[] {
  const status = pathStatus(path, p);
  const blockers: string[] = [];
  if (!status.complete)
    blockers.push(
      `还有 ${status.total - status.done} 篇未学完${status.updated.length ? `（其中 ${status.updated.length} 篇已更新，需重新学习）` : ''}`,
    );
  if (!bestAttempt(p, `post:${post}`)?.passed) blockers.push('岗位测验尚未通过');
  return blockers;
}

export function signOff(post: string, path: readonly PathPage[], p: LearnerProgress, at: string): LearnerProgress {
  const blockers = signOffBlockers(post, path, p);
  if (blockers.length) throw new Error(`还不能签署：${blockers.join('；')}`);
  const quizScore = bestAttempt(p, `post:${post}`)!.score;
  return {
    ...p,
    signOffs: [...p.signOffs, { post, at, versions: Object.fromEntries(path.map((page) => [page.id, page.version])), quizScore }],
  };
}

/** Pages changed since the learner signed off for a post. */
export function changedSinceSignOff(post: string, path: readonly PathPage[], p: LearnerProgress): string[] {
  const last = [...p.signOffs].reverse().find((s) => s.post === post);
  if (!last) return [];
  return path.filter((page) => last.versions[page.id] !== page.version).map((page) => page.id);
}
