import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { parse as parseYaml } from 'yaml';
import { handbookSchema } from './schemas/handbook';
import { paramSchema } from './schemas/params';
import { outlineEntrySchema } from './schemas/outline';
import { checklistSchema } from './schemas/checklist';
import { parseSynonymFile, synonymGroupSchema } from './schemas/search-synonyms';

const handbook = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/handbook' }),
  schema: handbookSchema,
});

const params = defineCollection({
  loader: file('./content/params.yaml'),
  schema: paramSchema,
});

const outline = defineCollection({
  loader: file('./content/source-outline.yaml', {
    parser: (text) => (parseYaml(text) as { seed: string; key: string }[]).map((e) => ({ id: `${e.seed}:${e.key}`, ...e })),
  }),
  schema: outlineEntrySchema,
});

const checklists = defineCollection({
  loader: glob({ pattern: '*.yaml', base: './content/checklists' }),
  schema: checklistSchema,
});

// Search synonyms and colloquial words (组名: [词, …]); the search page checks the whole table.
const searchSynonyms = defineCollection({
  loader: file('./content/search-synonyms.yaml', { parser: (text) => parseSynonymFile(parseYaml(text)) }),
  schema: synonymGroupSchema,
});

export const collections = { handbook, params, outline, checklists, searchSynonyms };
