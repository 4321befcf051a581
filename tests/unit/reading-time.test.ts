import { describe, expect, it } from 'vitest';
import { HANZI_PER_MINUTE, readingMinutes } from '../../src/domain/reading-time';

describe('readingMinutes', () => {
  it('is at least one minute', () => {
    expect(readingMinutes('')).toBe(1);
    expect(readingMinutes('您好')).toBe(1);
  });
  it('counts hanzi at the documented pace', () => {
    expect(readingMinutes('字'.repeat(HANZI_PER_MINUTE * 3))).toBe(3);
    expect(readingMinutes('字'.repeat(HANZI_PER_MINUTE * 10 + 10))).toBe(10);
  });
  it('counts Latin words and numbers separately from hanzi', () => {
    expect(readingMinutes('word '.repeat(400))).toBe(2);
    expect(readingMinutes('字'.repeat(HANZI_PER_MINUTE) + ' SOP PDCA 119'.repeat(100))).toBe(3);
  });
  it('ignores punctuation and spaces', () => {
    expect(readingMinutes('，。、；'.repeat(5000))).toBe(1);
  });
});
