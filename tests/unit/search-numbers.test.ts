import { describe, expect, it } from 'vitest';
import { chineseToNumber, normalizeNumbers, numberSpellings, numberToChinese } from '../../src/domain/search-numbers';

describe('Chinese numerals', () => {
  it.each([
    ['一', 1],
    ['两', 2],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['二十四', 24],
    ['一百二十', 120],
  ])('%s = %i', (s, n) => expect(chineseToNumber(s)).toBe(n));
  it('rejects what is not a numeral', () => expect(chineseToNumber('几')).toBeUndefined());
  it('spells 1–99 as the handbook does', () => {
    expect(numberToChinese(2)).toEqual(['二', '两']);
    expect(numberToChinese(30)).toEqual(['三十']);
    expect(numberToChinese(15)).toEqual(['十五']);
    expect(numberToChinese(100)).toEqual([]);
  });
});

describe('normalizeNumbers', () => {
  it.each([
    ['两小时内响应', '2小时内响应'],
    ['五分钟内通知', '5分钟内通知'],
    ['每日三次', '每日3次'],
    ['三个有效工作日', '3个有效工作日'],
    ['二十四小时', '24小时'],
    ['１８：００', '18:00'],
    ['30 分钟内', '30分钟内'],
  ])('%s → %s', (input, out) => expect(normalizeNumbers(input)).toBe(out));

  it('leaves numerals that are not quantities', () => {
    expect(normalizeNumbers('一起用')).toBe('一起用');
    expect(normalizeNumbers('第一步做什么')).toBe('第一步做什么');
    expect(normalizeNumbers('第四梯队')).toBe('第四梯队');
  });

  it('gives every spelling of a number term', () => {
    expect(numberSpellings('2小时')).toEqual(['2小时', '二小时', '两小时']);
    expect(numberSpellings('3次')).toEqual(['3次', '三次']);
    expect(numberSpellings('119')).toEqual(['119']);
    expect(numberSpellings('回访')).toEqual(['回访']);
  });
});
