// Which characters of a document the report font cannot draw. A PDF must never show a silent □
// (or a blank) where a name was: the maker names the characters and stops before signing.

/** Distinct characters of `texts` the font lacks, in order of first appearance. Whitespace never
 * counts: it is drawn as a space whatever the font holds. */
export function unprintableChars(texts: Iterable<string>, has: (codePoint: number) => boolean): string[] {
  const missing = new Set<string>();
  for (const text of texts) for (const c of text) if (!/\s/u.test(c) && !has(c.codePointAt(0)!)) missing.add(c);
  return [...missing];
}

/** 「X」「Y」无法打印… in the words the maker shows. */
export function unprintableMessage(chars: readonly string[], opts: { fullFontMissing?: boolean } = {}): string {
  const shown = chars
    .slice(0, 10)
    .map((c) => `「${c}」`)
    .join('');
  const more = chars.length > 10 ? `等 ${chars.length} 个字` : '';
  const it = chars.length > 1 ? '这些字' : '这个字';
  // Offline before the rare part of the font was ever fetched: the character may well be in it.
  if (opts.fullFontMissing)
    return `${shown}${more}无法打印：本机还没有完整字库，${it}可能是生僻字，需要联网一次下载完整字库。请联网后重新生成；如仍无法打印，请改用常用字或拼音。本次没有生成或签名。`;
  return `${shown}${more}无法打印：报告字体中没有${it}。请把含有它的内容改用常用字或拼音后再生成；本次没有生成或签名。`;
}

export class UnprintableTextError extends Error {
  readonly chars: readonly string[];
  readonly fullFontMissing: boolean;
  constructor(chars: readonly string[], opts: { fullFontMissing?: boolean } = {}) {
    super(unprintableMessage(chars, opts));
    this.fullFontMissing = opts.fullFontMissing ?? false;
    this.name = 'UnprintableTextError';
    this.chars = chars;
  }
}
