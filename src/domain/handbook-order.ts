import { PART_IDS, POST_IDS, type PartId, type PostId } from './taxonomy';

/** The minimum a page needs for ordering and navigation. */
export interface PageRef {
  id: string;
  part: PartId;
  order: number;
  posts: 'all' | readonly PostId[];
  title: string;
}

/** Posts a page applies to, with "all" expanded. */
export function postsOf(page: Pick<PageRef, 'posts'>): PostId[] {
  return page.posts === 'all' ? [...POST_IDS] : [...page.posts];
}

/** Reading order of the whole handbook: by part, then by order, then by id for stability. */
export function sortPages<T extends PageRef>(pages: readonly T[]): T[] {
  return [...pages].sort((a, b) => PART_IDS.indexOf(a.part) - PART_IDS.indexOf(b.part) || a.order - b.order || a.id.localeCompare(b.id));
}

/** A post's pages in reading order (its learning path and its printed handbook). */
export function pagesForPost<T extends PageRef>(pages: readonly T[], post: PostId): T[] {
  return sortPages(pages.filter((p) => postsOf(p).includes(post)));
}

export function pagesInPart<T extends PageRef>(pages: readonly T[], part: PartId): T[] {
  return sortPages(pages.filter((p) => p.part === part));
}

/** Previous and next page in reading order within the page's part, continuing into the neighbouring parts. */
export function neighbours<T extends PageRef>(pages: readonly T[], id: string): { prev?: T; next?: T } {
  const sorted = sortPages(pages);
  const i = sorted.findIndex((p) => p.id === id);
  if (i < 0) return {};
  return { prev: sorted[i - 1], next: sorted[i + 1] };
}
