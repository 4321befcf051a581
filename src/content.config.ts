import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { handbookSchema } from './schemas/handbook';
import { paramSchema } from './schemas/params';

const handbook = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/handbook' }),
  schema: handbookSchema,
});

const params = defineCollection({
  loader: file('./content/params.yaml'),
  schema: paramSchema,
});

export const collections = { handbook, params };
