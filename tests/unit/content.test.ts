// Content lint: every handbook page and parameter is valid and every reference resolves.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import * as OpenCC from 'opencc-js';
import { handbookSchema } from '../../src/schemas/handbook';
import { paramSchema } from '../../src/schemas/params';
import { POST_IDS, PART_IDS } from '../../src/domain/taxonomy';

const ROOT = 'content/handbook';
// The names registered in src/components/mdx-components.ts (read as text: it imports .astro files).
const COMPONENTS = /mdxComponents = \{([^}]*)\}/
  .exec(readFileSync('src/components/mdx-components.ts', 'utf8'))![1]!
  .split(',')
  .map((s) => s.trim());
const files = readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.mdx'))
  .sort();
const params = parseYaml(readFileSync('content/params.yaml', 'utf8')) as Record<string, unknown>;

function split(file: string): { fm: unknown; body: string } {
  const src = readFileSync(path.join(ROOT, file), 'utf8');
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(src);
  if (!m) throw new Error(`${file}: 缺少 frontmatter`);
  return { fm: parseYaml(m[1]!), body: m[2]! };
}

// The handbook is written in simplified Chinese: converting it from traditional must change nothing.
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
const traditionalIn = (text: string) => [...new Set([...text].filter((c) => toSimplified(c) !== c))];

describe('handbook content', () => {
  it('has pages', () => expect(files.length).toBeGreaterThan(0));

  for (const file of files) {
    describe(file, () => {
      const { fm, body } = split(file);

      it('has valid frontmatter', () => {
        const r = handbookSchema.safeParse(fm);
        const issues = r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
        expect(issues).toEqual([]);
      });

      it('sits in the folder of its part', () => {
        expect(PART_IDS).toContain(file.split('/')[0]);
        expect((fm as { part?: string }).part).toBe(file.split('/')[0]);
      });

      it('uses only known parameters and components', () => {
        for (const [, name] of body.matchAll(/<Param\s+name="([^"]+)"/g)) expect(Object.keys(params)).toContain(name);
        for (const [, tag] of body.matchAll(/<([A-Z][A-Za-z0-9]*)/g)) expect(COMPONENTS).toContain(tag);
      });

      it('links only to pages that exist', () => {
        for (const [, target] of body.matchAll(/\]\((\/[^)\s]*)\)/g)) {
          const hb = /^\/handbook\/([^/]+)\/([^/#]+)\/(#.*)?$/.exec(target!);
          const post = /^\/posts\/([^/]+)\/$/.exec(target!);
          if (hb) expect(existsSync(path.join(ROOT, hb[1]!, `${hb[2]}.mdx`)), target).toBe(true);
          else if (post) expect(POST_IDS as readonly string[]).toContain(post[1]);
          else
            expect(
              ['/params/', '/search/', '/coverage/', '/checklists/', '/inspections/', '/rectifications/'],
              `unexpected link ${target}`,
            ).toContain(target!.replace(/#.*$/, ''));
        }
      });

      it('is written in simplified characters', () => {
        expect(traditionalIn(body + JSON.stringify(fm))).toEqual([]);
      });

      it('has enough quiz questions (3, or 5 on a post guide)', () => {
        const { quiz = [], guideFor } = fm as { quiz?: unknown[]; guideFor?: string };
        expect(quiz.length).toBeGreaterThanOrEqual(guideFor ? 5 : 3);
      });

      it('never hard-codes a value left open in the sources', () => {
        expect(body).not.toMatch(/\[X\]/);
      });
    });
  }
});

describe('posts', () => {
  const pages = files.map((f) => ({ id: f.replace(/\.mdx$/, ''), ...split(f) }));
  for (const post of POST_IDS) {
    it(`${post} has one operating guide that links to the procedures it runs`, () => {
      const guides = pages.filter((p) => (p.fm as { guideFor?: string }).guideFor === post);
      expect(guides.map((g) => g.id)).toHaveLength(1);
      const links = new Set([...guides[0]!.body.matchAll(/\]\(\/handbook\/([^)#]+?)\/(#[^)]*)?\)/g)].map((m) => m[1]));
      expect(links.size).toBeGreaterThanOrEqual(3);
    });
    it(`${post} has a learning path of at least 5 pages`, () => {
      const path = pages.filter((p) => {
        const posts = (p.fm as { posts: string | string[] }).posts;
        return posts === 'all' || posts.includes(post);
      });
      expect(path.length).toBeGreaterThanOrEqual(5);
    });
  }
});

describe('params.yaml', () => {
  it('has entries', () => expect(Object.keys(params).length).toBeGreaterThan(0));
  for (const [name, value] of Object.entries(params)) {
    it(`${name} is complete`, () => {
      expect(name).toMatch(/^[a-z][A-Za-z]*(\.[a-z][A-Za-z0-9]*)+$/);
      const r = paramSchema.safeParse(value);
      expect(r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
    });
  }
});
