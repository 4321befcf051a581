// A post's bank is its path over the shared bank: path order, keys `<page>#<index>`, the path's
// flags on every question, pages without a quiz adding nothing.
import { describe, expect, it } from 'vitest';
import { pathBank, type SharedBank } from '../../src/domain/quiz-bank';

const q = (text: string) => ({ type: 'truefalse' as const, q: text, answer: true, params: [] });
const shared: SharedBank = {
  'a/one': { title: '第一篇', quiz: [q('甲'), q('乙')] },
  'b/two': { title: '第二篇', quiz: [q('丙')] },
} as unknown as SharedBank;

describe('pathBank', () => {
  it('follows the path, keys each question and carries the path flags', () => {
    const bank = pathBank(
      [
        { id: 'b/two', specific: true, guide: true, optional: false },
        { id: 'c/none', specific: false, guide: false, optional: false },
        { id: 'a/one', specific: false, guide: false, optional: true },
      ],
      shared,
    );
    expect(bank.map((b) => [b.key, b.q, b.pageTitle, b.specific, b.guide, b.optional])).toEqual([
      ['b/two#0', '丙', '第二篇', true, true, false],
      ['a/one#0', '甲', '第一篇', false, false, true],
      ['a/one#1', '乙', '第一篇', false, false, true],
    ]);
  });

  it('an empty path has no questions', () => {
    expect(pathBank([], shared)).toEqual([]);
  });
});
