/**
 * Estimated reading time for Chinese text. Adults read Chinese at roughly
 * 300–500 characters a minute; procedures are studied, not skimmed, so we use 300.
 */
export const HANZI_PER_MINUTE = 300;
const LATIN_WORDS_PER_MINUTE = 200;

export function readingMinutes(text: string): number {
  const hanzi = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const words = (text.replace(/\p{Script=Han}/gu, ' ').match(/[A-Za-z0-9]+/g) ?? []).length;
  const minutes = hanzi / HANZI_PER_MINUTE + words / LATIN_WORDS_PER_MINUTE;
  return Math.max(1, Math.round(minutes));
}
