import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { coverage, covers, missingSections, type OutlineEntry } from '../../src/domain/coverage';
import { outlineEntrySchema } from '../../src/schemas/outline';

describe('covers', () => {
  it.each([
    ['2.7.1', '2.7.1 客服前台操作指引', true],
    ['2.7.1', '2.7.1.5 (3) 来电', true],
    ['2.7.1', '2.7.10 清洁保洁操作指引', false],
    ['2.7.1', '2.7.11 项目经理岗位指引', false],
    ['2.7.1', '2.7 岗位操作指引', false],
    ['二、（一）1.', '二、（一）1. 前台接待', true],
    ['二、（一）1.', '二、（一）2. 上门拜访', false],
    ['装修', '装修手续办理流程（片段）', true],
    ['第五章', '第五章 结语', true],
  ])('%s covers %s: %s', (key, section, expected) => expect(covers(key, section)).toBe(expected));
});

describe('coverage', () => {
  const outline: OutlineEntry[] = [
    { seed: '003', key: '2.7.1', title: '客服前台', status: 'full' },
    { seed: '003', key: '2.7.10', title: '清洁保洁', status: 'toc' },
    { seed: '001', key: '2.7.1', title: 'same key, other seed', status: 'toc' },
    { seed: '003', key: 'A.1', title: '检查表', status: 'toc', deferred: '品质检查模板' },
  ];
  const rows = coverage(outline, [
    { id: 'customer-service/front-desk-phone', sources: [{ seed: '003', section: '2.7.1.5 (3) 来电' }] },
    { id: 'customer-service/front-desk-basics', sources: [{ seed: '003', section: ' 2.7.1.1 岗位支持' }] },
  ]);
  it('lists the pages carrying each section, matching seed and key', () => {
    expect(rows.map((r) => r.pages)).toEqual([['customer-service/front-desk-phone', 'customer-service/front-desk-basics'], [], [], []]);
  });
  it('reports uncovered sections unless they are deferred elsewhere', () => {
    expect(missingSections(rows).map((r) => `${r.seed} ${r.key}`)).toEqual(['003 2.7.10', '001 2.7.1']);
  });
});

describe('the handbook covers every section of the sources', () => {
  const outline = (parseYaml(readFileSync('content/source-outline.yaml', 'utf8')) as unknown[]).map((e) => outlineEntrySchema.parse(e));
  const pages = readdirSync('content/handbook', { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => {
      const fm = parseYaml(/^---\n([\s\S]*?)\n---/.exec(readFileSync(`content/handbook/${f}`, 'utf8'))![1]!) as {
        sources: { seed: string; section: string }[];
      };
      return { id: f.replace(/\.mdx$/, ''), sources: fm.sources };
    });
  it('has an outline without duplicate keys', () => {
    const ids = outline.map((e) => `${e.seed}:${e.key}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect(outline.length).toBeGreaterThan(140);
  });
  it('leaves no section without a page', () => {
    expect(missingSections(coverage(outline, pages)).map((m) => `${m.seed} ${m.key} ${m.title}`)).toEqual([]);
  });
});
