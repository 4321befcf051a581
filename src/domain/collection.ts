/**
 * What happens to a report file a manager imports: a valid report is added and counted; a
 * report already collected (same record id) is recognised and not counted twice; a report whose
 * signer is not enrolled (untrusted) or that is unsigned is kept but left out until the manager
 * includes it; a tampered or unreadable file is refused outright, so it never takes the place
 * of the genuine report, which can still be imported afterwards.
 */
import type { Verdict } from './report-verdict';

export type ImportOutcome =
  | { kind: 'added'; included: true; state: 'valid' }
  | { kind: 'added'; included: false; state: 'untrusted' | 'unsigned' }
  | { kind: 'duplicate'; recordId: string }
  | { kind: 'refused'; reason: string };

export function importOutcome(verdict: Verdict, recordId: string | undefined, known: ReadonlySet<string>): ImportOutcome {
  if (verdict.kind === 'tampered' || verdict.kind === 'foreign' || !recordId) {
    return { kind: 'refused', reason: `${verdict.title}：${verdict.reason || verdict.detail}` };
  }
  if (known.has(recordId)) return { kind: 'duplicate', recordId };
  if (verdict.kind === 'valid') return { kind: 'added', included: true, state: 'valid' };
  return { kind: 'added', included: false, state: verdict.kind };
}

export const OUTCOME_TEXT = {
  valid: '已验证，计入报告',
  untrusted: '签名完整但签名人未登记，默认不计入',
  unsigned: '未签名，默认不计入',
  duplicate: '重复（已导入过同一检查记录），未重复计入',
} as const;
