// Import figure for `npm run bench`: signed sample reports imported and verified on /reports/
// in headless Chromium, then all checked again after a trust-list change; prints reports per second.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchChromium } from './chromium.mjs';
import { serve } from './serve.mjs';

/**
 * @param {(name: string, value: string | number, unit: string) => void} out
 * @param {number} [count]
 */
export async function benchImport(out, count = 40) {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-import-'));
  const gen = spawnSync(
    'tsx',
    ['scripts/sample-reports.ts', '--out', dir, '--count', String(count), '--months', '3', '--seed', '5', '--end', '2026-11'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (gen.status !== 0) throw new Error('样例报告生成失败');
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
    const t = Date.now();
    await page.locator('[data-files]').setInputFiles(files);
    await page.locator('[data-progress-text]', { hasText: '完成' }).waitFor({ timeout: 120_000 });
    const seconds = (Date.now() - t) / 1000;
    out('import.verify-throughput', (files.length / seconds).toFixed(1), 'reports/s');
    out('import.reports', files.length, 'reports');
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
