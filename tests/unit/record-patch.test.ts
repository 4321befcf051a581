// Per-answer changes of an inspection record: a patch carries exactly what one editor changed,
// applying it keeps everything else stored, and it never reopens a finalised record.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyPatch, diffRecord, emptyPatch, isEmptyPatch, mergePatches } from '../../src/domain/record-patch';
import { newInspection, setAnswer, setNote, setPhotoHash, setPhotos, type InspectionRecord } from '../../src/domain/inspection';
import type { ChecklistTemplate } from '../../src/domain/checklist';

const T = { id: 't', title: '客服', kind: 'inspection', line: 'customer', version: 'v1', sections: [] } as unknown as ChecklistTemplate;
const at = (s: number) => `2026-11-02T09:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.000+08:00`;
const base = (): InspectionRecord =>
  newInspection(T, { templateId: 't', project: '翠湖花园', area: 'A', inspector: '李', inspectedAt: at(0) }, 'i1', at(0));

describe('record patches', () => {
  it('diffs per answer, note, photo and hash, and whole header fields', () => {
    let r = base();
    r = setAnswer(r, 'a', { result: 'pass' }, at(1));
    const next = setPhotoHash(
      setPhotos(setNote(setAnswer(r, 'b', { result: 'fail' }, at(2)), 'b', '门锁坏', at(2)), 'b', ['p1'], at(2)),
      'p1',
      'a'.repeat(64),
      at(2),
    );
    const p = diffRecord(r, { ...next, area: 'B' });
    expect(p.keyed.answers).toEqual({ b: { result: 'fail' } });
    expect(p.keyed.notes).toEqual({ b: '门锁坏' });
    expect(p.keyed.photos).toEqual({ b: ['p1'] });
    expect(Object.keys(p.keyed.photoHashes ?? {})).toEqual(['p1']);
    expect(p.set).toEqual({ area: 'B', updatedAt: at(2) });
    expect(isEmptyPatch(diffRecord(next, next))).toBe(true);
    expect(diffRecord(setAnswer(r, 'a', null, at(3)), r).keyed.answers).toEqual({ a: { result: 'pass' } });
    expect(diffRecord(r, setAnswer(r, 'a', null, at(3))).keyed.answers).toEqual({ a: null });
  });

  it('keeps what another editor stored, and takes the later updatedAt', () => {
    const start = base();
    const mine = setAnswer(start, 'a', { result: 'pass' }, at(5));
    const theirs = setAnswer(setAnswer(start, 'a', { result: 'na' }, at(4)), 'b', { result: 'fail' }, at(9));
    const merged = applyPatch(theirs, diffRecord(start, mine))!;
    expect(merged.answers).toEqual({ a: { result: 'pass' }, b: { result: 'fail' } });
    expect(merged.updatedAt).toBe(at(9));
    const removed = applyPatch(merged, diffRecord(mine, setAnswer(mine, 'a', null, at(10))))!;
    expect(removed.answers).toEqual({ b: { result: 'fail' } });
    expect(removed.updatedAt).toBe(at(10));
  });

  it('never reopens or changes a finalised record with a draft patch', () => {
    const start = base();
    const final: InspectionRecord = { ...start, status: 'final', finalizedAt: at(3), updatedAt: at(3) };
    expect(applyPatch(final, diffRecord(start, setAnswer(start, 'a', { result: 'pass' }, at(4))))).toBeNull();
    expect(applyPatch(final, { set: { status: 'draft' }, keyed: {} })).toBeNull();
    expect(applyPatch(final, emptyPatch())).toBe(final);
  });

  it('merging patches equals diffing across both steps (property)', () => {
    const answer = fc.constantFrom({ result: 'pass' as const }, { result: 'fail' as const }, { result: 'na' as const }, null);
    const step = fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), answer), { maxLength: 6 });
    fc.assert(
      fc.property(step, step, step, (s0, s1, s2) => {
        const apply = (r: InspectionRecord, s: typeof s0, t: number) => s.reduce((x, [id, a]) => setAnswer(x, id, a, at(t)), r);
        const r0 = apply(base(), s0, 1);
        const r1 = apply(r0, s1, 2);
        const r2 = apply(r1, s2, 3);
        const viaMerge = applyPatch(r0, mergePatches(diffRecord(r0, r1), diffRecord(r1, r2)))!;
        expect(viaMerge.answers).toEqual(r2.answers);
        expect(applyPatch(r0, diffRecord(r0, r2))!.answers).toEqual(r2.answers);
      }),
    );
  });
});
