/**
 * Coverage of the source manuals: every section they name must be carried by at least one
 * handbook page. A page carries a section when one of its `sources` has the same seed and a
 * section text that starts with the outline key, not followed by a digit (so "2.7.1" covers
 * "2.7.1.5 来电" but not "2.7.10 清洁保洁").
 */
export interface OutlineEntry {
  seed: string;
  key: string;
  title: string;
  status: 'full' | 'part' | 'toc';
  /** Covered elsewhere than in a handbook page (e.g. by inspection templates). */
  deferred?: string;
}

export interface SourcedPage {
  id: string;
  sources: readonly { seed: string; section: string }[];
}

export interface CoverageRow extends OutlineEntry {
  pages: string[];
}

export function covers(key: string, section: string): boolean {
  if (!section.startsWith(key)) return false;
  const next = section.charAt(key.length);
  return !/[0-9]/.test(next);
}

export function coverage(outline: readonly OutlineEntry[], pages: readonly SourcedPage[]): CoverageRow[] {
  return outline.map((entry) => ({
    ...entry,
    pages: pages.filter((p) => p.sources.some((s) => s.seed === entry.seed && covers(entry.key, s.section.trim()))).map((p) => p.id),
  }));
}

/** Sections with no page and no stated other home: these fail the build. */
export function missingSections(rows: readonly CoverageRow[]): CoverageRow[] {
  return rows.filter((r) => r.pages.length === 0 && !r.deferred);
}
