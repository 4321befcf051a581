// Two supervisors' signed reports for three months, imported in the browser and aggregated;
// the figures match an independent calculation from the generator's index.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launchBrowser } from '../support/browser';

const base = inject('baseUrl');
const out = mkdtempSync(path.join(tmpdir(), 'monthly-'));
const otherOut = mkdtempSync(path.join(tmpdir(), 'monthly-other-'));
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
let browser: Browser;
let context: BrowserContext;
let page: Page;
interface Entry {
  file: string;
  id: string;
  inspectedAt: string;
  inspector: string;
  result: { score: number; earned: number; possible: number; grade: string; vetoFailed: boolean };
}
let index: Entry[];

beforeAll(async () => {
  const run = spawnSync(
    process.execPath,
    [tsx, 'scripts/sample-reports.ts', '--out', out, '--count', '18', '--months', '3', '--seed', '11', '--end', '2026-11'],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  index = JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8'));
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  page = await context.newPage();
}, 120_000);
afterAll(async () => browser?.close());

const half = (num: number, den: number) => Math.floor((2 * num + den) / (2 * den)); // half-up integer division
const f1 = (t: number) => `${Math.floor(t / 10)}.${t % 10}`;

describe('monthly quality report', () => {
  it('imports many reports at once, verifying each; duplicates and tampered files are recognised', async () => {
    await page.goto(`${base}/reports/`);
    await page.locator('monthly-report[data-state="ready"]').waitFor();
    const pdfs = readdirSync(out)
      .filter((f) => f.endsWith('.pdf'))
      .map((f) => path.join(out, f));
    expect(pdfs).toHaveLength(18);
    // Before the company trust list is imported, nobody counts as enrolled.
    expect(await page.locator('trust-list-import').getAttribute('data-trust')).toBe('none');
    await page.locator('[data-trust-file]').setInputFiles(path.join(out, 'trust-list.json'));
    await page.locator('[data-trust-message]', { hasText: '已导入第 1 版' }).waitFor();
    expect(await page.locator('[data-trust-status]').innerText()).toContain('示例物业服务有限公司');
    const tampered = path.join(out, 'tampered.pdf');
    const bytes = readFileSync(pdfs[0]!);
    const [, start] = /\/ByteRange \[0 (\d+)/.exec(bytes.toString('latin1'))!;
    bytes[Math.floor(Number(start) / 2)]! ^= 1;
    writeFileSync(tampered, bytes);
    const garbage = path.join(out, 'garbage.pdf');
    writeFileSync(garbage, 'not a pdf at all');
    await page.locator('[data-files]').setInputFiles([...pdfs, pdfs[1]!, garbage]);
    await page.locator('[data-progress-text]', { hasText: '完成' }).waitFor({ timeout: 60_000 });
    const log = await page.locator('[data-log] li').allInnerTexts();
    expect(log.filter((l) => l.includes('已验证，计入报告'))).toHaveLength(18);
    expect(log.filter((l) => l.includes('重复'))).toHaveLength(1);
    expect(log.find((l) => l.startsWith('garbage.pdf'))).toContain('未导入');
    // A tampered copy is refused outright and says why.
    await page.locator('[data-files]').setInputFiles([tampered]);
    await page.locator('[data-log] li', { hasText: 'tampered.pdf' }).waitFor();
    expect(await page.locator('[data-log] li', { hasText: 'tampered.pdf' }).innerText()).toContain('未导入：已被改动');
    // A report from a device another root enrolled (not this company's) is kept out of the month.
    const foreign = spawnSync(
      process.execPath,
      [tsx, 'scripts/sample-reports.ts', '--out', otherOut, '--count', '1', '--seed', '99', '--end', '2026-11'],
      {
        encoding: 'utf8',
      },
    );
    if (foreign.status !== 0) throw new Error(foreign.stderr);
    const stranger = 'other-company.pdf';
    copyFileSync(path.join(otherOut, readdirSync(otherOut).find((f) => f.endsWith('.pdf'))!), path.join(otherOut, stranger));
    await page.locator('[data-files]').setInputFiles([path.join(otherOut, stranger)]);
    await page.locator('[data-log] li', { hasText: stranger }).waitFor();
    expect(await page.locator('[data-log] li', { hasText: stranger }).innerText()).toContain('签名完整但签名人未登记，默认不计入');
    // The collection survives a reload.
    await page.reload();
    await page.locator('monthly-report[data-state="ready"]').waitFor();
    expect(await page.locator('[data-collection-count]').innerText()).toBe('19');
  }, 120_000);

  it('aggregates November to the same figures as an independent calculation', async () => {
    await page.fill('input[name=month]', '2026-11');
    await page.getByRole('button', { name: '生成报告' }).click();
    await page.locator('monthly-report[data-rendered="2026-11"]').waitFor();
    const nov = index.filter((e) => e.inspectedAt.startsWith('2026-11'));
    const mean = half(
      nov.reduce((s, e) => s + e.result.score, 0),
      nov.length,
    );
    const pooled = half(
      1000 * nov.reduce((s, e) => s + e.result.earned, 0),
      nov.reduce((s, e) => s + e.result.possible, 0),
    );
    const first = await page.locator('.monthly-section').first().locator('tbody tr').first().locator('td').allInnerTexts();
    expect(first.slice(0, 3)).toEqual([String(nov.length), f1(mean), f1(pooled)]);
    const grades = (g: string) => String(nov.filter((e) => e.result.grade === g).length);
    expect(first.slice(3)).toEqual([grades('excellent'), grades('pass'), grades('fail')]);
    expect(await page.locator('.chart svg').count()).toBeGreaterThanOrEqual(4);
    const inspectors = await page.locator('.monthly-section').last().locator('tbody tr td:first-child').allInnerTexts();
    expect(inspectors.sort()).toEqual([...new Set(nov.map((e) => e.inspector))].sort());
  });

  it('exports CSV for Excel and prints on A4', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF月度品质报告,2026-11')).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[data-options]').isVisible()).toBe(false);
    const pdf = path.join(out, 'monthly.pdf');
    writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('品质报告');
    expect(text).toContain('编制');
    const pages = Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout)![1]);
    expect(text.replace(/\s+/g, '')).toContain(`第1页/共${pages}页`); // page numbers from @page margin boxes
    spawnSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '3', pdf, '.cache/shots/monthly']);
    await page.emulateMedia({ media: 'screen' });
    // One click also exports the same report as a PDF with the app's font (unsigned: no key on this device).
    const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 PDF' }).click()]);
    const exported = path.join(out, 'exported.pdf');
    await pdfDownload.saveAs(exported);
    expect(await page.locator('[data-pdf-status]').innerText()).toContain('已导出 PDF');
    const exportedText = spawnSync('pdftotext', [exported, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    expect(exportedText).toContain('2026 年 11 月 品质报告');
    expect(spawnSync('pdffonts', [exported], { encoding: 'utf8' }).stdout).toContain('WuyeReportSans');
    spawnSync('pdftoppm', ['-r', '50', '-png', '-f', '2', '-l', '2', exported, '.cache/shots/monthly-exported']);
  });

  it('says so in Chinese when the month has no data', async () => {
    await page.emulateMedia({ media: 'screen' });
    await page.fill('input[name=month]', '2025-01');
    await page.getByRole('button', { name: '生成报告' }).click();
    await page.locator('monthly-report[data-rendered="empty"]').waitFor();
    expect(await page.locator('[data-report]').innerText()).toContain('没有已定稿的检查');
  });
});
