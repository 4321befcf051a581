// Questions as new employees ask them: the right page is in the top 3 for at least 95% of the kept
// set (every post represented), and no question finds nothing. The held-out set was never used while
// tuning; it checks that the tuning generalises (reported, and held to a lower bar fixed in advance).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { launchBrowser } from '../support/browser';
import { POST_IDS } from '../../src/domain/taxonomy';

interface Question {
  post: string;
  query: string;
  expect: string[];
}
const load = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { questions: Question[] }).questions;
const KEPT = load('tests/search-questions.json');
const HELD_OUT = load('tests/search-questions-holdout.json');
// Written after the tuning on KEPT and before any later change; measured 24/25 when first run.
const HELD_OUT_2 = load('tests/search-questions-holdout-2.json');

const base = inject('baseUrl');
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
  await page.goto(`${base}/search/`);
  await page.waitForFunction(() => customElements.get('handbook-search'));
});
afterAll(async () => browser?.close());

/** Distinct result pages (without /handbook/ and slashes) for each question, through the real search element. */
async function topPages(questions: Question[]): Promise<string[][]> {
  return page.evaluate(
    async (queries) => {
      const el = document.querySelector('handbook-search') as HTMLElement & { run(): Promise<void> };
      const out: string[][] = [];
      for (const q of queries) {
        (el.querySelector('input[name=q]') as HTMLInputElement).value = q;
        await el.run();
        const paths = [...el.querySelectorAll<HTMLAnchorElement>('.search-results > li > a')].map((a) =>
          new URL(a.href).pathname.replace(/^\/handbook\/|\/$/g, ''),
        );
        out.push([...new Set(paths)]);
      }
      return out;
    },
    questions.map((q) => q.query),
  );
}

function score(questions: Question[], results: string[][]) {
  const misses = questions.filter((q, i) => !results[i]!.slice(0, 3).some((p) => q.expect.includes(p)));
  const empty = questions.filter((_, i) => results[i]!.length === 0);
  return { rate: 1 - misses.length / questions.length, misses, empty };
}
const describeMisses = (misses: Question[], results: Map<string, string[]>) =>
  misses.map((q) => `${q.query} → ${results.get(q.query)!.slice(0, 3).join(' | ')} (want ${q.expect.join(' / ')})`).join('\n');

describe('natural questions', () => {
  it('keep at least 60 questions, every post represented', () => {
    expect(KEPT.length).toBeGreaterThanOrEqual(60);
    expect(HELD_OUT.length).toBeGreaterThanOrEqual(8);
    for (const post of POST_IDS)
      expect(
        KEPT.map((q) => q.post),
        post,
      ).toContain(post);
    expect(HELD_OUT_2.length).toBeGreaterThanOrEqual(20);
    for (const post of POST_IDS)
      expect(
        HELD_OUT_2.map((q) => q.post),
        post,
      ).toContain(post);
    const all = [...KEPT, ...HELD_OUT, ...HELD_OUT_2];
    expect(new Set(all.map((q) => q.query)).size).toBe(all.length);
  });

  it('find the right page in the top 3 for at least 95%, and never nothing', { timeout: 120_000 }, async () => {
    const results = await topPages(KEPT);
    const { rate, misses, empty } = score(KEPT, results);
    const byQuery = new Map(KEPT.map((q, i) => [q.query, results[i]!]));
    expect(empty.map((q) => q.query)).toEqual([]);
    expect(rate, describeMisses(misses, byQuery)).toBeGreaterThanOrEqual(0.95);
  });

  it('generalise to the held-out questions (never nothing, at least 75% in the top 3)', { timeout: 60_000 }, async () => {
    const results = await topPages(HELD_OUT);
    const { rate, misses, empty } = score(HELD_OUT, results);
    const byQuery = new Map(HELD_OUT.map((q, i) => [q.query, results[i]!]));
    console.log(`held-out questions: ${Math.round(rate * 100)}% in the top 3\n${describeMisses(misses, byQuery)}`);
    expect(empty.map((q) => q.query)).toEqual([]);
    expect(rate, describeMisses(misses, byQuery)).toBeGreaterThanOrEqual(0.75);
  });

  it("generalise to the second held-out set (never nothing, at least 90% in the top 3, the issue's bar)", { timeout: 60_000 }, async () => {
    const results = await topPages(HELD_OUT_2);
    const { rate, misses, empty } = score(HELD_OUT_2, results);
    const byQuery = new Map(HELD_OUT_2.map((q, i) => [q.query, results[i]!]));
    console.log(`second held-out set: ${Math.round(rate * 100)}% in the top 3\n${describeMisses(misses, byQuery)}`);
    expect(empty.map((q) => q.query)).toEqual([]);
    expect(rate, describeMisses(misses, byQuery)).toBeGreaterThanOrEqual(0.9);
  });
});
