/**
 * Configurable values in quiz questions: `{param:key}` in a question's text, options or
 * explanation is replaced by the value of content/params.yaml, written as checklists write it
 * ("2 小时"). The resolved question lists the keys it asks about, so an exam can tell which
 * questions test a configurable value.
 */
import type { QuizQuestion } from '../schemas/handbook';

/** A parameter as a quiz needs it: the value and its unit (may be empty). */
export interface QuizParam {
  value: string | number;
  unit: string;
}

/** A question ready for training: placeholders replaced; `params` = keys it references, in order of first use. */
export type ResolvedQuizQuestion = QuizQuestion & { params: string[] };

const PARAM = /\{param:([^}\s]*)\}/g;

/** The value as shown to the reader, same format as checklists and <Param>. */
export function formatParam(param: QuizParam): string {
  return `${param.value}${param.unit ? ` ${param.unit}` : ''}`;
}

/** Keys referenced by `{param:key}` in a text, in order of first appearance, without repeats. */
export function paramKeys(text: string): string[] {
  return [...new Set([...text.matchAll(PARAM)].map((m) => m[1]!))];
}

/**
 * Resolves one question. `where` names the page (its file) for the error; `index` is 0-based.
 * Throws a Chinese error naming the page, the question and the key when a key is not a parameter.
 */
export function resolveQuizQuestion(
  question: QuizQuestion,
  params: Readonly<Record<string, QuizParam>>,
  where: string,
  index: number,
): ResolvedQuizQuestion {
  const keys: string[] = [];
  const resolve = (text: string): string =>
    text.replace(PARAM, (_token, key: string) => {
      const param = Object.hasOwn(params, key) ? params[key] : undefined;
      if (!param) {
        throw new Error(
          `${where}：测验第 ${index + 1} 题（${question.q.slice(0, 30)}）中的 {param:${key}} 不是 content/params.yaml 中的参数。`,
        );
      }
      if (!keys.includes(key)) keys.push(key);
      return formatParam(param);
    });
  const q = resolve(question.q);
  const options = question.type === 'truefalse' ? undefined : question.options.map(resolve);
  const explain = resolve(question.explain);
  return question.type === 'truefalse'
    ? { ...question, q, explain, params: keys }
    : { ...question, q, options: options!, explain, params: keys };
}

/** Resolves a page's whole quiz (see resolveQuizQuestion). */
export function resolveQuiz(
  quiz: readonly QuizQuestion[],
  params: Readonly<Record<string, QuizParam>>,
  where: string,
): ResolvedQuizQuestion[] {
  return quiz.map((question, i) => resolveQuizQuestion(question, params, where, i));
}
