/**
 * Re-ranking of Pagefind results for Chinese queries. Pagefind segments "全员服务" into 全员 + 服务
 * and matches them anywhere, so a page that merely uses both words can outrank the page that
 * names the rule. We multiply Pagefind's score by how exactly the page carries the query's terms:
 * in its title (×3), in a heading (×2), anywhere in its text as written (×1.2), or only in pieces
 * (×1). Factors were tuned on tests/search-queries.json and tests/search-rules.json: strong enough
 * to lift the page that names a rule, mild enough that a passing mention doesn't beat the page
 * about the topic.
 */
export interface RankCandidate {
  score: number;
  title: string;
  headings: readonly string[];
  content: string;
}

export const MatchTier = { Pieces: 0, Text: 1, Heading: 2, Title: 3 } as const;
export type MatchTier = (typeof MatchTier)[keyof typeof MatchTier];

const compact = (s: string) => s.replace(/\s+/g, '').toLowerCase();

export function matchTier(c: RankCandidate, query: string): MatchTier {
  const terms = query.split(/\s+/).map(compact).filter(Boolean);
  if (terms.length === 0) return MatchTier.Pieces;
  const has = (text: string) => {
    const t = compact(text);
    return terms.every((term) => t.includes(term));
  };
  if (has(c.title)) return MatchTier.Title;
  if (c.headings.some(has)) return MatchTier.Heading;
  if (has(`${c.title} ${c.headings.join(' ')} ${c.content}`)) return MatchTier.Text;
  return MatchTier.Pieces;
}

export const TIER_FACTOR: Record<MatchTier, number> = { 0: 1, 1: 1.2, 2: 2, 3: 3 };

/** Sorted by boosted score; ties keep Pagefind's order. */
export function rerank<T extends RankCandidate>(candidates: readonly T[], query: string): T[] {
  return candidates
    .map((c, i) => ({ c, i, boosted: c.score * TIER_FACTOR[matchTier(c, query)] }))
    .sort((a, b) => b.boosted - a.boosted || a.i - b.i)
    .map((x) => x.c);
}
