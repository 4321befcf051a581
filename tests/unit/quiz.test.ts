import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { QuizQuestion } from '../../src/schemas/handbook';
import { gradeQuiz, isCorrect, presentQuiz } from '../../src/domain/quiz';

const qs: QuizQuestion[] = [
  { type: 'single', q: '受理后多久通知？', options: ['五分钟内', '十分钟内', '当天'], answer: [0], explain: '五分钟内' },
  { type: 'multiple', q: '复述哪些？', options: ['内容', '时间', '地点', '单位'], answer: [0, 1, 2], explain: '内容时间地点' },
  { type: 'truefalse', q: '可以私下接单。', answer: false, explain: '不可以' },
  { type: 'phrasing', q: '哪种说法合适？', options: ['不知道', '我帮您了解一下'], answer: [1], explain: '我帮您了解一下' },
  { type: 'single', q: '第五题', options: ['甲', '乙'], answer: [1], explain: '乙' },
];

describe('isCorrect', () => {
  it('single and phrasing need the one right option', () => {
    expect(isCorrect(qs[0]!, [0])).toBe(true);
    expect(isCorrect(qs[0]!, [1])).toBe(false);
    expect(isCorrect(qs[3]!, [1])).toBe(true);
  });
  it('multiple choice is all or nothing, order and repeats do not matter', () => {
    expect(isCorrect(qs[1]!, [2, 0, 1])).toBe(true);
    expect(isCorrect(qs[1]!, [0, 1, 1, 2])).toBe(true);
    expect(isCorrect(qs[1]!, [0, 1])).toBe(false);
    expect(isCorrect(qs[1]!, [0, 1, 2, 3])).toBe(false);
  });
  it('true/false compares the boolean; a wrong kind of answer is wrong', () => {
    expect(isCorrect(qs[2]!, false)).toBe(true);
    expect(isCorrect(qs[2]!, true)).toBe(false);
    expect(isCorrect(qs[0]!, true)).toBe(false);
    expect(isCorrect(qs[2]!, [0])).toBe(false);
    expect(isCorrect(qs[0]!, undefined)).toBe(false);
  });
});

describe('gradeQuiz', () => {
  it('scores in tenths against the pass mark', () => {
    const all = gradeQuiz(qs, [[0], [0, 1, 2], false, [1], [1]], 80);
    expect(all).toMatchObject({ correct: 5, total: 5, score: 1000, passed: true });
    const four = gradeQuiz(qs, [[0], [0, 1, 2], false, [1], [0]], 80);
    expect(four).toMatchObject({ correct: 4, score: 800, passed: true, perQuestion: [true, true, true, true, false] });
    const three = gradeQuiz(qs, [[0], [0, 1], false, [1], [0]], 80);
    expect(three).toMatchObject({ correct: 3, score: 600, passed: false });
    expect(gradeQuiz(qs.slice(0, 3), [[0], [0, 1, 2], true], 80).score).toBe(667); // 2/3 → 66.7
    expect(gradeQuiz([], [], 80)).toMatchObject({ total: 0, passed: false });
  });
});

describe('presentQuiz', () => {
  it('is a deterministic permutation of questions and options for a seed', () => {
    expect(presentQuiz(qs, 7)).toEqual(presentQuiz(qs, 7));
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const p = presentQuiz(qs, seed);
        expect(p.map((x) => x.question).sort()).toEqual([0, 1, 2, 3, 4]);
        for (const x of p) {
          const q = qs[x.question]!;
          expect([...x.options].sort()).toEqual(q.type === 'truefalse' ? [] : q.options.map((_, i) => i));
        }
      }),
    );
  });
  it('shuffles (different seeds give different orders)', () => {
    const orders = new Set(
      Array.from({ length: 20 }, (_, s) =>
        presentQuiz(qs, s)
          .map((x) => x.question)
          .join(),
      ),
    );
    expect(orders.size).toBeGreaterThan(5);
  });
});
