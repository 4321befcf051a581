/**
 * Re-verifying documents already collected when the trust list changes (a revocation, a newly
 * trusted root). The stored bytes are checked again by the same checker; this decides what the
 * new verdict does to the stored document and says, in one line, what changed for the month.
 * Generic over document kinds: it needs only the stored state, the manager's flags and the
 * checker's verdict. Pure.
 */
import { counts, type DocumentState } from './collection';
import type { Problem, VerdictKind } from './report-verdict';

/** What the stored document looked like before the re-check. */
export interface RecheckBefore {
  hash: string;
  state: DocumentState;
  included: boolean;
  excluded: boolean;
  deletedAt?: string;
  /** The reason of the stored verdict (empty or absent when valid). */
  reason?: string;
}

/** The checker's answer for the stored bytes. */
export interface RecheckVerdict {
  kind: VerdictKind;
  problem: Problem | null;
  reason: string;
  /** Document id the checker read from the bytes (absent when it read none). */
  hash?: string;
}

/** Why a counted document stopped counting, or that it started. */
export type RecheckCause = 'revoked' | 'not-enrolled' | 'certificate' | 'refused' | 'trusted' | 'other';

export type RecheckDecision =
  /** Same verdict: only its reason is (re)written. */
  | { kind: 'same'; reason: string }
  /** A new verdict to store; `counted*` say whether the document counts on its own. */
  | {
      kind: 'changed';
      state: DocumentState;
      included: boolean;
      reason: string;
      cause: RecheckCause;
      countedBefore: boolean;
      countedAfter: boolean;
    }
  /** Could not be checked again (no original kept, the checker timed out or failed): the old verdict stays. */
  | { kind: 'kept'; reason: string };

/** The checker could not finish; says nothing about the file, so the stored verdict stands. */
const TRANSIENT: ReadonlySet<Problem> = new Set<Problem>(['timeout', 'checker-error']);
const NOT_ENROLLED: ReadonlySet<Problem> = new Set<Problem>(['self-signed', 'unknown-issuer', 'no-trust-list']);

function causeOf(v: RecheckVerdict): RecheckCause {
  if (v.kind === 'valid') return 'trusted';
  if (v.problem === 'revoked') return 'revoked';
  if (v.problem && NOT_ENROLLED.has(v.problem)) return 'not-enrolled';
  if (v.kind === 'untrusted') return 'certificate';
  return 'other';
}

/**
 * The decision for one stored document. `verdict` null means its original was not kept (imported
 * by an older release). A file whose bytes once passed and now fail outright (tampered, foreign,
 * another document id: only possible when the checker itself became stricter) is kept, marked
 * not verified with the reason, and stops counting; the manager may still include it knowingly.
 * A manager's inclusion of an unverified document was a choice about its old reason: when the
 * reason changes it lapses and must be made again (a changed verdict is never included).
 */
export function recheckDecision(before: RecheckBefore, verdict: RecheckVerdict | null): RecheckDecision {
  if (!verdict) return { kind: 'kept', reason: '旧版本导入时未保存原件，无法重新核验' };
  if (verdict.problem && TRANSIENT.has(verdict.problem)) return { kind: 'kept', reason: verdict.reason };
  const refused = verdict.kind === 'tampered' || verdict.kind === 'foreign' || verdict.hash !== before.hash;
  const state: DocumentState = refused ? 'untrusted' : (verdict.kind as DocumentState);
  const reason = refused ? `重新核验未通过：${verdict.reason || '文件内容与收集时不一致'}` : verdict.reason;
  // Documents imported before reasons were kept have none: the same state is the same verdict.
  if (state === before.state && (before.reason === undefined || reason === before.reason)) return { kind: 'same', reason };
  const after = { ...before, state, included: false };
  return {
    kind: 'changed',
    state,
    included: false,
    reason,
    cause: refused ? 'refused' : causeOf(verdict),
    countedBefore: counts(before),
    countedAfter: counts(after),
  };
}

/**
 * One line for the manager: how many were checked again and what that did to the month (or, with
 * `countsIn`, to whatever else the documents count in, e.g. 计入培训记录).
 */
export function recheckSummary(decisions: readonly { decision: RecheckDecision; deleted: boolean }[], countsIn = '计入报告'): string {
  const live = decisions.filter((d) => !d.deleted).map((d) => d.decision);
  const changed = live.flatMap((d) => (d.kind === 'changed' ? [d] : []));
  const left = (cause: RecheckCause) => changed.filter((c) => c.cause === cause && c.countedBefore && !c.countedAfter).length;
  const parts: string[] = [];
  const push = (n: number, text: string) => n && parts.push(`${n} 份${text}`);
  push(left('revoked'), '因证书吊销不再计入');
  push(left('not-enrolled'), '因签名人不在信任列表中不再计入');
  push(left('certificate'), '因签名证书无效不再计入');
  push(left('refused') + left('other'), '重新核验未通过，不再计入');
  push(changed.filter((c) => !c.countedBefore && c.countedAfter).length, `现已验证有效，${countsIn}`);
  push(changed.filter((c) => c.countedBefore === c.countedAfter).length, '结论有变化，计入与否不变');
  push(live.filter((d) => d.kind === 'kept').length, '未能重新核验，保持原结论');
  const checked = live.filter((d) => d.kind !== 'kept').length;
  return `信任列表已更新：${checked} 份文件重新核验，${parts.length ? parts.join('，') : '结论均无变化'}。`;
}
