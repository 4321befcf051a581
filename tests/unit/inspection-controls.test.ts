import { describe, expect, it } from 'vitest';
import type { ChecklistTemplate } from '../../src/domain/checklist';
import {
  answerFromControl,
  controlValue,
  itemsNeedingRectification,
  rectificationChanges,
  rectificationsOnFinalize,
  surveySummary,
} from '../../src/domain/inspection-controls';
import { newRectification } from '../../src/domain/rectification';
import { check, deduct, section, template } from '../support/templates';

const T = template([section('s', '前台', [check('a'), deduct('b')])]);
const S: ChecklistTemplate = {
  ...T,
  id: 'sv',
  kind: 'survey',
  line: 'survey',
  sections: [
    {
      id: 'q',
      title: '服务',
      items: [
        { id: 'q1', kind: 'rating', text: '前台服务' },
        { id: 'q2', kind: 'rating', text: '维修服务' },
      ],
    },
  ],
};
const ctx = { inspectionId: 'i', inspectedOn: '2026-11-02', now: '2026-11-02T09:00:00.000+08:00', idFor: (id: string) => `i:${id}` };

describe('control ↔ answer', () => {
  it('maps every answer to the radio that shows it and back', () => {
    const cases = [
      ['check', 'pass', { result: 'pass' }],
      ['check', 'fail', { result: 'fail' }],
      ['check', 'na', { result: 'na' }],
      ['deduct', 'pass', { result: 'findings', findings: 0 }],
      ['deduct', 'na', { result: 'na' }],
      ['rating', '4', { result: 'rating', rating: 4 }],
      ['rating', 'na', { result: 'na' }],
    ] as const;
    for (const [kind, value, answer] of cases) {
      expect(answerFromControl(kind, value)).toEqual(answer);
      expect(controlValue(answer)).toBe(value);
    }
    expect(answerFromControl('deduct', 'findings', '3')).toEqual({ result: 'findings', findings: 3 });
    expect(controlValue({ result: 'findings', findings: 3 })).toBe('findings');
    expect(answerFromControl('deduct', 'findings', '')).toEqual({ result: 'findings', findings: 1 });
    expect(answerFromControl('deduct', 'findings', '-2')).toEqual({ result: 'findings', findings: 1 });
  });
});

describe('survey summary', () => {
  it('gives rate, mean and what is left', () => {
    expect(surveySummary(S, { q1: { result: 'rating', rating: 5 } })).toBe('满意率 100.0%，平均 5.0 分（5 分制，1 题有效），还有 1 题未答');
    expect(surveySummary(S, {})).toBe('满意率 —，平均 — 分（5 分制，0 题有效），还有 2 题未答');
  });
});

describe('rectifications an inspection needs', () => {
  it('creates one per item losing points, with the proposed text and default deadline, and none twice', () => {
    const answers = { a: { result: 'fail' }, b: { result: 'findings', findings: 2 } } as const;
    expect(itemsNeedingRectification(T, answers)).toEqual([{ itemId: 'a' }, { itemId: 'b', findings: 2 }]);
    const made = rectificationChanges(T, answers, new Map(), ctx);
    expect(made.map((r) => [r.id, r.deadline])).toEqual([
      ['i:a', '2026-11-05'],
      ['i:b', '2026-11-05'],
    ]);
    expect(made[1]!.description).toContain('发现 2 处问题');
    const existing = new Map(made.map((r) => [r.itemId, r]));
    expect(rectificationChanges(T, answers, existing, ctx)).toEqual([]);
    expect(rectificationChanges(S, { q1: { result: 'rating', rating: 1 } }, new Map(), ctx)).toEqual([]);
  });

  it('keeps on finalising only those whose item still loses points', () => {
    const ra = newRectification({ id: 'i:a', inspectionId: 'i', itemId: 'a', description: 'x' }, '2026-11-02', 3, ctx.now);
    const rb = newRectification({ id: 'i:b', inspectionId: 'i', itemId: 'b', description: 'y' }, '2026-11-02', 3, ctx.now);
    const { keep, drop } = rectificationsOnFinalize(T, { a: { result: 'pass' }, b: { result: 'findings', findings: 1 } }, [ra, rb]);
    expect(keep.map((r) => r.id)).toEqual(['i:b']);
    expect(drop.map((r) => r.id)).toEqual(['i:a']);
  });
});
