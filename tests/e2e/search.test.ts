// Chinese search: realistic queries find the right page first; filters by post and part narrow results.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { launchBrowser } from '../support/browser';

const base = inject('baseUrl');
const QUERIES = JSON.parse(readFileSync('tests/search-queries.json', 'utf8')) as { query: string; expect: string[] }[];
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ locale: 'zh-CN' });
});
afterAll(async () => browser?.close());

async function search(params: Record<string, string>): Promise<string[]> {
  await page.goto(`${base}/search/?${new URLSearchParams(params)}`);
  await page.waitForSelector('handbook-search[data-state="done"]');
  return page.locator('.search-results li > a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}

describe('search ranking', () => {
  it('keeps at least 20 realistic queries', () => expect(QUERIES.length).toBeGreaterThanOrEqual(20));
  for (const { query, expect: wanted } of QUERIES) {
    it(`「${query}」 ranks ${wanted.join(' or ')} first`, async () => {
      const results = await search({ q: query });
      expect(results.length).toBeGreaterThan(0);
      expect(wanted.map((w) => `/handbook/${w}/`)).toContain(results[0]);
    });
  }
});

describe('search page', () => {
  it('finds words inside sentences and highlights them', async () => {
    await search({ q: '首问负责' });
    const excerpt = await page.locator('.search-results li p').nth(1).innerHTML();
    expect(excerpt).toContain('<mark>');
  });

  it('filters by post', async () => {
    const all = await search({ q: '回访' });
    const patrol = await search({ q: '回访', post: '安防巡逻' });
    expect(patrol.length).toBeLessThan(all.length);
    expect(patrol).not.toContain('/handbook/customer-service/complaint-revisit/');
    expect(await page.locator('select[name=post]').inputValue()).toBe('安防巡逻');
  });

  it('filters by part', async () => {
    const results = await search({ q: '记录', part: '安全防范' });
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(r).toMatch(/^\/handbook\/security\//);
  });

  it('says so in Chinese when nothing matches', async () => {
    await search({ q: '量子计算机' });
    expect(await page.locator('[data-status]').innerText()).toContain('没有找到');
  });

  it('answers first: the top result shows the sentence with the time and links to its section', async () => {
    await search({ q: '装修垃圾几点清运' });
    const top = page.locator('.search-results > li').first();
    expect(await top.locator('.search-answer').innerText()).toMatch(/18:00/);
    expect(await top.locator('.search-answer mark').count()).toBeGreaterThan(0);
    const href = await top.locator('> a').getAttribute('href');
    expect(href).toMatch(/^\/handbook\/[^#]+\/#.+/);
    // The deep link lands on a real heading of that page.
    await page.goto(`${base}${href}`);
    const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
    expect(await page.locator(`[id="${id}"]`).count()).toBe(1);
  });

  it('says so when no page holds every word, and shows the closest', async () => {
    const results = await search({ q: '鞋套 火警 押金' });
    expect(results.length).toBeGreaterThan(0);
    expect(await page.locator('[data-status]').innerText()).toBe('没有同时包含全部词语的结果，以下是最接近的');
  });

  it('is reached from the search box on every page', async () => {
    await page.goto(`${base}/handbook/security/patrol/`);
    await page.fill('#site-search', '装修押金');
    await Promise.all([page.waitForURL('**/search/?q=*'), page.press('#site-search', 'Enter')]);
    await page.waitForSelector('handbook-search[data-state="done"]');
    expect(await page.inputValue('#search-q')).toBe('装修押金');
    expect(await page.locator('.search-results li').count()).toBeGreaterThan(0);
  });
});

describe('search corpus (issue 18: the first search is one request)', () => {
  it('holds every page exactly as Pagefind gives it, and the search page loads only it', async () => {
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await search({ q: '回访' });
    page.removeAllListeners('request');
    expect(requested.filter((p) => p.startsWith('/pagefind/'))).toEqual(['/pagefind/corpus.json.gz']);
    // A string, so the test runner does not rewrite the page's import().
    const { corpus, pagefind } = (await page.evaluate(`(async () => {
      const res = await fetch('/pagefind/corpus.json.gz');
      const corpus = await new Response(res.body.pipeThrough(new DecompressionStream('gzip'))).json();
      const api = await import('/pagefind/pagefind.js');
      await api.options({ excerptLength: 30 });
      await api.init();
      const all = await api.search(null);
      return { corpus, pagefind: await Promise.all(all.results.map((r) => r.data())) };
    })()`)) as { corpus: Record<string, unknown>[]; pagefind: Record<string, unknown>[] };
    // The fields a SearchDoc is made from (search-doc.ts), page by page.
    const fields = (f: Record<string, unknown>) => ({
      url: f.url,
      raw_content: f.raw_content,
      content: f.content,
      meta: f.meta,
      filters: f.filters,
      anchors: f.anchors,
    });
    const byUrl = (list: Record<string, unknown>[]) => list.map(fields).sort((a, b) => String(a.url).localeCompare(String(b.url)));
    expect(corpus.length).toBeGreaterThan(90);
    expect(byUrl(corpus)).toEqual(byUrl(pagefind));
  });
});
