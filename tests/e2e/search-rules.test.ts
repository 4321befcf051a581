// A reader can find each named rule and each time limit of the sources by search.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { launchBrowser } from '../support/browser';

const base = inject('baseUrl');
const { rules, limits } = JSON.parse(readFileSync('tests/search-rules.json', 'utf8')) as {
  rules: string[];
  limits: { query: string; text: string }[];
};
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(`${base}/search/`);
  await page.waitForFunction(() => customElements.get('handbook-search'));
});
afterAll(async () => browser?.close());

/** Top results' page texts for a query, through the real search element. */
async function topTexts(query: string, n = 5): Promise<{ url: string; text: string }[]> {
  return page.evaluate(
    async ({ query, n }) => {
      const el = document.querySelector('handbook-search') as HTMLElement & { run(): Promise<void> };
      (el.querySelector('input[name=q]') as HTMLInputElement).value = query;
      await el.run();
      const urls = [...el.querySelectorAll<HTMLAnchorElement>('.search-results li > a')].slice(0, n).map((a) => a.href);
      return Promise.all(
        urls.map(async (url) => {
          const html = await (await fetch(url)).text();
          const doc = new DOMParser().parseFromString(html, 'text/html');
          return { url, text: doc.querySelector('[data-pagefind-body]')?.textContent?.replace(/\s+/g, ' ') ?? '' };
        }),
      );
    },
    { query, n },
  );
}

describe('named rules of the sources are findable', () => {
  for (const rule of rules) {
    it(`「${rule}」`, async () => {
      const top = await topTexts(rule);
      expect(top.length, 'no results').toBeGreaterThan(0);
      expect(
        top.some((r) => r.text.includes(rule)),
        top.map((r) => r.url).join(' '),
      ).toBe(true);
    });
  }
});

describe('time limits of the sources are findable', () => {
  for (const { query, text } of limits) {
    it(`「${query}」 finds a page stating ${text}`, async () => {
      const top = await topTexts(query);
      expect(top.length, 'no results').toBeGreaterThan(0);
      expect(
        top.some((r) => r.text.replace(/\s/g, '').includes(text.replace(/\s/g, ''))),
        top.map((r) => r.url).join(' '),
      ).toBe(true);
    });
  }
});
