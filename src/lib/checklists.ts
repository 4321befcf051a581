// Inspection and survey templates for pages: validated by the schema, versioned by a content
// hash, and checked against the handbook so every item's standard links to a real page.
import { createHash } from 'node:crypto';
import { getCollection } from 'astro:content';
import type { ChecklistTemplate } from '../domain/checklist';
import { canonicalJson } from '../domain/canonical-json';
import { allPages } from './handbook';

let cache: ChecklistTemplate[] | undefined;

export async function allTemplates(): Promise<ChecklistTemplate[]> {
  if (cache) return cache;
  const pageIds = new Set((await allPages()).map((p) => p.id));
  const entries = await getCollection('checklists');
  cache = entries.map((entry) => {
    const data = entry.data;
    for (const section of data.sections) {
      for (const item of section.items) {
        if (item.kind !== 'rating' && !pageIds.has(item.sop.split('#')[0]!)) {
          throw new Error(`${entry.filePath}：检查项 ${item.id} 的 sop "${item.sop}" 不是手册中的页面。`);
        }
      }
    }
    const version = createHash('sha256').update(canonicalJson(data)).digest('hex').slice(0, 12);
    return { id: entry.id, version, ...data };
  });
  return cache;
}

/** For each handbook page, the template items that cite it (the page's 相关检查项). */
export async function itemsCitingPages(): Promise<Map<string, { template: ChecklistTemplate; sectionTitle: string; itemId: string; text: string }[]>> {
  const map = new Map<string, { template: ChecklistTemplate; sectionTitle: string; itemId: string; text: string }[]>();
  for (const template of await allTemplates()) {
    for (const section of template.sections) {
      for (const item of section.items) {
        if (item.kind === 'rating') continue;
        const page = item.sop.split('#')[0]!;
        const list = map.get(page) ?? [];
        list.push({ template, sectionTitle: section.title, itemId: item.id, text: item.text });
        map.set(page, list);
      }
    }
  }
  return map;
}
