// Content access for pages: wraps astro:content so routes share one ordering and one shape.
import { getCollection, type CollectionEntry } from 'astro:content';
import { pageVersion } from './page-version';
import { sortPages, type PageRef } from '../domain/handbook-order';
import { handbookHref } from '../domain/links';
import { resolveQuiz, type QuizParam, type ResolvedQuizQuestion } from '../domain/quiz-params';

export type HandbookEntry = CollectionEntry<'handbook'>;
/**
 * version: content hash of the page (body and frontmatter); a learner's read is tied to it.
 * quiz: the page's questions with {param:key} resolved from params.yaml (use this, not entry.data.quiz).
 */
export type HandbookPage = PageRef & { entry: HandbookEntry; summary: string; version: string; quiz: ResolvedQuizQuestion[] };

let cache: HandbookPage[] | undefined;

/** All handbook pages in reading order. Fails the build if a file sits in the wrong part folder. */
export async function allPages(): Promise<HandbookPage[]> {
  if (cache) return cache;
  const entries = await getCollection('handbook');
  const params: Record<string, QuizParam> = Object.fromEntries(
    (await getCollection('params')).map((p) => [p.id, { value: p.data.value, unit: p.data.unit }]),
  );
  const pages = entries.map((entry) => {
    const folder = entry.id.split('/')[0];
    if (folder !== entry.data.part) {
      throw new Error(
        `${entry.filePath}：part 字段为 "${entry.data.part}"，但文件位于 content/handbook/${folder}/。请把文件移到 content/handbook/${entry.data.part}/ 或改正 part。`,
      );
    }
    return {
      id: entry.id,
      part: entry.data.part,
      order: entry.data.order,
      posts: entry.data.posts,
      title: entry.data.title,
      summary: entry.data.summary,
      version: pageVersion(entry),
      // An unknown key fails the build here, naming the page and the question.
      quiz: resolveQuiz(entry.data.quiz, params, entry.filePath ?? entry.id),
      entry,
    };
  });
  cache = sortPages(pages);
  return cache;
}

export function pageUrl(id: string): string {
  return handbookHref(id);
}

/** Plain text of an MDX body, for reading-time estimates. */
export function plainText(body: string | undefined): string {
  return (body ?? '').replace(/<[^>]+>/g, '').replace(/[#*|`>\-[\]()]/g, ' ');
}
