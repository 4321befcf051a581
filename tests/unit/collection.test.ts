import { describe, expect, it } from 'vitest';
import { importOutcome } from '../../src/domain/collection';
import type { Verdict } from '../../src/domain/report-verdict';

const v = (kind: Verdict['kind']): Verdict => ({ kind, title: 't', detail: '原因' }) as Verdict;

describe('importOutcome', () => {
  it('adds and counts a valid report', () =>
    expect(importOutcome(v('valid'), 'r1', new Set())).toEqual({ kind: 'added', included: true, state: 'valid' }));
  it('recognises a duplicate whatever its state', () => {
    expect(importOutcome(v('valid'), 'r1', new Set(['r1']))).toEqual({ kind: 'duplicate', recordId: 'r1' });
    expect(importOutcome(v('tampered'), 'r1', new Set(['r1'])).kind).toBe('duplicate');
  });
  it('keeps tampered and unsigned reports out unless included', () => {
    expect(importOutcome(v('tampered'), 'r2', new Set())).toEqual({ kind: 'added', included: false, state: 'tampered' });
    expect(importOutcome(v('unsigned'), 'r2', new Set())).toEqual({ kind: 'added', included: false, state: 'unsigned' });
  });
  it('refuses files without a readable record', () => {
    expect(importOutcome(v('foreign'), undefined, new Set())).toEqual({ kind: 'refused', reason: '原因' });
    expect(importOutcome(v('tampered'), undefined, new Set())).toMatchObject({ kind: 'refused' });
  });
});
