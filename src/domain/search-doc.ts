/**
 * A handbook page as the search reads it, built from its Pagefind fragment: title, summary, keywords,
 * filters and the text split into sections at its headings (Pagefind's anchors), so a heading can be
 * a result of its own (a deep link) and the answering sentence can be found inside its section.
 */
import { compact } from './search-query';

/** The parts of a Pagefind fragment this module reads (pagefind's `data()` result). */
export interface PagefindFragment {
  url: string;
  /** Page text with U+200B between the words Pagefind segmented; `<`/`>` escaped. */
  raw_content?: string;
  content: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[]>;
  anchors?: { element: string; id: string; text: string; location: number }[];
}

export interface DocSection {
  /** Heading id for a deep link; undefined for the page's opening (title, summary, meta). */
  id?: string;
  heading: string;
  /** Heading level (2 for h2 …); 1 for the opening. */
  level: number;
  text: string;
  compactText: string;
}

export interface SearchDoc {
  url: string;
  title: string;
  summary: string;
  keywords: string[];
  posts: string[];
  parts: string[];
  sections: DocSection[];
  compactTitle: string;
  compactSummary: string;
  compactKeywords: string;
  compactAll: string;
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
/** Pagefind joins block elements with ". "; read it back as a sentence break. */
const tidy = (s: string) =>
  s
    .replace(/\s*\.\s+/g, '。 ')
    .replace(/\s+/g, ' ')
    .trim();

export function toSearchDoc(f: PagefindFragment): SearchDoc {
  const words = f.raw_content ? unescape(f.raw_content).split('\u200b') : [f.content];
  const anchors = (f.anchors ?? [])
    .filter((a) => /^h[2-4]$/i.test(a.element) && a.id && a.text?.trim())
    .sort((a, b) => a.location - b.location);
  const sections: DocSection[] = [];
  const cut = (from: number, to: number) => tidy(words.slice(from, to).join(''));
  const title = f.meta.title ?? '';
  const opening = cut(0, anchors[0]?.location ?? words.length);
  sections.push(section(undefined, title, 1, opening));
  anchors.forEach((a, i) => {
    sections.push(section(a.id, a.text.trim(), Number(a.element.slice(1)), cut(a.location, anchors[i + 1]?.location ?? words.length)));
  });
  const summary = f.meta.summary ?? '';
  const keywords = (f.meta.keywords ?? '')
    .replace(/^关键词[:：]/, '')
    .split(/[、,，]/)
    .map((k) => k.trim())
    .filter(Boolean);
  return {
    url: f.url,
    title,
    summary,
    keywords,
    posts: f.filters['岗位'] ?? [],
    parts: f.filters['篇章'] ?? [],
    sections,
    compactTitle: compact(title),
    compactSummary: compact(summary),
    compactKeywords: compact(keywords.join('|')),
    compactAll: sections.map((s) => s.compactText).join('|'),
  };
}

function section(id: string | undefined, heading: string, level: number, text: string): DocSection {
  return { id, heading, level, text, compactText: compact(text) };
}

/** The handbook's own words (keywords, short headings), read into the query lexicon. */
export function vocabularyOf(docs: readonly SearchDoc[]): string[] {
  const words = new Set<string>();
  for (const d of docs) {
    for (const k of d.keywords) words.add(k);
    for (const s of d.sections.slice(1))
      for (const piece of s.heading.split(/[\s：:、，（）()“”"·]+|^[一二三四五六七八九十]+、/)) if (piece) words.add(piece);
  }
  return [...words];
}
