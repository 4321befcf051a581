// Inspection screens beyond the main flow: touch targets, orientation, full storage, backup, surveys.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../support/browser';

const base = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

async function tablet(viewport = { width: 768, height: 1024 }): Promise<BrowserContext> {
  return browser.newContext({ viewport, hasTouch: true, isMobile: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
}

async function start(page: Page, template: string, project = '翠湖花园'): Promise<void> {
  await page.goto(`${base}/inspections/`);
  await page.locator('inspection-list[data-state="ready"]').waitFor();
  await page.locator(`input[name=template][value="${template}"]`).check();
  await page.getByLabel('项目').fill(project);
  await page.fill('input[name=area]', '3 栋');
  await page.fill('input[name=inspector]', '赵主管');
  await Promise.all([page.waitForURL(/\?id=/), page.locator('form[data-new] button[type=submit]').tap()]);
  await page.locator('inspection-form[data-state="ready"]').waitFor();
}

describe('tablet layout', () => {
  for (const viewport of [
    { width: 768, height: 1024 },
    { width: 1024, height: 768 },
  ]) {
    it(`${viewport.width}×${viewport.height}: every control is at least 44 px and nothing scrolls sideways`, async () => {
      const ctx = await tablet(viewport);
      const page = await ctx.newPage();
      await start(page, 'security');
      const first = page.locator('[data-item]').first();
      await first.locator('.insp-standard > summary').tap();
      await first.locator('.insp-extra > summary').tap();
      const small = await page.evaluate(() => {
        const sel =
          'button, .choice span, summary, input:not([type=radio]):not([type=file]):not(.visually-hidden), textarea, select, .section-nav a, .button';
        return [...document.querySelectorAll<HTMLElement>(sel)]
          .filter((el) => el.offsetParent !== null)
          .map((el) => ({ el: el.outerHTML.slice(0, 80), r: el.getBoundingClientRect() }))
          .filter(({ r }) => r.height < 44 || r.width < 44)
          .map(({ el, r }) => `${Math.round(r.width)}×${Math.round(r.height)} ${el}`);
      });
      expect(small).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `.cache/shots/inspection-${viewport.width}x${viewport.height}.png` });
      await ctx.close();
    });
  }

  it('opens the handbook page of an item in place and returns to the same item', async () => {
    const ctx = await tablet();
    const page = await ctx.newPage();
    await start(page, 'customer-service');
    const item = page.locator('[data-item]').nth(5);
    await item.locator('input[value="pass"]').tap();
    await item.locator('.insp-standard > summary').tap();
    const before = await page.evaluate(() => scrollY);
    await item.locator('[data-sop-link]').tap();
    const frame = page.frameLocator('[data-sop-frame]');
    await frame.locator('h1').waitFor();
    await page.getByRole('button', { name: '关闭，回到检查' }).tap();
    expect(await page.evaluate(() => scrollY)).toBe(before);
    expect(await item.locator('input[value="pass"]').isChecked()).toBe(true);
    await ctx.close();
  });
});

describe('full storage', () => {
  it('says so in Chinese, keeps what was saved, and the change is replayed once there is room', async () => {
    const ctx = await tablet();
    // A switch the test can flip to make every IndexedDB write fail as on a full disk.
    await ctx.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
        if ((window as unknown as { __quotaFull?: boolean }).__quotaFull) throw new DOMException('full', 'QuotaExceededError');
        return put.apply(this, args);
      };
    });
    const page = await ctx.newPage();
    await start(page, 'environment');
    const items = page.locator('[data-item]');
    await items.nth(0).locator('input[value="pass"]').tap();
    await page.locator('[data-save-state]', { hasText: '已保存' }).waitFor();
    await page.evaluate(() => ((window as unknown as { __quotaFull: boolean }).__quotaFull = true));
    await items.nth(1).locator('input[value="na"]').tap();
    const state = page.locator('[data-save-state]');
    await state.filter({ hasText: '存储空间已满' }).waitFor();
    expect(await state.innerText()).toContain('之前保存的内容不受影响');
    await page.reload(); // the switch is off again: there is room now
    await page.locator('inspection-form[data-state="ready"]').waitFor();
    expect(await items.nth(0).locator('input[value="pass"]').isChecked()).toBe(true);
    expect(await items.nth(1).locator('input[value="na"]').isChecked()).toBe(true);
    await page.locator('[data-save-state]', { hasText: '已保存' }).waitFor();
    await ctx.close();
  });
});

describe('backup', () => {
  it('exports everything from one device and imports it on another; bad files change nothing', async () => {
    const a = await tablet();
    const page = await a.newPage();
    await start(page, 'engineering', '备份测试苑');
    await page.locator('[data-item]').first().locator('input[value="fail"], input[value="findings"]').first().tap();
    await page.locator('[data-save-state]', { hasText: '已保存' }).waitFor();
    await page.goto(`${base}/inspections/`);
    await page.locator('inspection-list[data-state="ready"]').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出全部数据' }).tap()]);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'backup-')), 'backup.json');
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^物业检查数据-\d{12}\.json$/);
    await a.close();

    const b = await tablet();
    const other = await b.newPage();
    await other.goto(`${base}/inspections/`);
    await other.locator('inspection-list[data-state="ready"]').waitFor();
    expect(await other.locator('.inspection-row').count()).toBe(0);
    for (const [bad, says] of [
      [{ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"something-else"}') }, '这不是本应用导出的数据文件'],
      [{ name: 'y.json', mimeType: 'application/json', buffer: Buffer.from([0, 159, 146, 150, 1, 2]) }, '文件无法读取'],
    ] as const) {
      await other.locator('[data-import]').setInputFiles(bad);
      await other.locator('[data-backup-status]').filter({ hasText: says }).waitFor();
      expect(await other.locator('[data-backup-status]').innerText()).toContain('未导入任何内容');
      expect(await other.locator('.inspection-row').count()).toBe(0);
    }
    await other.locator('[data-import]').setInputFiles(file);
    await other.locator('[data-backup-status]').filter({ hasText: '导入完成' }).waitFor();
    expect(await other.locator('.inspection-row').first().innerText()).toContain('备份测试苑');
    await b.close();
  });
});

describe('satisfaction survey', () => {
  it('is filled with five-step ratings and gives a satisfaction rate', async () => {
    const ctx = await tablet();
    const page = await ctx.newPage();
    page.on('dialog', (d) => void d.accept());
    await start(page, 'survey-daily');
    const items = page.locator('[data-item]');
    const n = await items.count();
    expect(n).toBeGreaterThanOrEqual(8);
    for (let i = 0; i < n; i++)
      await items
        .nth(i)
        .locator(`input[value="${i === n - 1 ? 'na' : i % 4 === 3 ? '3' : '5'}"]`)
        .tap();
    const answered = n - 1;
    const satisfied = [...Array(answered).keys()].filter((i) => i % 4 !== 3).length;
    const rate = Math.floor((2000 * satisfied + answered) / (2 * answered)) / 10; // half-up, one decimal
    await page.locator('[data-save-state]', { hasText: '已保存' }).waitFor(); // redrawn once the write is handed over
    expect(await page.locator('[data-score]').innerText()).toBe(`${rate.toFixed(1)}%`);
    await page.getByRole('button', { name: '问卷定稿' }).tap();
    await page.locator('[data-status]', { hasText: '已定稿' }).waitFor();
    await ctx.close();
  });
});
