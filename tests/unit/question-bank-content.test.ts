// Content test for the question bank as a whole: answers must not be guessable from the form
// of a question (true/false balance, option lengths), questions are not repeated across pages,
// company trivia is not asked, and every post is asked its configurable values. Figures are
// printed so reports can quote them. (Kept as its own file: tests/unit/quiz-bank.test.ts is the
// unit test of src/domain/quiz-bank.ts.)
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { quizQuestionSchema } from '../../src/schemas/handbook';
import { POST_IDS } from '../../src/domain/taxonomy';
import { resolveQuiz, type QuizParam, type ResolvedQuizQuestion } from '../../src/domain/quiz-params';

const ROOT = 'content/handbook';
const params = parseYaml(readFileSync('content/params.yaml', 'utf8')) as Record<string, { value: string | number; unit?: string }>;
const paramValues: Record<string, QuizParam> = Object.fromEntries(
  Object.entries(params).map(([k, p]) => [k, { value: p.value, unit: p.unit ?? '' }]),
);

interface Page {
  id: string;
  posts: 'all' | string[];
  guideFor?: string;
  quiz: ResolvedQuizQuestion[];
}

const pages: Page[] = readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.mdx'))
  .sort()
  .map((file) => {
    const fm = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(readFileSync(path.join(ROOT, file), 'utf8'))![1]!) as {
      posts: 'all' | string[];
      guideFor?: string;
      quiz?: unknown[];
    };
    const quiz = (fm.quiz ?? []).map((q) => quizQuestionSchema.parse(q));
    return { id: file.replace(/\.mdx$/, ''), posts: fm.posts, guideFor: fm.guideFor, quiz: resolveQuiz(quiz, paramValues, file) };
  });
const all = pages.flatMap((p) => p.quiz.map((q) => ({ ...q, page: p.id })));
type BankQuestion = (typeof all)[number];
type OfType<T extends BankQuestion['type']> = Extract<BankQuestion, { type: T }>;

/** The bank's figures, measured on the resolved texts (what the learner sees). */
const tf = all.filter((q): q is OfType<'truefalse'> => q.type === 'truefalse');
const trueShare = tf.filter((q) => q.answer).length / tf.length;
const single = all.filter((q): q is OfType<'single' | 'phrasing'> => q.type === 'single' || q.type === 'phrasing');
const uniquelyLongest = single.filter((q) => {
  const lengths = q.options.map((o) => [...o].length);
  const max = Math.max(...lengths);
  return lengths.filter((l) => l === max).length === 1 && lengths[q.answer[0]!] === max;
});
const longestShare = uniquelyLongest.length / single.length;
const meanOptions = single.reduce((n, q) => n + q.options.length, 0) / single.length;
// Chance for the answer to be the uniquely longest is at most 1/(options); the margin allows for
// the many three-option questions where two near-equal lengths are common.
const LONGEST_MARGIN = 0.05;
const multiple = all.filter((q): q is OfType<'multiple'> => q.type === 'multiple');
const allOptionsRight = multiple.filter((q) => q.answer.length === q.options.length);

/** Same question: same words once punctuation, spaces and the values of parameters are ignored. */
function normalise(text: string): string {
  return text.replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase();
}

/** Posts a page is written for (pages for every post do not count as a post's own). */
const ownPages = (post: string) => pages.filter((p) => p.posts !== 'all' && p.posts.includes(post));
const MIN_PARAM_QUESTIONS = 2;

console.log(
  `question bank: ${all.length} questions on ${pages.length} pages; true/false ${tf.length}, true ${(trueShare * 100).toFixed(1)}%; ` +
    `single ${single.length}, answer uniquely longest ${uniquelyLongest.length} (${(longestShare * 100).toFixed(1)}%, limit ${((1 / meanOptions + LONGEST_MARGIN) * 100).toFixed(1)}% at ${meanOptions.toFixed(2)} options); ` +
    `multiple ${multiple.length}, all options right ${allOptionsRight.length}; with params ${all.filter((q) => q.params.length).length}`,
);

describe('question bank', () => {
  it(`true/false answers are balanced: ${(trueShare * 100).toFixed(1)}% of ${tf.length} are true (40–60%)`, () => {
    expect(trueShare).toBeGreaterThanOrEqual(0.4);
    expect(trueShare).toBeLessThanOrEqual(0.6);
  });

  it(`the right option is the uniquely longest in ${uniquelyLongest.length} of ${single.length} single-choice questions (${(longestShare * 100).toFixed(1)}%, chance ${((1 / meanOptions) * 100).toFixed(1)}%)`, () => {
    expect(longestShare).toBeLessThanOrEqual(1 / meanOptions + LONGEST_MARGIN);
  });

  it(`"all of the above" is not the rule for multiple choice: ${allOptionsRight.length} of ${multiple.length} have every option right (≤ 50%)`, () => {
    expect(allOptionsRight.length).toBeLessThanOrEqual(multiple.length / 2);
  });

  it('asks no question twice (same normalised text on two pages or one)', () => {
    const seen = new Map<string, string[]>();
    for (const q of all) seen.set(normalise(q.q), [...(seen.get(normalise(q.q)) ?? []), `${q.page}: ${q.q}`]);
    expect([...seen.values()].filter((v) => v.length > 1)).toEqual([]);
  });

  it('repeats no option within a question', () => {
    const bad = all.filter((q) => q.type !== 'truefalse' && new Set(q.options.map(normalise)).size !== q.options.length);
    expect(bad.map((q) => `${q.page}: ${q.q}`)).toEqual([]);
  });

  it('never presents the monthly phone revisit (an example in the sources) as a rule', () => {
    const bad = all.filter((q) => /每月/.test(q.q + (q.type === 'truefalse' ? '' : q.options.join())) && /电话/.test(q.q + q.explain));
    expect(bad.map((q) => `${q.page}: ${q.q}`)).toEqual([]);
  });

  it('asks no company trivia (founding year, rankings, how many cities)', () => {
    const trivia = /\d{4}\s*年|成立|创立|创建于|排名|第[一二三四五六七八九十\d]+名|几个城市|多少个城市/;
    const text = (q: BankQuestion) => q.q + (q.type === 'truefalse' ? '' : q.options.join(' '));
    expect(all.filter((q) => trivia.test(text(q))).map((q) => `${q.page}: ${q.q}`)).toEqual([]);
  });

  for (const post of POST_IDS) {
    const asked = ownPages(post).flatMap((p) => p.quiz.filter((q) => q.params.length > 0));
    it(`${post} is asked its configurable values: ${asked.length} questions with params on its own pages (≥ ${MIN_PARAM_QUESTIONS})`, () => {
      expect(asked.length).toBeGreaterThanOrEqual(MIN_PARAM_QUESTIONS);
    });
  }

  it('every page has at least 3 questions and every post guide at least 5', () => {
    const short = pages.filter((p) => p.quiz.length < (p.guideFor ? 5 : 3)).map((p) => `${p.id}: ${p.quiz.length}`);
    expect(short).toEqual([]);
  });
});
