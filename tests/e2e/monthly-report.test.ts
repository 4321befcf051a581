// Two supervisors' signed reports for three months, imported in the browser and aggregated;
// the figures match an independent calculation from the generator's index.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { zipSync } from 'fflate';
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
    // A tampered copy arriving first is refused and takes no place: the genuine file imports afterwards.
    await page.locator('[data-files]').setInputFiles([tampered]);
    await page.locator('[data-log] li', { hasText: 'tampered.pdf' }).waitFor();
    expect(await page.locator('[data-log] li', { hasText: 'tampered.pdf' }).innerText()).toContain('未导入：已被改动');
    expect(await page.locator('[data-progress-text]').innerText()).toContain('已被改动 1');
    await page.locator('[data-files]').setInputFiles([...pdfs, pdfs[1]!, garbage]);
    await page.locator('[data-progress-text]', { hasText: '共 20 个文件' }).waitFor({ timeout: 60_000 });
    const log = await page.locator('[data-log] li').allInnerTexts();
    expect(log.filter((l) => l.includes('已验证，计入报告'))).toHaveLength(18);
    expect(log.filter((l) => l.includes('重复：与已收集的'))).toHaveLength(1);
    expect(log[0]).toMatch(/^garbage\.pdf：未导入/); // problem files first
    expect(await page.locator('[data-progress-text]').innerText()).toContain(
      '新收集 18 · 更新 0 · 重复 1 · 已被改动 0 · 未登记 0 · 无法读取 1',
    );
    // A report from a device another root enrolled (not this company's) is kept out of the month.
    const foreign = spawnSync(
      process.execPath,
      [tsx, 'scripts/sample-reports.ts', '--out', otherOut, '--count', '2', '--seed', '99', '--end', '2026-11'],
      {
        encoding: 'utf8',
      },
    );
    if (foreign.status !== 0) throw new Error(foreign.stderr);
    const stranger = 'other-company.pdf';
    const [first, second] = readdirSync(otherOut)
      .filter((f) => f.endsWith('.pdf'))
      .sort();
    copyFileSync(path.join(otherOut, first!), path.join(otherOut, stranger));
    await page.locator('[data-files]').setInputFiles([path.join(otherOut, stranger)]);
    await page.locator('[data-log] li', { hasText: stranger }).waitFor();
    expect(await page.locator('[data-log] li', { hasText: stranger }).innerText()).toMatch(/签名完整但签名人未登记.*默认不计入/);
    // A forged ZIP (a name climbing out of the archive beside a report not yet collected) is
    // refused in full: one line saying why, and nothing of it stored.
    const forged = path.join(otherOut, 'forged.zip');
    writeFileSync(forged, zipSync({ [second!]: readFileSync(path.join(otherOut, second!)), '../evil.pdf': readFileSync(pdfs[0]!) }));
    await page.locator('[data-files]').setInputFiles([forged]);
    await page.locator('[data-log] li', { hasText: 'forged.zip' }).waitFor();
    expect(await page.locator('[data-log] li').allInnerTexts()).toEqual([
      'forged.zip：未导入：压缩包「forged.zip」含有不安全的文件名「../evil.pdf」，其中的文件均未导入',
    ]);
    expect(await page.locator('[data-collection-count]').innerText()).toBe('19');
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
    // The same month from the command line, over the same files packed in a ZIP plus the stranger and garbage.
    const zip = path.join(out, 'reports.zip');
    writeFileSync(zip, zipSync(Object.fromEntries(index.map((e) => [e.file, new Uint8Array(readFileSync(path.join(out, e.file)))]))));
    const cli = spawnSync(
      process.execPath,
      [
        tsx,
        'scripts/monthly-report.ts',
        '--month',
        '2026-11',
        '--trust',
        path.join(out, 'trust-list.json'),
        '--today',
        '2026-11-30',
        zip,
        path.join(otherOut, 'other-company.pdf'),
        path.join(out, 'garbage.pdf'),
        path.join(out, 'tampered.pdf'),
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(cli.status, cli.stderr).toBe(0);
    const month = JSON.parse(cli.stdout);
    expect(month.inspections).toBe(nov.length);
    expect([month.overall.meanOfScores, month.overall.pooled]).toEqual([mean, pooled]);
    expect(month.counted).toHaveLength(nov.length);
    expect(month.keptOut.map((k: { file: string }) => path.basename(k.file))).toEqual(['other-company.pdf']);
    expect(month.refused.map((r: { file: string }) => path.basename(r.file)).sort()).toEqual(['garbage.pdf', 'tampered.pdf']);
    expect(month.refused.find((r: { file: string }) => r.file.endsWith('tampered.pdf')).reason).toContain('已被改动');
    // The report follows the collection: excluding or deleting a counted report recomputes it at once.
    const count = () => page.locator('.monthly-section').first().locator('tbody tr').first().locator('td').first().innerText();
    await page.locator('details.collection summary').click();
    const row = page.locator('[data-collection] tr', { hasText: nov[0]!.file });
    await row.getByLabel('计入').uncheck();
    await page.waitForFunction((n) => document.querySelector('.monthly-section tbody td')?.textContent === n, String(nov.length - 1));
    await row.getByLabel('计入').check();
    await page.waitForFunction((n) => document.querySelector('.monthly-section tbody td')?.textContent === n, String(nov.length));
    await row.getByRole('button', { name: '删除' }).click();
    await page.waitForFunction((n) => document.querySelector('.monthly-section tbody td')?.textContent === n, String(nov.length - 1));
    await page.getByRole('button', { name: '撤销' }).click();
    await page.waitForFunction((n) => document.querySelector('.monthly-section tbody td')?.textContent === n, String(nov.length));
    expect(await count()).toBe(String(nov.length));
  });

  it('exports CSV for Excel and prints on A4', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF月度品质报告,2026-11')).toBe(true);
    // One section model feeds screen, CSV and PDF: the screen's section titles and column titles
    // are the CSV's, in the same order (and the exported PDF's titles are checked below).
    const screen = await page
      .locator('.monthly-section')
      .evaluateAll((sections) =>
        sections.map((s) => [
          s.querySelector('h2')!.textContent!,
          ...[...s.querySelectorAll('thead tr')].map((tr) => [...tr.querySelectorAll('th')].map((th) => th.textContent).join(',')),
        ]),
      );
    expect(screen.length).toBe(8);
    const csvLines = csv.replace('\uFEFF', '').split('\r\n');
    let at = 0;
    for (const line of screen.flat()) {
      at = csvLines.indexOf(line, at);
      expect(at, line).toBeGreaterThan(-1);
    }
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
    for (const [title] of screen) expect(exportedText).toContain(title);
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
