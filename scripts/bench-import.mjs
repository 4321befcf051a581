// Import figures for `npm run bench`: signed sample reports (their making timed: sample-reports
// throughput) imported and verified on /reports/ in headless Chromium — reports per second, the
// longest main-thread task meanwhile (long-task API, wall time; and from a trace, thread time) —
// then poppler's pdfsig over the same files in the same run, as many at once as the pool runs; then
// all checked again after a trust-list change.
/* global window -- used only inside functions that run in the browser page */
import { execFile, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { launchChromium } from './chromium.mjs';
import { serve } from './serve.mjs';
import { mainThreadCpu, TRACE_CATEGORIES } from './bench-trace.mjs';

/** @param {string[]} files @param {number} parallel */
async function pdfsigSeconds(files, parallel) {
  const run = promisify(execFile);
  const queue = [...files];
  const t = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let f = queue.shift(); f; f = queue.shift()) {
        const { stdout } = await run('pdfsig', ['-nocert', f]);
        if (!stdout.includes('Signature Validation: Signature is Valid')) throw new Error(`pdfsig 未通过：${f}`);
      }
    }),
  );
  return (performance.now() - t) / 1000;
}

/**
 * @param {(name: string, value: string | number, unit: string) => void} out
 * @param {number} [count]
 */
export async function benchImport(out, count = 120) {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-import-'));
  const gen = spawnSync(
    'tsx',
    ['scripts/sample-reports.ts', '--out', dir, '--count', String(count), '--months', '3', '--seed', '5', '--end', '2026-11'],
    { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
  );
  if (gen.status !== 0) throw new Error('样例报告生成失败');
  const made = /（([\d.]+) 秒）/.exec(gen.stdout);
  if (made) out('sample-reports.throughput', (count / Number(made[1])).toFixed(1), 'reports/s');
  // Each report comes with its signed re-issues (updates/): every PDF made, per second.
  const updates = /和 (\d+) 份整改更新/.exec(gen.stdout);
  if (made && updates) out('sample-reports.pdf-throughput', ((count + Number(updates[1])) / Number(made[1])).toFixed(1), 'PDFs/s');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => path.join(dir, f));
  const server = await serve('dist', { port: 0 });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/reports/`);
    await page.locator('monthly-report[data-state="ready"]').waitFor();
    await page.locator('[data-trust-file]').setInputFiles(path.join(dir, 'trust-list.json'));
    await page.locator('[data-trust-message]', { hasText: '已导入' }).waitFor();
    await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      w.__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
      }).observe({ type: 'longtask' });
    });
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    const t = Date.now();
    await page.locator('[data-files]').setInputFiles(files);
    await page.locator('[data-progress-text]', { hasText: '完成' }).waitFor({ timeout: 300_000 });
    const seconds = (Date.now() - t) / 1000;
    const trace = mainThreadCpu(await browser.stopTracing());
    const longest = await page.evaluate(() => /** @type {any} */ (window).__longest);
    const rate = files.length / seconds;
    out('import.verify-throughput', rate.toFixed(1), 'reports/s');
    out('import.reports', files.length, 'reports');
    out('import.longest-main-thread-task', longest.toFixed(0), 'ms');
    out('import.longest-main-thread-task.cpu', trace.longestMs.toFixed(1), 'ms');
    out('import.main-thread-cpu', (trace.cpuMs / files.length).toFixed(2), 'ms/report');
    const parallel = Math.max(1, Math.min(4, availableParallelism()));
    const peer = files.length / (await pdfsigSeconds(files, parallel));
    out('import.pdfsig-throughput', peer.toFixed(1), 'reports/s');
    out('import.ratio-vs-pdfsig', (rate / peer).toFixed(2), '×');
    // Re-verification when the trust list changes: with the list gone, /reports/ checks every
    // collected original again on opening (page load included).
    await page.evaluate(() => localStorage.removeItem('wuye-trust-list'));
    const t2 = Date.now();
    await page.reload();
    await page.locator('document-collection[data-recheck="done"]').waitFor({ timeout: 120_000 });
    out('collection.recheck-throughput', (files.length / ((Date.now() - t2) / 1000)).toFixed(1), 'reports/s');
  } finally {
    await browser.close();
    await server.close();
  }
}
