import { z } from './zod';

/**
 * One group of content/search-synonyms.yaml: words readers and the handbook use for one thing
 * (keyed by the group's name). The first word is preferably the handbook's own.
 */
export const synonymGroupSchema = z.object({
  /** At least two distinct words; spaces inside a word are ignored when matching. */
  terms: z
    .array(z.string().trim().min(1, '同义词不能为空'))
    .min(2, '每组至少两个词')
    .refine((terms) => new Set(terms).size === terms.length, '同一组里有重复的词'),
});

export type SynonymGroupData = z.output<typeof synonymGroupSchema>;

/** Reads the YAML map (组名: [词, …]) into collection entries. */
export function parseSynonymFile(parsed: unknown): { id: string; terms: unknown }[] {
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('content/search-synonyms.yaml 应当是“组名: [词, 词, …]”的映射');
  }
  return Object.entries(parsed as Record<string, unknown>).map(([id, terms]) => ({ id, terms }));
}
