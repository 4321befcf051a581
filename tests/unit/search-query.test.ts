import { describe, expect, it } from 'vitest';
import { normalizeQuery } from '../../src/domain/search-query';

describe('normalizeQuery', () => {
  it.each([
    ['投诉怎么处理', '投诉 处理'],
    ['监控录像保存多久', '监控录像保存'],
    ['装修押金怎么办？', '装修押金'],
    ['请问 业户卡 如何办理', '业户卡 办理'],
    ['夜间巡逻多长时间一次', '夜间巡逻 一次'],
    ['回访', '回访'],
    ['  首问  负责 ', '首问 负责'],
    ['PDCA', 'PDCA'],
  ])('%s → %s', (input, out) => expect(normalizeQuery(input)).toBe(out));

  it('keeps a query made only of question words', () => {
    expect(normalizeQuery('怎么办')).toBe('怎么办');
  });
  it('returns empty for blank input', () => {
    expect(normalizeQuery('   ')).toBe('');
  });
});
