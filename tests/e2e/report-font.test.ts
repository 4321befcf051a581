// Names and places outside GB2312 print as typed in the signed report, rare characters from the
// font's second part; a character the report font lacks is named before anything is signed, and no
// file is made. Without the rare part (offline before it was ever fetched) a rare character is
// named with the advice to go online once.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { drawSignature } from '../support/tablet';
import { launchBrowser } from '../support/browser';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const base = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

/** A finalised, signed-off inspection whose report is ready to be made. */
async function readyReport(page: Page) {
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${base}/inspections/`);
  await page.locator('inspection-list[data-state="ready"]').waitFor();
  await page.locator('input[name=template][value="customer-service"]').check();
  await page.fill('input[name=project]', '堃昇花园');
  await page.fill('input[name=area]', '玥珺苑 3 栋');
  await page.fill('input[name=inspector]', '张喆');
  await Promise.all([page.waitForURL(/\?id=/), page.locator('form[data-new] button[type=submit]').tap()]);
  await page.locator('inspection-form[data-state="ready"]').waitFor();
  for (const b of await page.locator('[data-all-pass]').all()) await b.tap();
  await page.getByRole('button', { name: '检查定稿' }).tap();
  await page.locator('[data-status]', { hasText: '已定稿' }).waitFor();
  await drawSignature(page, 'inspector');
  await drawSignature(page, 'representative');
  const maker = page.locator('[data-report]');
  const status = maker.locator('[data-report-status]');
  const make = maker.getByRole('button', { name: '生成签名报告（PDF）' });
  return { maker, status, make };
}

describe('report font', () => {
  it('prints 张喆, 堃昇花园, 玥珺旻祎犇垚镕 and the rare 龢廣; names 「𠀀」 and signs nothing', async () => {
    const ctx = await browser.newContext({ viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true, locale: 'zh-CN' });
    const page = await ctx.newPage();
    let downloads = 0;
    page.on('download', () => downloads++);
    const { maker, status, make } = await readyReport(page);

    // 𠀀 (U+20000) is in no Chinese standard the font covers: named, nothing made or signed.
    await maker.getByLabel('受检部门代表姓名').fill('𠀀先生');
    await make.tap();
    await expect.poll(() => status.innerText(), { timeout: 30_000 }).toContain('「𠀀」无法打印');
    expect(await status.innerText()).toContain('没有生成或签名');
    expect(downloads).toBe(0);
    expect(await make.isEnabled()).toBe(true);

    await maker.getByLabel('受检部门代表姓名').fill('旻祎犇垚镕龢廣');
    const [download] = await Promise.all([page.waitForEvent('download'), make.tap()]);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'report-font-')), 'report.pdf');
    await download.saveAs(file);
    expect(await status.innerText()).toContain('已生成并签名报告');
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const s of ['张喆', '堃昇花园', '玥珺苑', '旻祎犇垚镕龢廣']) expect(text).toContain(s);
    expect(text).not.toContain('□');
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toContain('Signature is Valid');
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/WuyeReportSans\s.*yes\s+yes\s+yes/);
    expect(fonts).toMatch(/WuyeReportSansRare.*yes\s+yes\s+yes/);
    mkdirSync('.cache/shots', { recursive: true });
    execFileSync('pdftoppm', ['-r', '80', '-png', '-f', '1', '-l', '1', file, '.cache/shots/report-font']);
    await ctx.close();
  }, 120_000);

  it('without the rare part, names a rare character and asks to download the full font once', async () => {
    // No service worker and the rare file refused: as on a tablet offline before its first fetch.
    const ctx = await browser.newContext({
      viewport: { width: 768, height: 1024 },
      hasTouch: true,
      locale: 'zh-CN',
      serviceWorkers: 'block',
    });
    await ctx.route('**/fonts/report-sans-rare.ttf.gz', (route) => route.abort('internetdisconnected'));
    const page = await ctx.newPage();
    let downloads = 0;
    page.on('download', () => downloads++);
    const { maker, status, make } = await readyReport(page);
    await maker.getByLabel('受检部门代表姓名').fill('龢先生');
    await make.tap();
    await expect.poll(() => status.innerText(), { timeout: 30_000 }).toContain('「龢」无法打印');
    expect(await status.innerText()).toContain('需要联网一次下载完整字库');
    expect(await status.innerText()).toContain('没有生成或签名');
    expect(downloads).toBe(0);
    // Common characters still make the report without the rare part.
    await maker.getByLabel('受检部门代表姓名').fill('张喆');
    const [download] = await Promise.all([page.waitForEvent('download'), make.tap()]);
    expect(await download.path()).toBeTruthy();
    expect(await status.innerText()).toContain('已生成并签名报告');
    await ctx.close();
  }, 120_000);
});
