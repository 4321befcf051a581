// A post's question bank from the one shared bank of every page's quiz (issue 18: each quiz page
// used to embed its path's questions, 0.7 MB over eleven posts with shared pages repeated; now it
// embeds only its path and reads the questions from /training/quiz-bank.json, precached once).
import type { ResolvedQuizQuestion } from './quiz-params';

/** Every page's resolved questions by page id, as /training/quiz-bank.json holds them. */
export type SharedBank = Record<string, { title: string; quiz: ResolvedQuizQuestion[] }>;

/** One page of a post's learning path, as the quiz page embeds it. */
export interface PathEntry {
  id: string;
  specific: boolean;
  guide: boolean;
  optional: boolean;
}

export type BankQuestion = ResolvedQuizQuestion & {
  key: string;
  pageId: string;
  pageTitle: string;
  specific: boolean;
  guide: boolean;
  optional: boolean;
};

/** The path's questions in path order, keyed `<page>#<index>`; pages without a quiz add none. */
export function pathBank(path: readonly PathEntry[], bank: SharedBank): BankQuestion[] {
  return path.flatMap((item) => {
    const page = bank[item.id];
    if (!page) return [];
    return page.quiz.map((q, i) => ({
      ...q,
      key: `${item.id}#${i}`,
      pageId: item.id,
      pageTitle: page.title,
      specific: item.specific,
      guide: item.guide,
      optional: item.optional,
    }));
  });
}
