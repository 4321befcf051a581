/**
 * The supervisor's training record (培训记录): one row per learner and assigned post with
 * progress, best exam score, attempts, sign-off and whether the sign-off is out of date; filters,
 * sorting and the CSV for Excel.
 */
import { bestAttempt, changedSinceSignOff, lastSignOff, pathStatus, resignState, type LearnerProgress, type PathPage } from './progress';
import { formatTenths } from './tenths';
import { toCsv } from './csv';

export type RowStatus = 'learning' | 'ready' | 'signed' | 'outdated';
export const ROW_STATUS_NAMES: Record<RowStatus, string> = {
  learning: '学习中',
  ready: '待签署',
  signed: '已签署',
  outdated: '内容已更新，需重新签署',
};

export interface TrainingRow {
  name: string;
  employeeNo: string;
  postId: string;
  post: string;
  done: number;
  total: number;
  bestScore: number | null;
  attempts: number;
  signedAt: string | null;
  /** Pages changed since sign-off (needing study again). */
  changed: number;
  status: RowStatus;
}

/** Posts a learner is assigned to; older profiles without assignment: the posts they took the exam for or signed. */
export function assignedPosts(l: LearnerProgress): string[] {
  const posts = new Set<string>(l.posts ?? []);
  for (const a of l.attempts) if (a.scope.startsWith('post:')) posts.add(a.scope.slice(5));
  for (const s of l.signOffs) posts.add(s.post);
  return [...posts];
}

export function trainingRows(
  learners: readonly LearnerProgress[],
  paths: Record<string, readonly PathPage[]>,
  postNames: Record<string, string>,
): TrainingRow[] {
  const rows: TrainingRow[] = [];
  for (const l of learners) {
    for (const post of assignedPosts(l)) {
      const path = paths[post];
      if (!path) continue; // a post that no longer exists
      const s = pathStatus(path, l);
      const attempts = l.attempts.filter((a) => a.scope === `post:${post}`);
      const signed = lastSignOff(l, post);
      const passed = bestAttempt(l, `post:${post}`)?.passed ?? false;
      const resign = resignState(post, path, l);
      const status: RowStatus = signed ? (resign.current ? 'signed' : 'outdated') : s.complete && passed ? 'ready' : 'learning';
      rows.push({
        name: l.name,
        employeeNo: l.employeeNo,
        postId: post,
        post: postNames[post] ?? post,
        done: s.done,
        total: s.total,
        bestScore: bestAttempt(l, `post:${post}`)?.score ?? null,
        attempts: attempts.length,
        signedAt: signed?.at ?? null,
        changed: changedSinceSignOff(post, path, l).length,
        status,
      });
    }
  }
  return rows.sort((a, b) => a.employeeNo.localeCompare(b.employeeNo) || a.post.localeCompare(b.post, 'zh-CN'));
}

export interface RowFilter {
  /** Post id, or empty for all. */
  post?: string;
  status?: RowStatus | '';
  /** Part of a name or employee number. */
  text?: string;
}

export function filterRows(rows: readonly TrainingRow[], f: RowFilter): TrainingRow[] {
  const text = f.text?.trim().toLowerCase() ?? '';
  return rows.filter(
    (r) =>
      (!f.post || r.postId === f.post) &&
      (!f.status || r.status === f.status) &&
      (!text || r.name.toLowerCase().includes(text) || r.employeeNo.toLowerCase().includes(text)),
  );
}

export type SortKey = 'learner' | 'post' | 'progress' | 'score' | 'signed' | 'status';

const STATUS_ORDER: RowStatus[] = ['outdated', 'learning', 'ready', 'signed'];

export function sortRows(rows: readonly TrainingRow[], key: SortKey, descending = false): TrainingRow[] {
  const cmp: Record<SortKey, (a: TrainingRow, b: TrainingRow) => number> = {
    learner: (a, b) => a.employeeNo.localeCompare(b.employeeNo),
    post: (a, b) => a.post.localeCompare(b.post, 'zh-CN'),
    progress: (a, b) => a.done / (a.total || 1) - b.done / (b.total || 1),
    score: (a, b) => (a.bestScore ?? -1) - (b.bestScore ?? -1),
    signed: (a, b) => (a.signedAt ?? '').localeCompare(b.signedAt ?? ''),
    status: (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status),
  };
  const tie = (a: TrainingRow, b: TrainingRow) => a.employeeNo.localeCompare(b.employeeNo) || a.post.localeCompare(b.post, 'zh-CN');
  // Stable and total: the tie-break keeps the order the same on every render.
  return [...rows].sort((a, b) => (descending ? -1 : 1) * cmp[key](a, b) || tie(a, b));
}

export function trainingCsv(rows: readonly TrainingRow[]): string {
  return toCsv([
    ['姓名', '工号', '岗位', '已学篇数', '总篇数', '岗位测验最高分', '测验次数', '签署日期', '签署后更新篇数', '状态'],
    ...rows.map((r) => [
      r.name,
      r.employeeNo,
      r.post,
      r.done,
      r.total,
      r.bestScore === null ? null : formatTenths(r.bestScore),
      r.attempts,
      r.signedAt?.slice(0, 10) ?? null,
      r.changed,
      ROW_STATUS_NAMES[r.status],
    ]),
  ]);
}
