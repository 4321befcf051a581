// Names and places outside GB2312 print as typed in the signed report; a character the report
// font lacks is named before anything is signed, and no file is made.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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

async function sign(page: Page, signer: string): Promise<void> {
  const canvas = page.locator(`signature-pad[data-signer="${signer}"] canvas`);
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let k = 1; k <= 12; k++) await page.mouse.move(box.x + 20 + k * 15, box.y + box.height * (0.6 + 0.2 * Math.sin(k)));
  await page.mouse.up();
}

describe('report font', () => {
  it('prints 张喆, 堃昇花园 and 玥珺旻祎犇垚镕; names 「𠀀」 and signs nothing', async () => {
    const ctx = await browser.newContext({ viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true, locale: 'zh-CN' });
    const page = await ctx.newPage();
    page.on('dialog', (d) => void d.accept());
    let downloads = 0;
    page.on('download', () => downloads++);
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
    await sign(page, 'inspector');
    await sign(page, 'representative');
    const maker = page.locator('[data-report]');
    const status = maker.locator('[data-report-status]');
    const make = maker.getByRole('button', { name: '生成签名报告（PDF）' });

    // 𠀀 (U+20000) is in no Chinese standard the font covers: named, nothing made or signed.
    await maker.getByLabel('受检部门代表姓名').fill('𠀀先生');
    await make.tap();
    await expect.poll(() => status.innerText(), { timeout: 30_000 }).toContain('「𠀀」无法打印');
    expect(await status.innerText()).toContain('没有生成或签名');
    expect(downloads).toBe(0);
    expect(await make.isEnabled()).toBe(true);

    await maker.getByLabel('受检部门代表姓名').fill('旻祎犇垚镕');
    const [download] = await Promise.all([page.waitForEvent('download'), make.tap()]);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'report-font-')), 'report.pdf');
    await download.saveAs(file);
    expect(await status.innerText()).toContain('已生成并签名报告');
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const s of ['张喆', '堃昇花园', '玥珺苑', '旻祎犇垚镕']) expect(text).toContain(s);
    expect(text).not.toContain('□');
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toContain('Signature is Valid');
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(/WuyeReportSans.*yes\s+yes\s+yes/);
    mkdirSync('.cache/shots', { recursive: true });
    execFileSync('pdftoppm', ['-r', '80', '-png', '-f', '1', '-l', '1', file, '.cache/shots/report-font']);
    await ctx.close();
  }, 120_000);
});
