import { describe, expect, it } from 'vitest';
import { handbookSchema } from '../../src/schemas/handbook';

const valid = {
  title: '预约服务的受理与跟踪',
  summary: '服务中心统一受理业主的预约服务需求并跟踪到完成。',
  part: 'customer-service',
  order: 40,
  posts: ['front-desk'],
  basis: 'source',
  sources: [{ seed: '002', section: '受理预约服务工作流程' }],
  updated: '2026-11-23',
};

function issues(data: unknown): string[] {
  const r = handbookSchema.safeParse(data);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
}

describe('handbook frontmatter schema', () => {
  it('accepts a complete page and fills defaults', () => {
    const r = handbookSchema.parse(valid);
    expect(r.keywords).toEqual([]);
    expect(r.quiz).toEqual([]);
    expect(r.updated).toBeInstanceOf(Date);
  });
  it('accepts "all" posts', () => expect(issues({ ...valid, posts: 'all' })).toEqual([]));
  it('names the missing or wrong field', () => {
    expect(issues({ ...valid, title: undefined })).toEqual(['title']);
    expect(issues({ ...valid, part: 'kitchen' })).toEqual(['part']);
    expect(issues({ ...valid, posts: ['cook'] })).toEqual(['posts']);
    expect(issues({ ...valid, posts: [] })).toEqual(['posts']);
    expect(issues({ ...valid, basis: 'guess' })).toEqual(['basis']);
    expect(issues({ ...valid, sources: [{ seed: '007', section: 'x' }] })).toEqual(['sources.0.seed']);
    expect(issues({ ...valid, updated: 'soon' })).toEqual(['updated']);
  });
  it('checks quiz answers against the options', () => {
    const quiz = (q: unknown) => issues({ ...valid, quiz: [q] });
    expect(quiz({ type: 'single', q: '题', options: ['甲', '乙'], answer: [1], explain: '依据' })).toEqual([]);
    expect(quiz({ type: 'single', q: '题', options: ['甲', '乙'], answer: [2], explain: '依据' })).toEqual(['quiz.0.answer']);
    expect(quiz({ type: 'single', q: '题', options: ['甲', '乙'], answer: [0, 1], explain: '依据' })).toEqual(['quiz.0.answer']);
    expect(quiz({ type: 'multiple', q: '题', options: ['甲', '乙'], answer: [0, 1], explain: '依据' })).toEqual([]);
    expect(quiz({ type: 'truefalse', q: '题', answer: true, explain: '依据' })).toEqual([]);
    expect(quiz({ type: 'truefalse', q: '题', answer: 1, explain: '依据' })).toEqual(['quiz.0.answer']);
    expect(quiz({ type: 'essay', q: '题', answer: 1, explain: '依据' })).toEqual(['quiz.0.type']);
  });
});
