import { describe, expect, it } from 'vitest';
import type { QuizQuestion } from '../../src/schemas/handbook';
import { formatParam, paramKeys, resolveQuiz, resolveQuizQuestion } from '../../src/domain/quiz-params';

const params = {
  'patrol.nightIntervalHours': { value: 1, unit: '小时' },
  'patrol.dayIntervalHours': { value: 2, unit: '小时' },
  'complaint.revisitWorkdays': { value: 3, unit: '个工作日' },
  'environment.quietHours': { value: '12:00–14:00', unit: '' },
};

describe('formatParam', () => {
  it('writes the value and the unit as checklists do', () => {
    expect(formatParam({ value: 2, unit: '小时' })).toBe('2 小时');
    expect(formatParam({ value: '12:00–14:00', unit: '' })).toBe('12:00–14:00');
  });
});

describe('paramKeys', () => {
  it('lists keys in order of first use, without repeats', () => {
    expect(
      paramKeys('白天 {param:patrol.dayIntervalHours}，夜间 {param:patrol.nightIntervalHours}，白天 {param:patrol.dayIntervalHours}'),
    ).toEqual(['patrol.dayIntervalHours', 'patrol.nightIntervalHours']);
    expect(paramKeys('没有参数')).toEqual([]);
  });
});

describe('resolveQuizQuestion', () => {
  it('resolves the text, every option and the explanation, and lists the keys', () => {
    const q: QuizQuestion = {
      type: 'single',
      q: '夜间巡逻间隔多久？（白天为 {param:patrol.dayIntervalHours}）',
      options: ['每 {param:patrol.nightIntervalHours}', '每 {param:patrol.dayIntervalHours}', '每 4 小时'],
      answer: [0],
      explain: '夜间每 {param:patrol.nightIntervalHours}巡逻一轮。',
    };
    const r = resolveQuizQuestion(q, params, 'security/patrol.mdx', 0);
    expect(r).toEqual({
      type: 'single',
      q: '夜间巡逻间隔多久？（白天为 2 小时）',
      options: ['每 1 小时', '每 2 小时', '每 4 小时'],
      answer: [0],
      explain: '夜间每 1 小时巡逻一轮。',
      params: ['patrol.dayIntervalHours', 'patrol.nightIntervalHours'],
    });
    // The source question is left as it was (entry data is shared by every route).
    expect(q.options[0]).toBe('每 {param:patrol.nightIntervalHours}');
  });

  it('resolves true/false questions, which have no options', () => {
    const r = resolveQuizQuestion(
      {
        type: 'truefalse',
        q: '投诉处理完毕后 {param:complaint.revisitWorkdays}内回访。',
        answer: true,
        explain: '{param:complaint.revisitWorkdays}内回访。',
      },
      params,
      'p.mdx',
      0,
    );
    expect(r).toEqual({
      type: 'truefalse',
      q: '投诉处理完毕后 3 个工作日内回访。',
      answer: true,
      explain: '3 个工作日内回访。',
      params: ['complaint.revisitWorkdays'],
    });
    expect('options' in r).toBe(false);
  });

  it('gives params: [] to a question without placeholders, unchanged otherwise', () => {
    const q: QuizQuestion = { type: 'multiple', q: '复述哪些？', options: ['内容', '时间'], answer: [0, 1], explain: '都要复述。' };
    expect(resolveQuizQuestion(q, params, 'p.mdx', 0)).toEqual({ ...q, params: [] });
  });

  it('counts a key used only in an option or only in the explanation', () => {
    const opt: QuizQuestion = {
      type: 'single',
      q: '多久回访？',
      options: ['{param:complaint.revisitWorkdays}内', '一个月内'],
      answer: [0],
      explain: '按规定回访。',
    };
    expect(resolveQuizQuestion(opt, params, 'p.mdx', 0).params).toEqual(['complaint.revisitWorkdays']);
    const exp: QuizQuestion = {
      type: 'truefalse',
      q: '午休时间禁止装修噪声。',
      answer: true,
      explain: '安静时段为 {param:environment.quietHours}。',
    };
    const r = resolveQuizQuestion(exp, params, 'p.mdx', 0);
    expect(r.params).toEqual(['environment.quietHours']);
    expect(r.explain).toBe('安静时段为 12:00–14:00。');
  });

  it('fails on an unknown key, naming the page, the question and the key', () => {
    const bad: QuizQuestion = { type: 'truefalse', q: '巡逻间隔为 {param:patrol.intervalHours}。', answer: true, explain: '见正文。' };
    expect(() => resolveQuizQuestion(bad, params, 'content/handbook/security/patrol.mdx', 2)).toThrow(
      /content\/handbook\/security\/patrol\.mdx.*第 3 题.*巡逻间隔为.*\{param:patrol\.intervalHours\}.*params\.yaml/,
    );
    const inOption: QuizQuestion = { type: 'single', q: '题', options: ['{param:nope}', '乙'], answer: [0], explain: '见正文。' };
    expect(() => resolveQuizQuestion(inOption, params, 'a.mdx', 0)).toThrow(/a\.mdx.*第 1 题.*\{param:nope\}/);
    // Inherited object keys are not parameters.
    const proto: QuizQuestion = { type: 'truefalse', q: '{param:toString}', answer: true, explain: '见正文。' };
    expect(() => resolveQuizQuestion(proto, params, 'a.mdx', 0)).toThrow(/\{param:toString\}/);
  });
});

describe('resolveQuiz', () => {
  it('resolves every question of a page and numbers errors by position', () => {
    const quiz: QuizQuestion[] = [
      { type: 'truefalse', q: '夜间每 {param:patrol.nightIntervalHours}一轮。', answer: true, explain: '见正文。' },
      { type: 'truefalse', q: '没有参数。', answer: false, explain: '见正文。' },
    ];
    expect(resolveQuiz(quiz, params, 'p.mdx').map((q) => [q.q, q.params])).toEqual([
      ['夜间每 1 小时一轮。', ['patrol.nightIntervalHours']],
      ['没有参数。', []],
    ]);
    expect(() => resolveQuiz([...quiz, { type: 'truefalse', q: '{param:x.y}', answer: true, explain: 'e' }], params, 'p.mdx')).toThrow(
      /第 3 题/,
    );
  });
});
