// `npm run bench`: prints one figure a line as `bench <name> <value> <unit>`.
// Builds the site, then measures it in headless Chromium with the network off.
/* global document, customElements -- used only inside functions that run in the browser page (page.evaluate) */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, mkdtempSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
import { serve } from './serve.mjs';
import { benchInspections } from './bench-inspections.mjs';
import { benchImport } from './bench-import.mjs';
import { benchCrashWindow } from './crash-window.mjs';
import { isHit, loadQuerySet, runQuery, typeQuery } from './search-eval.mjs';
import { staticModules } from './modulepreload.mjs';

/** @type {(name: string, value: string | number, unit: string) => void} */
const out = (name, value, unit) => console.log(`bench ${name} ${value} ${unit}`);
/** @type {(xs: number[]) => number} */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  const at = (/** @type {number} */ i) => s[i] ?? NaN;
  return s.length % 2 ? at(m) : (at(m - 1) + at(m)) / 2;
};
/** @param {string} dir */
function dirBytes(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .reduce((sum, d) => sum + statSync(path.join(d.parentPath, d.name)).size, 0);
}

// 1. Build, timed by the integration hooks.
const t0 = performance.now();
const build = spawnSync('astro build', { shell: true, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) throw new Error('构建失败');
const totalMs = performance.now() - t0;
const stats = JSON.parse(readFileSync('.cache/build-stats.json', 'utf8'));
out('build.total', (totalMs / 1000).toFixed(2), 's');
out('build.astro', (stats.astroMs / 1000).toFixed(2), 's');
out('build.report-font', (stats.fontMs / 1000).toFixed(2), 's');
out('report-font.size', (stats.fontBytes / 1e6).toFixed(2), 'MB'); // common part, stored (gzip), as precached
out('report-font-rare.size', ((stats.rareFontBytes ?? 0) / 1e6).toFixed(2), 'MB'); // rare part, cached on first use
out('build.pagefind', (stats.pagefindMs / 1000).toFixed(2), 's');
out('build.service-worker', (stats.swMs / 1000).toFixed(2), 's');
const htmlPages = readdirSync('dist', { recursive: true }).filter((f) => String(f).endsWith('.html')).length;
out('pages.html', htmlPages, 'pages');
out('pages.indexed', stats.pageCount, 'pages');
out('pagefind.index-size', (dirBytes('dist/pagefind') / 1024).toFixed(0), 'KiB');
out('precache.files', stats.precacheCount, 'files');
out('precache.size', (stats.precacheBytes / 1024).toFixed(0), 'KiB');
out('precache-size', (stats.precacheBytes / 1e6).toFixed(2), 'MB'); // issue 18 target: <= 8 MB
// JavaScript a screen imports statically (must load before it runs); pkijs and QR load on use.
for (const page of ['trust', 'enrol', 'verify', 'reports']) {
  const html = readFileSync(`dist/${page}/index.html`, 'utf8');
  const seen = await staticModules(html, async (f) => readFileSync(`dist/_astro/${f}`, 'utf8'));
  const bytes = seen.reduce((sum, f) => sum + statSync(`dist/_astro/${f}`).size, 0);
  out(`${page}-page.critical-js`, (bytes / 1024).toFixed(0), 'KiB');
}

// 2. In the browser: JS shipped on a handbook page, offline search latency.
const root = mkdtempSync(path.join(tmpdir(), 'handbook-bench-'));
cpSync('dist', root, { recursive: true });
const server = await serve(root, { port: 0 });
const context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), 'bench-profile-')), {
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_ARGS,
  headless: true,
});
try {
  const page = await context.newPage();
  let jsBytes = 0;
  page.on('response', async (r) => {
    if (r.request().resourceType() === 'script') jsBytes += (await r.body()).length;
  });
  await page.goto(`${server.url}/handbook/customer-service/appointment/`, { waitUntil: 'networkidle' });
  const inlineJs = await page.evaluate(() =>
    [...document.querySelectorAll('script:not([src])')].reduce((s, e) => s + (e.textContent?.length ?? 0), 0),
  );
  out('handbook-page.js', ((jsBytes + inlineJs) / 1024).toFixed(1), 'KiB');
  page.removeAllListeners('response');
  await page.evaluate(async () => navigator.serviceWorker.ready);
  await server.close();
  await context.setOffline(true);

  // Offline, through the real search element: index load once, then each query set's hit rate
  // (kept set: the page first; question sets: one of the pages in the top 3) and latency.
  await page.goto(`${server.url}/search/`);
  const loadMs = await page.evaluate(async () => {
    await customElements.whenDefined('handbook-search');
    const el = /** @type {HTMLElement & { run(): Promise<void> }} */ (document.querySelector('handbook-search'));
    /** @type {HTMLInputElement} */ (el.querySelector('input[name=q]')).value = '回访';
    const t = performance.now();
    await el.run();
    return performance.now() - t;
  });
  out('search.offline.first', loadMs.toFixed(1), 'ms');
  const sets = [
    ['search.kept', 'tests/search-queries.json'],
    ['search.questions', 'tests/search-questions.json'],
    ['search.held-out', 'tests/search-questions-holdout.json'],
    ['search.held-out-2', 'tests/search-questions-holdout-2.json'],
  ];
  const allTimes = [];
  for (const [name, file] of sets) {
    const entries = loadQuerySet(file);
    const times = [];
    const typing = [];
    let hits = 0;
    let empty = 0;
    for (const entry of entries) {
      const { urls, ms } = await runQuery(page, entry.query);
      times.push(ms);
      if (isHit(entry, urls)) hits++;
      if (urls.length === 0) empty++;
      typing.push(await typeQuery(page, entry.query));
    }
    allTimes.push(...typing);
    out(`${name}.${entries[0].within === 1 ? 'top1' : 'top3'}`, ((100 * hits) / entries.length).toFixed(1), '%');
    out(`${name}.no-result`, empty, 'queries');
    out(`${name}.search.median`, median(times).toFixed(1), 'ms');
    out(`${name}.typing-to-results.median`, median(typing).toFixed(1), 'ms');
    out(`${name}.queries`, entries.length, 'queries');
  }
  out('search.offline.typing-to-results.median', median(allTimes).toFixed(1), 'ms');
} finally {
  await context.close();
}

// 3. Inspections (a separate build with a 100-item template).
await benchInspections(out);

// 4. Reports (TypeScript app code, run through tsx).
const report = spawnSync('tsx scripts/bench-report.ts', { shell: true, stdio: ['ignore', 'inherit', 'inherit'] });
if (report.status !== 0) throw new Error('报告基准失败');

// 5. Importing signed reports on the manager's page (with pdfsig on the same files), the monthly PDF, and aggregating 5,000 inspections.
await benchImport(out);
const monthly = spawnSync('tsx scripts/bench-monthly.ts', { shell: true, stdio: ['ignore', 'inherit', 'inherit'] });
if (monthly.status !== 0) throw new Error('月度 PDF 基准失败');
const aggregate = spawnSync('tsx scripts/bench-aggregate.ts', { shell: true, stdio: ['ignore', 'inherit', 'inherit'] });
if (aggregate.status !== 0) throw new Error('汇总基准失败');

// 6. Sync through the local CouchDB-protocol server: replication throughput, pulling and verifying 1,000 documents.
const sync = spawnSync('tsx scripts/bench-sync.ts', { shell: true, stdio: ['ignore', 'inherit', 'inherit'] });
if (sync.status !== 0) throw new Error('同步基准失败');

// 7. The crash window: answers lost when Chromium is killed at set delays after a tap.
await benchCrashWindow(out, root);
