/**
 * The supervisor's training record (培训记录): per learner and post, progress, best quiz score,
 * attempts and sign-off, plus the CSV for Excel.
 */
import { bestAttempt, changedSinceSignOff, pathStatus, type LearnerProgress, type PathPage } from './progress';
import { formatTenths } from './tenths';
import { toCsv } from './csv';

export interface TrainingRow {
  name: string;
  employeeNo: string;
  post: string;
  done: number;
  total: number;
  bestScore: number | null;
  attempts: number;
  signedAt: string | null;
  /** Pages changed since sign-off (needing study again). */
  changed: number;
}

export function trainingRows(
  learners: readonly LearnerProgress[],
  paths: Record<string, readonly PathPage[]>,
  postNames: Record<string, string>,
): TrainingRow[] {
  const rows: TrainingRow[] = [];
  for (const l of learners) {
    for (const [post, path] of Object.entries(paths)) {
      const s = pathStatus(path, l);
      const attempts = l.attempts.filter((a) => a.scope === `post:${post}`);
      const signed = [...l.signOffs].reverse().find((x) => x.post === post);
      if (s.done === 0 && attempts.length === 0 && !signed) continue; // posts the learner never started
      rows.push({
        name: l.name,
        employeeNo: l.employeeNo,
        post: postNames[post] ?? post,
        done: s.done,
        total: s.total,
        bestScore: bestAttempt(l, `post:${post}`)?.score ?? null,
        attempts: attempts.length,
        signedAt: signed?.at ?? null,
        changed: changedSinceSignOff(post, path, l).length,
      });
    }
  }
  return rows.sort((a, b) => a.employeeNo.localeCompare(b.employeeNo) || a.post.localeCompare(b.post, 'zh-CN'));
}

export function trainingCsv(rows: readonly TrainingRow[]): string {
  return toCsv([
    ['姓名', '工号', '岗位', '已学篇数', '总篇数', '岗位测验最高分', '测验次数', '签署日期', '签署后更新篇数'],
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
    ]),
  ]);
}
