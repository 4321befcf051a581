// Small handbook pages as the search reads them (shaped like Pagefind fragments), for the search tests.
import { toSearchDoc, type PagefindFragment, type SearchDoc } from '../../src/domain/search-doc';

/** A fragment from a title, a summary and sections ("## heading" lines start a section). */
export function fragment(
  url: string,
  title: string,
  summary: string,
  body: string,
  filters: Record<string, string[]> = {},
): PagefindFragment {
  const words: string[] = [];
  const anchors: NonNullable<PagefindFragment['anchors']> = [];
  // One "word" per character is enough here; escaped entities stay whole, as Pagefind keeps them.
  const push = (text: string) => words.push(...(text.match(/&\w+;|./gsu) ?? []));
  push(`${title}. ${summary} `);
  for (const line of body.split('\n').filter(Boolean)) {
    const h = /^## (.*)$/.exec(line);
    if (h) {
      anchors.push({ element: 'h2', id: h[1]!, text: h[1]!, location: words.length });
      push(`${h[1]}. `);
    } else push(`${line} `);
  }
  const raw = words.join('\u200b');
  return { url, raw_content: raw, content: raw.replace(/\u200b/g, ''), meta: { title, summary }, filters, anchors };
}

export const doc = (...args: Parameters<typeof fragment>): SearchDoc => toSearchDoc(fragment(...args));
