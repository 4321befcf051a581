import { describe, expect, it } from 'vitest';
import { toSearchDoc, vocabularyOf } from '../../src/domain/search-doc';
import { sentences } from '../../src/domain/search-answer';
import { fragment } from './search-fixtures';

describe('toSearchDoc', () => {
  const f = fragment('/p/', '垃圾分类收集与清运', '每日定时收集。', '## 分类收集\n设置收集点。\n## 清运\n密闭运输。', {
    岗位: ['清洁保洁'],
    篇章: ['环境服务'],
  });
  f.meta.keywords = '关键词：垃圾、清运、垃圾站';
  const d = toSearchDoc(f);
  it('splits the text into sections at the headings', () => {
    expect(d.sections.map((s) => [s.id, s.heading])).toEqual([
      [undefined, '垃圾分类收集与清运'],
      ['分类收集', '分类收集'],
      ['清运', '清运'],
    ]);
    expect(d.sections[2]!.text).toBe('清运。 密闭运输。');
  });
  it('reads title, summary, keywords and filters', () => {
    expect([d.title, d.summary, d.keywords, d.posts, d.parts]).toEqual([
      '垃圾分类收集与清运',
      '每日定时收集。',
      ['垃圾', '清运', '垃圾站'],
      ['清洁保洁'],
      ['环境服务'],
    ]);
  });
  it('unescapes the text Pagefind escaped', () => {
    const g = fragment('/q/', 'T', '摘要文字。', '温度 &lt; 5 度时防冻。');
    expect(toSearchDoc(g).sections[0]!.text).toContain('温度 < 5 度');
  });
  it('gives the handbook vocabulary from keywords and headings', () => {
    const h = toSearchDoc(fragment('/r/', 'T', '摘要文字。', '## 一、消防报警\n内容。\n## 保养计划：三分四定\n内容。'));
    expect(vocabularyOf([d, h])).toEqual(expect.arrayContaining(['垃圾站', '消防报警', '保养计划', '三分四定']));
  });
});

describe('sentences', () => {
  it('splits at Chinese sentence ends and keeps the punctuation', () => {
    expect(sentences('先报告。再疏散；最后总结！')).toEqual(['先报告。', '再疏散；', '最后总结！']);
  });
});
