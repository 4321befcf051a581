// Developer tool: prints the top results for each query in tests/search-queries.json (or the given ones).
// Usage: npm run search-debug [-- 回访 装修押金]
/* global document, customElements -- used only inside functions that run in the browser page (page.evaluate) */
import { readFileSync } from 'node:fs';
import { launchChromium } from './chromium.mjs';
import { serve } from './serve.mjs';

const given = process.argv.slice(2);
/** @type {{ query: string, expect: string[] }[]} */
const queries = given.length
  ? given.map((query) => ({ query, expect: [] }))
  : JSON.parse(readFileSync('tests/search-queries.json', 'utf8'));
const server = await serve('dist', { port: 0 });
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(`${server.url}/search/`);
let ok = 0;
for (const { query, expect } of queries) {
  // Through the real search element, so query normalisation and filters are those users get.
  const top = await page.evaluate(async (q) => {
    await customElements.whenDefined('handbook-search');
    const el = /** @type {HTMLElement & { run(): Promise<void> }} */ (document.querySelector('handbook-search'));
    /** @type {HTMLInputElement} */ (el.querySelector('input[name=q]')).value = q;
    await el.run();
    return [...el.querySelectorAll('a')]
      .filter((a) => a.matches('.search-results li > a'))
      .slice(0, 3)
      .map((a) => `${new URL(a.href).pathname.replace(/^\/handbook\/|\/$/g, '')} `);
  }, query);
  const hit = expect.length === 0 || expect.some((e) => top[0]?.startsWith(`${e} `));
  if (hit) ok++;
  console.log(`${hit ? '✓' : '✗'} ${query} → ${top.join(' | ')}${hit ? '' : `   (want ${expect.join(' / ')})`}`);
}
console.log(`${ok}/${queries.length}`);
await browser.close();
await server.close();
