import { z } from './zod';
import { PART_IDS, POST_IDS } from '../domain/taxonomy';

/** Which source manual a page carries facts from. */
export const seedSchema = z.enum(['000', '001', '002', '003']);

const sourceSchema = z.object({
  /** Source manual: 000 物业线下化规定, 001 物业服务标准操作手册, 002 服务中心作业指导书, 003 保利物业「大客服」体系. */
  seed: seedSchema,
  /** Section of that manual, as it names it, e.g. "2.7.1 客服前台操作指引". */
  section: z.string().min(1),
});

/** One quiz question; answers are option indices (0-based) or a boolean for 判断题. */
export const quizQuestionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.enum(['single', 'phrasing']),
    q: z.string().min(1),
    options: z.array(z.string().min(1)).min(2),
    answer: z.array(z.number().int().min(0)).length(1),
    /** The handbook sentence that gives the answer, shown as feedback. */
    explain: z.string().min(1),
  }),
  z.object({
    type: z.literal('multiple'),
    q: z.string().min(1),
    options: z.array(z.string().min(1)).min(2),
    answer: z.array(z.number().int().min(0)).min(1),
    explain: z.string().min(1),
  }),
  z.object({
    type: z.literal('truefalse'),
    q: z.string().min(1),
    answer: z.boolean(),
    explain: z.string().min(1),
  }),
]);

export const handbookSchema = z
  .object({
    /** Page title, short and specific (shown in navigation and search). */
    title: z.string().min(2).max(40),
    /** One or two sentences: what this page tells the reader. */
    summary: z.string().min(10).max(200),
    /** Part (篇) the page belongs to. */
    part: z.enum(PART_IDS),
    /** Position inside its part; also orders learning paths. */
    order: z.number().int().min(0),
    /** Posts the page applies to, or "all" for every post. */
    posts: z.union([z.literal('all'), z.array(z.enum(POST_IDS)).min(1)]),
    /** Marks the page as the main operating guide of this post (one per post; at least 5 quiz questions). */
    guideFor: z.enum(POST_IDS).optional(),
    /** "source": facts from the company manuals; "derived": written from other sources and practice. */
    basis: z.enum(['source', 'derived']),
    /** Sections of the source manuals this page carries. */
    sources: z.array(sourceSchema).min(1),
    /** Last substantive change (YYYY-MM-DD). */
    updated: z.coerce.date(),
    /** Extra search words that readers use but the text may not (synonyms). */
    keywords: z.array(z.string()).default([]),
    /** Self-check questions for training. */
    quiz: z.array(quizQuestionSchema).default([]),
  })
  .superRefine((page, ctx) => {
    page.quiz.forEach((question, i) => {
      if (question.type === 'truefalse') return;
      for (const a of question.answer) {
        if (a >= question.options.length) {
          ctx.addIssue({
            code: 'custom',
            path: ['quiz', i, 'answer'],
            message: `答案序号 ${a} 超出选项范围（共 ${question.options.length} 个选项）`,
          });
        }
      }
    });
  });

export type HandbookFrontmatter = z.output<typeof handbookSchema>;
export type QuizQuestion = z.output<typeof quizQuestionSchema>;
