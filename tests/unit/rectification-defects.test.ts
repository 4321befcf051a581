// Field-trial defects of rectifications: the proposed text follows the count of findings, a
// rectification closed after its deadline stays 逾期完成, and a deadline before the inspection is refused.
import { describe, expect, it } from 'vitest';
import { rectificationChanges } from '../../src/domain/inspection-controls';
import { finalizeProblems, newInspection, setAnswer } from '../../src/domain/inspection';
import {
  deadlineError,
  deadlineState,
  filterRectifications,
  markDone,
  newRectification,
  verify,
  type Rectification,
} from '../../src/domain/rectification';
import { deduct, section, template } from '../support/templates';

const T = template([section('s', '前台', [deduct('b')])]);
const now = '2026-11-02T09:00:00.000+08:00';
const ctx = { inspectionId: 'i', inspectedOn: '2026-11-02', now, idFor: (id: string) => `i:${id}` };
const byItem = (rs: Rectification[]) => new Map(rs.map((r) => [r.itemId, r]));

describe('the proposed rectification text follows the number of findings', () => {
  it('rewrites "发现 1 处问题" when the count is raised, while the text is still the proposal', () => {
    const first = rectificationChanges(T, { b: { result: 'findings', findings: 1 } }, new Map(), ctx);
    expect(first[0]!.description).toContain('发现 1 处问题');
    const raised = rectificationChanges(T, { b: { result: 'findings', findings: 3 } }, byItem(first), {
      ...ctx,
      now: '2026-11-02T09:01:00.000+08:00',
    });
    expect(raised).toHaveLength(1);
    expect(raised[0]!.description).toBe('仪容：发现 3 处问题，按标准整改（着装整洁）');
    expect(raised[0]!.id).toBe(first[0]!.id);
    expect(rectificationChanges(T, { b: { result: 'findings', findings: 3 } }, byItem(raised), ctx)).toEqual([]);
  });

  it('never overwrites text the inspector wrote', () => {
    const own = newRectification({ id: 'i:b', inspectionId: 'i', itemId: 'b', description: '前台两人未佩戴工牌' }, '2026-11-02', 3, now);
    expect(rectificationChanges(T, { b: { result: 'findings', findings: 2 } }, byItem([own]), ctx)).toEqual([]);
  });
});

describe('closed late stays 逾期完成', () => {
  const r = newRectification({ id: 'i:b', inspectionId: 'i', itemId: 'b', description: 'x' }, '2026-11-02', 3, now); // due 11-05
  it('is overdue while open past the deadline, and closed late once done after it', () => {
    expect(deadlineState(r, '2026-11-05')).toBeNull();
    expect(deadlineState(r, '2026-11-06')).toBe('overdue');
    const late = markDone(r, '已整改', [], '2026-11-07T10:00:00.000+08:00');
    expect(deadlineState(late, '2026-11-08')).toBe('closed-late');
    expect(deadlineState(verify(late, '李', '2026-11-08T10:00:00.000+08:00'), '2026-12-01')).toBe('closed-late');
    expect(deadlineState(markDone(r, '已整改', [], '2026-11-05T18:00:00.000+08:00'), '2026-12-01')).toBeNull();
  });
  it('can be listed under 逾期完成', () => {
    const late = markDone({ ...r, id: 'late' }, '已整改', [], '2026-11-07T10:00:00.000+08:00');
    const ontime = markDone({ ...r, id: 'ok' }, '已整改', [], '2026-11-04T10:00:00.000+08:00');
    expect(filterRectifications([late, ontime], { status: 'closed-late' }, '2026-11-10').map((x) => x.id)).toEqual(['late']);
  });
});

describe('a deadline before the inspection date', () => {
  it('is refused with a Chinese message', () => {
    expect(deadlineError('2026-11-01', '2026-11-02')).toBe('整改期限不能早于检查日期（2026-11-02）');
    expect(deadlineError('2026-11-02', '2026-11-02')).toBeNull();
    expect(deadlineError('', '2026-11-02')).toBeNull(); // empty is reported by finalisation as 未设定期限
    expect(deadlineError('2026-13-40', '2026-11-02')).toBe('整改期限不是有效的日期');
  });
  it('stops finalisation', () => {
    const rec = setAnswer(
      newInspection(T, { templateId: 'c', project: '翠湖', area: 'A', inspector: '李', inspectedAt: now }, 'i', now),
      'b',
      { result: 'findings', findings: 1 },
      now,
    );
    const problems = finalizeProblems(T, rec, [{ itemId: 'b', department: '客服部', owner: '王', deadline: '2026-10-30' }]);
    expect(problems.map((p) => p.message)).toEqual(['整改期限不能早于检查日期（2026-11-02）：前台：仪容']);
  });
});
