/**
 * Satisfaction surveys (满意度调查): five-step ratings, 5 = 非常满意 … 1 = 非常不满意.
 * Satisfaction rate = (非常满意 + 满意) / answered, excluding 不适用 and unanswered questions.
 * Rate and mean are kept in tenths and rounded half-up once, in integer arithmetic.
 */
import type { Answers, ChecklistTemplate } from './checklist';
import { divRoundHalfUp, tenths, type Tenths } from './tenths';

export const RATING_NAMES = { 5: '非常满意', 4: '满意', 3: '一般', 2: '不满意', 1: '非常不满意' } as const;
export type Rating = keyof typeof RATING_NAMES;

export interface RatingTally {
  /** counts[r] = number of answers with rating r (index 0 unused). */
  counts: [0, number, number, number, number, number];
  answered: number;
  satisfied: number;
  /** Percent in tenths (925 = 92.5 %), null when nothing was answered. */
  rate: Tenths | null;
  /** Mean rating in tenths (43 = 4.3), null when nothing was answered. */
  mean: Tenths | null;
}

export function tally(ratings: readonly number[]): RatingTally {
  const counts: RatingTally['counts'] = [0, 0, 0, 0, 0, 0];
  for (const r of ratings) {
    if (!Number.isInteger(r) || r < 1 || r > 5) throw new RangeError(`评分只能是 1–5，收到 ${r}`);
    counts[r as Rating]++;
  }
  const answered = ratings.length;
  const satisfied = counts[4] + counts[5];
  const total = ratings.reduce((a, b) => a + b, 0);
  return {
    counts,
    answered,
    satisfied,
    rate: answered ? tenths(Number(divRoundHalfUp(1000n * BigInt(satisfied), BigInt(answered)))) : null,
    mean: answered ? tenths(Number(divRoundHalfUp(10n * BigInt(total), BigInt(answered)))) : null,
  };
}

export interface SurveyResult {
  overall: RatingTally;
  questions: { itemId: string; text: string; tally: RatingTally }[];
  unanswered: string[];
  complete: boolean;
}

export function scoreSurvey(template: ChecklistTemplate, answers: Answers): SurveyResult {
  const questions: SurveyResult['questions'] = [];
  const unanswered: string[] = [];
  const all: number[] = [];
  for (const section of template.sections) {
    for (const item of section.items) {
      if (item.kind !== 'rating') continue;
      const a = answers[item.id];
      const ratings: number[] = [];
      const valid = a?.result === 'na' || (a?.result === 'rating' && Number.isInteger(a.rating) && a.rating >= 1 && a.rating <= 5);
      if (!valid) unanswered.push(item.id);
      else if (a.result === 'rating') ratings.push(a.rating);
      all.push(...ratings);
      questions.push({ itemId: item.id, text: item.text, tally: tally(ratings) });
    }
  }
  return { overall: tally(all), questions, unanswered, complete: unanswered.length === 0 };
}
