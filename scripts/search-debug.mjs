// Developer tool: prints the top results for each query of the kept sets (or the given words).
// Usage: npm run search-debug [-- 回访 装修押金] | [-- --set tests/search-questions.json]
import { launchChromium } from './chromium.mjs';
import { serve } from './serve.mjs';
import { distinctPages, isHit, loadQuerySet, runQuery } from './search-eval.mjs';

const args = process.argv.slice(2);
const setIndex = args.indexOf('--set');
const sets = setIndex >= 0 ? [args[setIndex + 1]] : args.length ? [] : ['tests/search-queries.json'];
const given = setIndex >= 0 ? [] : args.map((query) => ({ query, expect: [], within: 3 }));
const server = await serve('dist', { port: 0 });
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(`${server.url}/search/`);
for (const entries of [given, ...sets.map(loadQuerySet)].filter((e) => e.length)) {
  let ok = 0;
  let empty = 0;
  for (const entry of entries) {
    const { urls } = await runQuery(page, entry.query);
    const hit = entry.expect.length === 0 || isHit(entry, urls);
    if (hit) ok++;
    if (urls.length === 0) empty++;
    const status = await page.locator('[data-status]').innerText();
    console.log(
      `${hit ? '✓' : '✗'} ${entry.query} → ${distinctPages(urls).slice(0, 3).join(' | ')}${hit ? '' : `   (want ${entry.expect.join(' / ')})`}  [${status}]`,
    );
  }
  console.log(`${ok}/${entries.length} in the top ${entries[0].within}; ${empty} with no result`);
}
await browser.close();
await server.close();
