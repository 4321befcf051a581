/**
 * Turns what a reader types into what the index can match. Pagefind requires every word of
 * the query to appear on a page, so question words that no procedure contains ("怎么", "多久")
 * would make "投诉怎么处理" or "录像保存多久" find nothing. We drop them, keeping the content words.
 */
const QUESTION_WORDS = [
  '怎么办',
  '怎么样',
  '怎么',
  '怎样',
  '如何',
  '为什么',
  '什么',
  '多久',
  '多长时间',
  '多少',
  '几天',
  '几个',
  '哪些',
  '哪里',
  '哪个',
  '是否',
  '可不可以',
  '可以吗',
  '能不能',
  '要不要',
  '需要',
  '应该',
  '请问',
  '吗',
  '呢',
  '吧',
  '？',
  '?',
];
// Longest first, so "怎么办" is removed before "怎么".
const PATTERN = new RegExp(
  [...QUESTION_WORDS]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[?]/g, '\\?'))
    .join('|'),
  'g',
);

export function normalizeQuery(input: string): string {
  const trimmed = input.trim().replace(/\s+/g, ' ');
  const stripped = trimmed.replace(PATTERN, ' ').replace(/\s+/g, ' ').trim();
  // A query made only of question words keeps its original text rather than becoming empty.
  return stripped || trimmed;
}
