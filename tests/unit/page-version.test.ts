// A page's version decides who must re-read and re-sign (issue 13): it must move with what the
// page says and asks, and stay put when only the date is touched.
import { describe, expect, it } from 'vitest';
import { pageVersion } from '../../src/lib/page-version';

const page = {
  data: {
    title: '垃圾分类与清运',
    part: 'environment',
    posts: ['cleaning'],
    updated: new Date('2026-10-01'),
    quiz: [{ type: 'truefalse', q: '厨余垃圾可以和其他垃圾混装清运。', answer: false }],
  },
  body: '每日清运不少于两次，桶身保持清洁。',
};

describe('pageVersion', () => {
  it('is a short content hash, the same for the same content in any key order', () => {
    expect(pageVersion(page)).toMatch(/^[0-9a-f]{12}$/);
    const reordered = { body: page.body, data: Object.fromEntries(Object.entries(page.data).reverse()) as typeof page.data };
    expect(pageVersion(reordered)).toBe(pageVersion(page));
  });
  it('changes with the text, the quiz, the posts and the title', () => {
    const v = pageVersion(page);
    expect(pageVersion({ ...page, body: '每日清运不少于三次，桶身保持清洁。' })).not.toBe(v);
    expect(pageVersion({ ...page, data: { ...page.data, quiz: [{ ...page.data.quiz[0]!, answer: true }] } })).not.toBe(v);
    expect(pageVersion({ ...page, data: { ...page.data, posts: ['cleaning', 'greening'] } })).not.toBe(v);
    expect(pageVersion({ ...page, data: { ...page.data, title: '垃圾分类' } })).not.toBe(v);
  });
  it('does not change when only the date is updated (nobody is asked to re-sign for that)', () => {
    expect(pageVersion({ ...page, data: { ...page.data, updated: new Date('2026-11-30') } })).toBe(pageVersion(page));
  });
});
