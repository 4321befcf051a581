// Inspection and survey templates for pages: validated by the schema, versioned by a content
// hash, and checked against the handbook so every item's standard links to a real page.
import { createHash } from 'node:crypto';
import { getCollection, getEntry } from 'astro:content';
import type { ChecklistTemplate } from '../domain/checklist';
import { canonicalJson } from '../domain/canonical-json';
import { refPage } from '../domain/links';
import { allPages } from './handbook';

let cache: ChecklistTemplate[] | undefined;

const PARAM = /\{param:([a-zA-Z.]+)\}/g;

async function numericParam(key: string): Promise<number> {
  const value = (await getEntry('params', key))?.data.value;
  if (typeof value !== 'number') throw new Error(`content/params.yaml：${key} 必须是数字。`);
  return value;
}

/** Replaces {param:key} in a text with the configured value and unit, so templates follow params.yaml. */
async function resolveParams(text: string, file: string): Promise<string> {
  let out = text;
  for (const [token, key] of text.matchAll(PARAM)) {
    const entry = await getEntry('params', key!);
    if (!entry) throw new Error(`${file}：{param:${key}} 不是 content/params.yaml 中的参数。`);
    out = out.replace(token, `${entry.data.value}${entry.data.unit ? ` ${entry.data.unit}` : ''}`);
  }
  return out;
}

export async function allTemplates(): Promise<ChecklistTemplate[]> {
  if (cache) return cache;
  const pageIds = new Set((await allPages()).map((p) => p.id));
  const entries = await getCollection('checklists');
  cache = await Promise.all(
    entries.map(async (entry) => {
      const file = entry.filePath ?? entry.id;
      const data = structuredClone(entry.data);
      for (const section of data.sections) {
        for (const item of section.items) {
          item.text = await resolveParams(item.text, file);
          if (item.kind === 'rating') continue;
          if (!pageIds.has(refPage(item.sop))) {
            throw new Error(`${file}：检查项 ${item.id} 的 sop "${item.sop}" 不是手册中的页面。`);
          }
          item.standard = await resolveParams(item.standard, file);
          item.method = await resolveParams(item.method, file);
        }
      }
      const resolved = {
        ...data,
        grades: data.grades ?? { excellent: await numericParam('quality.excellentScore'), pass: await numericParam('quality.passScore') },
        rectificationDays: data.rectificationDays ?? (await numericParam('quality.rectificationDays')),
      };
      // The version covers the resolved texts and thresholds: changing a parameter changes the template version.
      const version = createHash('sha256').update(canonicalJson(resolved)).digest('hex').slice(0, 12);
      return { id: entry.id, version, ...resolved };
    }),
  );
  return cache;
}

/** For each handbook page, the template items that cite it (the page's 相关检查项). */
export async function itemsCitingPages(): Promise<
  Map<string, { template: ChecklistTemplate; sectionTitle: string; itemId: string; text: string }[]>
> {
  const map = new Map<string, { template: ChecklistTemplate; sectionTitle: string; itemId: string; text: string }[]>();
  for (const template of await allTemplates()) {
    for (const section of template.sections) {
      for (const item of section.items) {
        if (item.kind === 'rating') continue;
        const page = refPage(item.sop);
        const list = map.get(page) ?? [];
        list.push({ template, sectionTitle: section.title, itemId: item.id, text: item.text });
        map.set(page, list);
      }
    }
  }
  return map;
}
