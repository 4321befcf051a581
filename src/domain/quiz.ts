/**
 * Quizzes for training (培训考核): presentation order, grading and the pass mark.
 * Questions and options are shuffled per attempt with a seeded generator, so an attempt can be
 * shown again exactly as it was; answers are always recorded against the original option indices.
 */
import type { QuizQuestion } from '../schemas/handbook';
import { divRoundHalfUp, tenths, type Tenths } from './tenths';
import { seededRandom } from './random';

export type Answer = number[] | boolean;

export interface PresentedQuestion {
  /** Index in the page's (or post's) question list. */
  question: number;
  /** Display position → original option index (empty for true/false). */
  options: number[];
}

function shuffled<T>(xs: readonly T[], next: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

export function presentQuiz(questions: readonly QuizQuestion[], seed: number): PresentedQuestion[] {
  const next = seededRandom(seed);
  return shuffled(
    questions.map((_, i) => i),
    next,
  ).map((q) => {
    const question = questions[q]!;
    return {
      question: q,
      options:
        question.type === 'truefalse'
          ? []
          : shuffled(
              question.options.map((_, i) => i),
              next,
            ),
    };
  });
}

export function isCorrect(question: QuizQuestion, answer: Answer | undefined): boolean {
  if (answer === undefined) return false;
  if (question.type === 'truefalse') return answer === question.answer;
  if (typeof answer === 'boolean') return false;
  const want = [...question.answer].sort((a, b) => a - b);
  const got = [...new Set(answer)].sort((a, b) => a - b);
  // Multiple choice is all-or-nothing: every right option and no wrong one.
  return want.length === got.length && want.every((v, i) => v === got[i]);
}

export interface QuizResult {
  correct: number;
  total: number;
  /** Percent in tenths. */
  score: Tenths;
  passed: boolean;
  /** Per question (original order): right or not. */
  perQuestion: boolean[];
}

export function gradeQuiz(questions: readonly QuizQuestion[], answers: readonly (Answer | undefined)[], passScore: number): QuizResult {
  const perQuestion = questions.map((q, i) => isCorrect(q, answers[i]));
  const correct = perQuestion.filter(Boolean).length;
  const total = questions.length;
  const score = total ? tenths(Number(divRoundHalfUp(1000n * BigInt(correct), BigInt(total)))) : tenths(0);
  return { correct, total, score, passed: total > 0 && score >= passScore * 10, perQuestion };
}
