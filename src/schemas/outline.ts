import { z } from './zod';

/** One section named by a source manual (content/source-outline.yaml). */
export const outlineEntrySchema = z.object({
  /** Source manual: 000, 001, 002 or 003. */
  seed: z.enum(['000', '001', '002', '003']),
  /** The section number or name a page's `sources[].section` starts with. */
  key: z.string().min(1),
  /** Heading as the source names it. */
  title: z.string().min(1),
  /** full: text in the source; part: text stops inside; toc: only named in a table of contents. */
  status: z.enum(['full', 'part', 'toc']),
  /** Where the section lives if not in a handbook page. */
  deferred: z.string().optional(),
});

export type OutlineEntrySchema = z.output<typeof outlineEntrySchema>;
