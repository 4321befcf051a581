import { describe, expect, it } from 'vitest';
import { importOutcome } from '../../src/domain/collection';
import type { Verdict } from '../../src/domain/report-verdict';

const v = (kind: Verdict['kind']): Verdict => ({ kind, title: '标题', detail: '详情', reason: '原因', problem: null }) as Verdict;

describe('importOutcome', () => {
  it('adds and counts a valid report', () =>
    expect(importOutcome(v('valid'), 'r1', new Set())).toEqual({ kind: 'added', included: true, state: 'valid' }));
  it('recognises a duplicate whatever its state', () => {
    expect(importOutcome(v('valid'), 'r1', new Set(['r1']))).toEqual({ kind: 'duplicate', recordId: 'r1' });
    expect(importOutcome(v('untrusted'), 'r1', new Set(['r1'])).kind).toBe('duplicate');
  });
  it('keeps unenrolled and unsigned reports out unless included', () => {
    expect(importOutcome(v('untrusted'), 'r2', new Set())).toEqual({ kind: 'added', included: false, state: 'untrusted' });
    expect(importOutcome(v('unsigned'), 'r2', new Set())).toEqual({ kind: 'added', included: false, state: 'unsigned' });
  });
  it('refuses tampered files outright, so they never take a genuine report’s place', () => {
    expect(importOutcome(v('tampered'), 'r1', new Set())).toEqual({ kind: 'refused', reason: '标题：原因' });
    expect(importOutcome(v('tampered'), 'r1', new Set(['r1']))).toMatchObject({ kind: 'refused' });
  });
  it('refuses files without a readable record', () => {
    expect(importOutcome(v('foreign'), undefined, new Set())).toEqual({ kind: 'refused', reason: '标题：原因' });
    expect(importOutcome(v('valid'), undefined, new Set())).toMatchObject({ kind: 'refused' });
  });
});
