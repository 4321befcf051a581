/**
 * Rectifications (整改): every failed or deducted item of an inspection yields one, with a
 * responsible department and person and a deadline. Status moves 待整改 → 已整改 (with a note
 * and an after-photo) → 已复查 (verified by the inspector); it may also go back from 已整改 to
 * 待整改 when the check finds the work not done. Dates are ISO "YYYY-MM-DD"; "now" is passed in.
 */
import type { z } from 'astro/zod';
import type { rectificationSchema } from '../schemas/backup';
import { plainFields, plainText } from './plain-text';

export type RectificationStatus = Rectification['status'];

export const RECTIFICATION_STATUS_NAMES: Record<RectificationStatus, string> = {
  open: '待整改',
  done: '已整改',
  verified: '已复查',
};

/** A rectification, as its schema (src/schemas/backup.ts) defines and validates it. */
export type Rectification = z.output<typeof rectificationSchema>;

/** What must be put right, as first proposed for a failed or deducted item (the inspector may edit it). */
export function proposedDescription(item: { text: string; standard: string }, findings?: number): string {
  return findings
    ? `${item.text}：发现 ${findings} 处问题，按标准整改（${item.standard}）`
    : `${item.text}不符合要求，按标准整改（${item.standard}）`;
}

/**
 * Whether a description is still the proposal for this item (for some count of findings), i.e.
 * the inspector has not written their own; only then may it follow a changed count.
 */
export function isProposedDescription(item: { text: string; standard: string }, text: string): boolean {
  if (text === proposedDescription(item)) return true;
  const m = /发现 (\d+) 处问题/.exec(text);
  return !!m && text === proposedDescription(item, Number(m[1]));
}

/** Why a deadline cannot be accepted, or null. Empty is left to finalisation (未设定期限). */
export function deadlineError(deadline: string, inspectedOn: string): string | null {
  if (!deadline) return null;
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(deadline) && addDays(deadline, 0) === deadline;
  if (!ok) return '整改期限不是有效的日期';
  return deadline < inspectedOn ? `整改期限不能早于检查日期（${inspectedOn}）` : null;
}

/** YYYY-MM-DD plus n calendar days, computed on the date alone (no time zone drift). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

export function newRectification(
  fields: { id: string; inspectionId: string; itemId: string; description: string; department?: string; owner?: string },
  inspectedOn: string,
  days: number,
  now: string,
): Rectification {
  return {
    department: '',
    owner: '',
    ...plainFields(fields),
    deadline: addDays(inspectedOn, days),
    status: 'open',
    afterPhotos: [],
    createdAt: now,
    updatedAt: now,
  };
}

/** Overdue: not yet 已整改 (or verified) by the end of its deadline day. */
export function isOverdue(r: Pick<Rectification, 'status' | 'deadline'>, today: string): boolean {
  return r.status === 'open' && today > r.deadline;
}

/** Closed (已整改 or 已复查) on a day after its deadline: it stays 逾期完成 for good. */
export function isClosedLate(r: Pick<Rectification, 'status' | 'deadline' | 'doneAt'>): boolean {
  return r.status !== 'open' && !!r.doneAt && r.doneAt.slice(0, 10) > r.deadline;
}

/** 已逾期 (open past its deadline), 逾期完成 (closed late) or neither. */
export function deadlineState(r: Pick<Rectification, 'status' | 'deadline' | 'doneAt'>, today: string): 'overdue' | 'closed-late' | null {
  return isOverdue(r, today) ? 'overdue' : isClosedLate(r) ? 'closed-late' : null;
}

export const DEADLINE_STATE_NAMES = { overdue: '已逾期', 'closed-late': '逾期完成' } as const;

export class RectificationError extends Error {}

export function markDone(r: Rectification, note: string, afterPhotos: string[], now: string): Rectification {
  if (r.status !== 'open') throw new RectificationError('只有待整改的事项可以标记为已整改');
  if (!note.trim()) throw new RectificationError('请填写整改说明');
  return { ...r, status: 'done', doneNote: plainText(note), afterPhotos, doneAt: now, updatedAt: now };
}

export function verify(r: Rectification, inspector: string, now: string): Rectification {
  if (r.status !== 'done') throw new RectificationError('只有已整改的事项可以复查确认');
  if (!inspector.trim()) throw new RectificationError('请填写复查人');
  return { ...r, status: 'verified', verifiedBy: plainText(inspector), verifiedAt: now, updatedAt: now };
}

export function reject(r: Rectification, note: string, now: string): Rectification {
  if (r.status !== 'done') throw new RectificationError('只有已整改的事项可以退回');
  if (!note.trim()) throw new RectificationError('请说明退回原因');
  return { ...r, status: 'open', rejectedNote: plainText(note), updatedAt: now };
}

export interface RectificationFilter {
  status?: RectificationStatus | 'overdue' | 'closed-late';
  department?: string;
}

export function filterRectifications(list: readonly Rectification[], f: RectificationFilter, today: string): Rectification[] {
  return list
    .filter((r) => !f.department || r.department === f.department)
    .filter(
      (r) =>
        !f.status || (f.status === 'overdue' || f.status === 'closed-late' ? deadlineState(r, today) === f.status : r.status === f.status),
    )
    .sort((a, b) => Number(isOverdue(b, today)) - Number(isOverdue(a, today)) || a.deadline.localeCompare(b.deadline));
}
