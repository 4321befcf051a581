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
  it('without the full font, says the characters may be rare and asks to go online once', () => {
    const e = new UnprintableTextError(['龢'], { fullFontMissing: true });
    expect(e.fullFontMissing).toBe(true);
    expect(e.message).toMatch(/^「龢」无法打印：本机还没有完整字库，这个字可能是生僻字，需要联网一次下载完整字库。/);
    expect(e.message).toContain('本次没有生成或签名');
    expect(new UnprintableTextError(['𠀀']).fullFontMissing).toBe(false);
    expect(new UnprintableTextError(['𠀀']).message).not.toContain('完整字库');
  });
});
