import { z } from './zod';
import { POST_IDS } from '../domain/taxonomy';

/** One page on a learning path and the reason it is there (shown to the learner). */
export const pathItemSchema = z.object({
  /** Handbook page id, "<part>/<slug>". */
  id: z.string().regex(/^[a-z-]+\/[a-z0-9-]+$/, '页面 id 应为“篇/文件名”，如 environment/cleaning-guide'),
  /** Why the learner studies this page, in one short Chinese sentence. */
  why: z.string().min(4),
});

/** content/training-paths.yaml: the order of every post's learning path. */
export const trainingPathsSchema = z.object({
  /** Posts whose paths include the supervisor-only pages. */
  supervisorPosts: z.array(z.enum(POST_IDS)).min(1),
  /** Pages studied only on supervisor posts (scoring, appraisal, statistics). */
  supervisorOnly: z.array(pathItemSchema),
  /** Codes every employee follows (conduct, 服务忌语…), required on every path after the procedures. */
  codes: z.array(pathItemSchema).min(1),
  /** Company background, last on every path and optional. */
  background: z.array(pathItemSchema),
  /** Each post's guide and procedures, in the order the job needs them. */
  posts: z.partialRecord(z.enum(POST_IDS), z.array(pathItemSchema).min(1)),
});

export type PathItemConfig = z.output<typeof pathItemSchema>;
export type TrainingPathsConfig = z.output<typeof trainingPathsSchema>;
