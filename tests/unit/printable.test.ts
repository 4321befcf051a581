import { describe, expect, it } from 'vitest';
import { UnprintableTextError, unprintableChars, unprintableMessage } from '../../src/domain/printable';

const font = new Set([...'张花园检查人'].map((c) => c.codePointAt(0)!));
const has = (cp: number) => font.has(cp);

describe('unprintableChars', () => {
  it('is empty when the font holds every character', () => {
    expect(unprintableChars(['张花园', '检查人'], has)).toEqual([]);
  });
  it('names each missing character once, in order of first appearance, astral ones whole', () => {
    expect(unprintableChars(['张喆', '堃昇花园', '喆𠀀'], has)).toEqual(['喆', '堃', '昇', '𠀀']);
  });
  it('never counts whitespace, which is drawn as a space', () => {
    expect(unprintableChars(['张 花\u3000园\u00a0\t'], has)).toEqual([]);
  });
  it('counts invisible format characters, which would print as nothing', () => {
    expect(unprintableChars(['张\u200b花\u202e园'], has)).toEqual(['\u200b', '\u202e']);
  });
});

describe('unprintableMessage', () => {
  it('names the character in 「」', () => {
    expect(unprintableMessage(['𠀀'])).toMatch(/^「𠀀」无法打印：报告字体中没有这个字。/);
    expect(new UnprintableTextError(['喆', '堃']).message).toMatch(/^「喆」「堃」无法打印：报告字体中没有这些字。/);
  });
  it('shows ten and counts the rest', () => {
    const many = [...'一二三四五六七八九十百千'];
    expect(unprintableMessage(many)).toMatch(/^「一」.*「十」等 12 个字无法打印/);
  });
});
