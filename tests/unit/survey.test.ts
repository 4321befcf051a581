import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ChecklistTemplate } from '../../src/domain/checklist';
import { scoreSurvey, tally } from '../../src/domain/survey';

const survey: ChecklistTemplate = {
  id: 'daily',
  title: '日常客户满意度调查',
  kind: 'survey',
  line: 'survey',
  version: 'v1',
  grades: { excellent: 90, pass: 80 },
  rectificationDays: 3,
  sections: [
    {
      id: 's',
      title: '服务评价',
      items: [
        { id: 'q1', kind: 'rating', text: '前台接待' },
        { id: 'q2', kind: 'rating', text: '维修及时' },
        { id: 'q3', kind: 'rating', text: '环境卫生' },
      ],
    },
  ],
};

describe('tally', () => {
  it('counts satisfied (非常满意 + 满意) over answered', () => {
    const t = tally([5, 4, 3, 2, 5, 4, 4, 1]);
    expect(t.counts).toEqual([0, 1, 1, 1, 3, 2]);
    expect(t.answered).toBe(8);
    expect(t.satisfied).toBe(5);
    expect(t.rate).toBe(625); // 62.5 %
    expect(t.mean).toBe(35); // 28 / 8 = 3.5
  });
  it('rounds half up in tenths', () => {
    expect(tally([5, 4, 3]).rate).toBe(667);
    expect(tally([5, 5, 4]).mean).toBe(47); // 4.666… → 4.7
    expect(tally([4, 5, 5, 5]).mean).toBe(48); // 4.75 → 4.8
  });
  it('is empty without answers', () => {
    expect(tally([])).toMatchObject({ answered: 0, rate: null, mean: null });
  });
  it('rejects ratings outside 1–5', () => {
    expect(() => tally([6])).toThrow(/1–5/);
    expect(() => tally([2.5])).toThrow();
  });
  it('rate stays within 0–100 % and mean within 1–5', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 500 }), (rs) => {
        const t = tally(rs);
        expect(t.rate!).toBeGreaterThanOrEqual(0);
        expect(t.rate!).toBeLessThanOrEqual(1000);
        expect(t.mean!).toBeGreaterThanOrEqual(10);
        expect(t.mean!).toBeLessThanOrEqual(50);
        expect(t.counts.reduce((a, b) => a + b, 0)).toBe(rs.length);
      }),
    );
  });
});

describe('scoreSurvey', () => {
  it('scores per question and overall, excluding 不适用', () => {
    const r = scoreSurvey(survey, { q1: { result: 'rating', rating: 5 }, q2: { result: 'na' }, q3: { result: 'rating', rating: 3 } });
    expect(r.complete).toBe(true);
    expect(r.overall).toMatchObject({ answered: 2, satisfied: 1, rate: 500, mean: 40 });
    expect(r.questions.map((q) => q.tally.answered)).toEqual([1, 0, 1]);
    expect(r.questions[1]!.tally.rate).toBeNull();
  });
  it('lists unanswered and invalid answers', () => {
    const r = scoreSurvey(survey, { q1: { result: 'rating', rating: 4 }, q3: { result: 'pass' } });
    expect(r.unanswered).toEqual(['q2', 'q3']);
    expect(r.complete).toBe(false);
    const bad = scoreSurvey(survey, { q1: { result: 'rating', rating: 9 as 5 }, q2: { result: 'na' }, q3: { result: 'na' } });
    expect(bad.unanswered).toEqual(['q1']);
  });
});
