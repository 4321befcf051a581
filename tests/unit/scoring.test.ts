import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Answers, ChecklistItem, ChecklistSection, ChecklistTemplate, ItemAnswer } from '../../src/domain/checklist';
import { DEFAULT_GRADES } from '../../src/domain/checklist';
import { gradeOf, percentTenths, scoreInspection } from '../../src/domain/scoring';
import { scoreSummary, scoreTrace } from '../../src/domain/score-trace';
import { divRoundHalfUp, formatPoints, formatTenths, tenths, toTenths } from '../../src/domain/tenths';

const check = (id: string, points: number, veto = false): ChecklistItem => ({
  id,
  kind: 'check',
  text: `检查${id}`,
  points,
  standard: '标准',
  method: '方法',
  sop: 'customer-service/appointment',
  veto,
});
const deduct = (id: string, points: number, perFinding: number, veto = false): ChecklistItem => ({
  id,
  kind: 'deduct',
  text: `检查${id}`,
  points,
  perFinding,
  standard: '标准',
  method: '方法',
  sop: 'customer-service/appointment',
  veto,
});
const template = (sections: ChecklistSection[], grades = DEFAULT_GRADES): ChecklistTemplate => ({
  id: 't',
  title: '测试',
  kind: 'inspection',
  line: 'customer',
  version: 'v1',
  grades,
  rectificationDays: 3,
  sections,
});
const one = (items: ChecklistItem[]) => template([{ id: 's1', title: '第一部分', items }]);
const PASS: ItemAnswer = { result: 'pass' };
const FAIL: ItemAnswer = { result: 'fail' };
const NA: ItemAnswer = { result: 'na' };
const F = (findings: number): ItemAnswer => ({ result: 'findings', findings });

describe('tenths', () => {
  it('converts numbers with at most one decimal', () => {
    expect(toTenths(2.5)).toBe(25);
    expect(toTenths(0.1 + 0.2)).toBe(3);
    expect(toTenths(10)).toBe(100);
    expect(() => toTenths(2.55)).toThrow(/一位小数/);
    expect(() => toTenths(Number.NaN)).toThrow();
  });
  it('formats', () => {
    expect(formatTenths(tenths(855))).toBe('85.5');
    expect(formatTenths(tenths(1000))).toBe('100.0');
    expect(formatTenths(tenths(5))).toBe('0.5');
    expect(formatPoints(tenths(30))).toBe('3');
    expect(formatPoints(tenths(25))).toBe('2.5');
  });
  it('rounds half up exactly', () => {
    expect(divRoundHalfUp(5n, 10n)).toBe(1n);
    expect(divRoundHalfUp(4n, 10n)).toBe(0n);
    expect(divRoundHalfUp(15n, 10n)).toBe(2n);
    expect(divRoundHalfUp(2000n, 3n)).toBe(667n);
    expect(() => divRoundHalfUp(1n, 0n)).toThrow();
  });
  it('percentTenths', () => {
    expect(percentTenths(2, 3)).toBe(667); // 66.666… → 66.7
    expect(percentTenths(1, 8)).toBe(125); // 12.5 exactly
    expect(percentTenths(1, 16)).toBe(63); // 6.25 → 6.3 (half up)
    expect(percentTenths(0, 0)).toBeNull();
  });
});

describe('scoreInspection: table of rules', () => {
  const cases: { name: string; items: ChecklistItem[]; answers: Answers; score: number | null; grade: string | null; complete: boolean }[] =
    [
      {
        name: 'all pass',
        items: [check('a', 10), check('b', 10)],
        answers: { a: PASS, b: PASS },
        score: 1000,
        grade: 'excellent',
        complete: true,
      },
      {
        name: 'one fail of two equal items',
        items: [check('a', 10), check('b', 10)],
        answers: { a: PASS, b: FAIL },
        score: 500,
        grade: 'fail',
        complete: true,
      },
      {
        name: 'N/A leaves numerator and denominator',
        items: [check('a', 10), check('b', 30)],
        answers: { a: PASS, b: NA },
        score: 1000,
        grade: 'excellent',
        complete: true,
      },
      {
        name: 'N/A with a fail',
        items: [check('a', 10), check('b', 30), check('c', 10)],
        answers: { a: PASS, b: NA, c: FAIL },
        score: 500,
        grade: 'fail',
        complete: true,
      },
      {
        name: 'deductions per finding',
        items: [deduct('a', 10, 2), check('b', 10)],
        answers: { a: F(3), b: PASS },
        score: 700,
        grade: 'fail',
        complete: true,
      },
      {
        name: 'deductions are capped at the item points',
        items: [deduct('a', 5, 2), check('b', 15)],
        answers: { a: F(10), b: PASS },
        score: 750,
        grade: 'fail',
        complete: true,
      },
      {
        name: 'zero findings earn full points',
        items: [deduct('a', 5, 1)],
        answers: { a: F(0) },
        score: 1000,
        grade: 'excellent',
        complete: true,
      },
      {
        name: 'half points',
        items: [deduct('a', 2.5, 0.5), check('b', 7.5)],
        answers: { a: F(1), b: PASS },
        score: 950,
        grade: 'excellent',
        complete: true,
      },
      {
        name: 'exactly 80 is 合格',
        items: [check('a', 80), check('b', 20)],
        answers: { a: PASS, b: FAIL },
        score: 800,
        grade: 'pass',
        complete: true,
      },
      {
        name: 'exactly 90 is 优秀',
        items: [check('a', 90), check('b', 10)],
        answers: { a: PASS, b: FAIL },
        score: 900,
        grade: 'excellent',
        complete: true,
      },
      {
        name: '79.95 shows as 80.0 and is 合格 (grade follows the shown score)',
        items: [check('a', 1599), check('b', 401)],
        answers: { a: PASS, b: FAIL },
        score: 800,
        grade: 'pass',
        complete: true,
      },
      {
        name: '79.94 shows as 79.9 and is 不合格',
        items: [deduct('a', 5000, 0.1)],
        answers: { a: F(10030) },
        score: 799,
        grade: 'fail',
        complete: true,
      },
      {
        name: 'failed veto forces 不合格 at a high score',
        items: [check('a', 99), check('v', 1, true)],
        answers: { a: PASS, v: FAIL },
        score: 990,
        grade: 'fail',
        complete: true,
      },
      {
        name: 'veto passed does not matter',
        items: [check('a', 10), check('v', 1, true)],
        answers: { a: PASS, v: PASS },
        score: 1000,
        grade: 'excellent',
        complete: true,
      },
      {
        name: 'veto deduct item with a finding',
        items: [deduct('v', 10, 1, true), check('a', 90)],
        answers: { v: F(1), a: PASS },
        score: 990,
        grade: 'fail',
        complete: true,
      },
      {
        name: 'unanswered items are left out and block completion',
        items: [check('a', 10), check('b', 10)],
        answers: { a: PASS },
        score: 1000,
        grade: 'excellent',
        complete: false,
      },
      { name: 'nothing answered', items: [check('a', 10)], answers: {}, score: null, grade: null, complete: false },
      {
        name: 'everything N/A cannot be finalised',
        items: [check('a', 10), deduct('b', 5, 1)],
        answers: { a: NA, b: NA },
        score: null,
        grade: null,
        complete: false,
      },
      {
        name: 'a wrong-kind answer counts as unanswered',
        items: [check('a', 10), check('b', 10)],
        answers: { a: PASS, b: F(2) },
        score: 1000,
        grade: 'excellent',
        complete: false,
      },
      {
        name: 'negative or fractional findings are invalid',
        items: [deduct('a', 10, 1), check('b', 10)],
        answers: { a: F(-1), b: PASS },
        score: 1000,
        grade: 'excellent',
        complete: false,
      },
      {
        name: 'rounding 2/3',
        items: [check('a', 2), check('b', 1)],
        answers: { a: PASS, b: FAIL },
        score: 667,
        grade: 'fail',
        complete: true,
      },
    ];
  for (const c of cases) {
    it(c.name, () => {
      const r = scoreInspection(one(c.items), c.answers);
      expect(r.score).toBe(c.score);
      expect(r.grade).toBe(c.grade);
      expect(r.complete).toBe(c.complete);
      expect(r.needsRectification).toBe(c.grade === 'fail');
    });
  }

  it('lists unanswered items with their section', () => {
    const t = template([
      { id: 's1', title: '一', items: [check('a', 1), check('b', 1)] },
      { id: 's2', title: '二', items: [check('c', 1)] },
    ]);
    expect(scoreInspection(t, { b: PASS }).unanswered).toEqual([
      { sectionId: 's1', itemId: 'a' },
      { sectionId: 's2', itemId: 'c' },
    ]);
  });

  it('ignores survey rating items', () => {
    const r = scoreInspection(one([check('a', 10), { id: 'r', kind: 'rating', text: '满意吗' }]), { a: PASS });
    expect(r.items.map((i) => i.itemId)).toEqual(['a']);
    expect(r.complete).toBe(true);
  });
});

describe('section weights', () => {
  const t = template([
    { id: 's1', title: '一', weight: 3, items: [check('a', 10), check('b', 10)] },
    { id: 's2', title: '二', weight: 1, items: [check('c', 50)] },
  ]);
  it('averages section percentages by weight', () => {
    // s1 = 50 %, s2 = 100 % → (3×50 + 1×100) / 4 = 62.5
    const r = scoreInspection(t, { a: PASS, b: FAIL, c: PASS });
    expect(r.weighted).toBe(true);
    expect(r.score).toBe(625);
    expect(r.sections.map((s) => s.score)).toEqual([500, 1000]);
  });
  it('renormalises over sections with applicable items', () => {
    const r = scoreInspection(t, { a: PASS, b: FAIL, c: NA });
    expect(r.score).toBe(500);
  });
  it('a missing weight counts as 1', () => {
    const t2 = template([
      { id: 's1', title: '一', weight: 2, items: [check('a', 10)] },
      { id: 's2', title: '二', items: [check('c', 10)] },
    ]);
    expect(scoreInspection(t2, { a: FAIL, c: PASS }).score).toBe(333);
  });
  it('without weights, points are pooled', () => {
    const t3 = template([
      { id: 's1', title: '一', items: [check('a', 10), check('b', 10)] },
      { id: 's2', title: '二', items: [check('c', 50)] },
    ]);
    expect(scoreInspection(t3, { a: PASS, b: FAIL, c: PASS }).score).toBe(857); // 60/70
  });
});

describe('score trace', () => {
  const t = one([check('a', 10), deduct('b', 5, 2), deduct('c', 10, 1.5), check('v', 0.5, true), check('d', 5)]);
  const r = scoreInspection(t, { a: FAIL, b: F(4), c: F(2), v: FAIL, d: PASS });
  it('explains every lost point and the veto', () => {
    const lines = scoreTrace(t, r).map((l) => `${l.itemId}: ${l.text}`);
    expect(lines).toEqual([
      'a: 不符合，扣 10 分',
      'b: 发现 4 处，每处扣 2 分，共 8 分，超过本项分值，按上限扣 5 分',
      'c: 发现 2 处，每处扣 1.5 分，扣 3 分',
      'v: 否决项不符合，扣 0.5 分；本次检查直接判定为不合格',
    ]);
  });
  it('adds up to the points lost', () => {
    const lost = scoreTrace(t, r).reduce((s, l) => s + l.lost, 0);
    expect(lost).toBe(r.possible - r.earned);
  });
  it('summarises the result in one sentence', () => {
    expect(scoreSummary(r)).toBe(`得分 ${formatTenths(r.score!)}（不合格，否决项不符合，须整改）`);
    const ok = scoreInspection(one([check('a', 10)]), { a: PASS });
    expect(scoreSummary(ok)).toBe('得分 100.0（优秀）');
    expect(scoreSummary(scoreInspection(one([check('a', 10)]), { a: NA }))).toBe('暂无可计分的检查项');
  });
});

describe('gradeOf', () => {
  it('uses the template thresholds', () => {
    const strict = { excellent: 95, pass: 85.5 };
    expect(gradeOf(tenths(855), false, strict)).toBe('pass');
    expect(gradeOf(tenths(854), false, strict)).toBe('fail');
    expect(gradeOf(tenths(950), false, strict)).toBe('excellent');
    expect(gradeOf(null, true, strict)).toBe('fail');
    expect(gradeOf(null, false, strict)).toBeNull();
  });
});

// ---- properties ----
const itemArb: fc.Arbitrary<ChecklistItem> = fc.oneof(
  fc.record({ points: fc.integer({ min: 1, max: 200 }), veto: fc.boolean() }).map(({ points, veto }) => check('x', points / 10, veto)),
  fc
    .record({ points: fc.integer({ min: 1, max: 200 }), per: fc.integer({ min: 1, max: 50 }) })
    .map(({ points, per }) => deduct('x', points / 10, per / 10)),
);
const answerFor = (item: ChecklistItem): fc.Arbitrary<ItemAnswer | undefined> =>
  item.kind === 'check'
    ? fc.constantFrom<ItemAnswer | undefined>(PASS, FAIL, NA, undefined)
    : fc.oneof(fc.constant<ItemAnswer | undefined>(NA), fc.constant(undefined), fc.integer({ min: 0, max: 30 }).map(F));
const inspectionArb = fc
  .array(fc.tuple(itemArb, fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 30 })
  .chain((pairs) => {
    const items = pairs.map(([it], i) => ({ ...it, id: `i${i}` }) as ChecklistItem);
    const sections: ChecklistSection[] = [0, 1, 2, 3]
      .map((s) => ({ id: `s${s}`, title: `部分${s}`, items: items.filter((_, i) => pairs[i]![1] === s) }))
      .filter((s) => s.items.length > 0);
    return fc.tuple(fc.constant(template(sections)), fc.tuple(...items.map(answerFor)));
  })
  .map(([t, answers]) => {
    const all = t.sections.flatMap((s) => s.items);
    return { t, answers: Object.fromEntries(all.map((it, i) => [it.id, answers[i]]).filter(([, a]) => a)) as Answers };
  });

describe('scoring properties', () => {
  it('the score is always within [0, 100]', () => {
    fc.assert(
      fc.property(inspectionArb, ({ t, answers }) => {
        const r = scoreInspection(t, answers);
        if (r.score !== null) expect(r.score).toBeGreaterThanOrEqual(0);
        if (r.score !== null) expect(r.score).toBeLessThanOrEqual(1000);
        expect(r.earned).toBeLessThanOrEqual(r.possible);
      }),
    );
  });

  it('marking one more item N/A never changes the score computed over the others', () => {
    fc.assert(
      fc.property(inspectionArb, ({ t, answers }) => {
        const extra = { id: 'extra', kind: 'check', text: '额外', points: 7, standard: '', method: '', sop: 'x' } as ChecklistItem;
        const t2 = { ...t, sections: [...t.sections.slice(0, -1), { ...t.sections.at(-1)!, items: [...t.sections.at(-1)!.items, extra] }] };
        expect(scoreInspection(t2, { ...answers, extra: NA }).score).toBe(scoreInspection(t, answers).score);
      }),
    );
  });

  it('more findings never raise a score', () => {
    fc.assert(
      fc.property(inspectionArb, fc.integer({ min: 1, max: 10 }), ({ t, answers }, more) => {
        const before = scoreInspection(t, answers);
        const worse = Object.fromEntries(Object.entries(answers).map(([k, a]) => [k, a?.result === 'findings' ? F(a.findings + more) : a]));
        const after = scoreInspection(t, worse);
        if (before.score !== null) expect(after.score!).toBeLessThanOrEqual(before.score);
      }),
    );
  });

  it('turning a 符合 into 不符合 never raises the score or improves the grade', () => {
    const rank = { excellent: 2, pass: 1, fail: 0 } as const;
    fc.assert(
      fc.property(inspectionArb, ({ t, answers }) => {
        const before = scoreInspection(t, answers);
        const worse = Object.fromEntries(Object.entries(answers).map(([k, a]) => [k, a?.result === 'pass' ? FAIL : a]));
        const after = scoreInspection(t, worse);
        if (before.score !== null && after.score !== null) expect(after.score).toBeLessThanOrEqual(before.score);
        if (before.grade && after.grade) expect(rank[after.grade]).toBeLessThanOrEqual(rank[before.grade]);
      }),
    );
  });

  it('answer order and section split do not change an unweighted score', () => {
    fc.assert(
      fc.property(inspectionArb, ({ t, answers }) => {
        const flat = template([{ id: 'all', title: '全部', items: t.sections.flatMap((s) => s.items).reverse() }]);
        expect(scoreInspection(flat, answers).score).toBe(scoreInspection(t, answers).score);
      }),
    );
  });

  it('the trace accounts for every lost point', () => {
    fc.assert(
      fc.property(inspectionArb, ({ t, answers }) => {
        const r = scoreInspection(t, answers);
        expect(scoreTrace(t, r).reduce((s, l) => s + l.lost, 0)).toBe(r.possible - r.earned);
      }),
    );
  });
});
