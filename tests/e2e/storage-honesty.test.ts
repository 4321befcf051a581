// Honest about storage: a browser without usable IndexedDB gets a Chinese explanation on every
// screen that needs it (not "正在读取…" forever); the offline-ready toast only after the precache
// is stored, and a message when the quota is too small for it; persist()'s answer and Safari's
// 7-day rule are said, with a reminder of documents waiting only on this device; 微信 and
// 企业微信's built-in browsers are recognised.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readdirSync } from 'node:fs';
import { launchBrowser, launchPersistent } from '../support/browser';

const base = inject('baseUrl');
const dirs = (p: string) => readdirSync(`dist/${p}`, { withFileTypes: true }).filter((d) => d.isDirectory());
const template = dirs('inspections')[0]!.name;
const post = dirs('training').find((d) => d.name !== 'records')!.name;

/** Every screen that keeps data on the device. */
const STORAGE_SCREENS = [
  '/inspections/',
  `/inspections/${template}/?id=missing`,
  '/rectifications/',
  '/reports/',
  '/training/',
  `/training/${post}/`,
  `/training/${post}/quiz/`,
  '/training/records/',
  '/enrol/',
  '/trust/',
];
const HANDBOOK_PAGE = (() => {
  const part = dirs('handbook')[0]!.name;
  return `/handbook/${part}/${dirs(`handbook/${part}`)[0]!.name}/`;
})();

const SAFARI_IPAD = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
const WECHAT =
  'Mozilla/5.0 (Linux; Android 13; V2148A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN';
const WXWORK =
  'Mozilla/5.0 (Linux; Android 12; NOH-AN00) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/99.0.4844.88 Mobile Safari/537.36 wxwork/4.1.22 MicroMessenger/7.0.1 NetType/WIFI Language/zh';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => browser?.close());

async function contextWith(init: (() => void) | null, options: { userAgent?: string } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'zh-CN', serviceWorkers: 'block', ...options });
  if (init) await context.addInitScript(init);
  return context;
}

async function expectUnavailable(page: Page, url: string, why: RegExp): Promise<void> {
  await page.goto(`${base}${url}`);
  const notice = page.locator('[data-unavailable]');
  await notice.waitFor({ state: 'visible', timeout: 15_000 });
  const text = await notice.innerText();
  expect(text, url).toContain('这个浏览器不能在本设备上保存数据');
  expect(text, url).toMatch(why);
  for (const part of ['仍然可以用', '现在不能用', '怎样解决', '无痕', '在浏览器打开']) expect(text, url).toContain(part);
  const parts = page.locator('[data-needs-storage]');
  expect(await parts.count(), url).toBeGreaterThan(0);
  expect(await parts.filter({ visible: true }).count(), url).toBe(0);
  expect(await page.getByText('正在读取…').filter({ visible: true }).count(), url).toBe(0);
}

describe('without IndexedDB', () => {
  it('every storage screen explains it in Chinese (indexedDB missing)', async () => {
    const context = await contextWith(() => {
      Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    });
    const page = await context.newPage();
    for (const url of STORAGE_SCREENS) await expectUnavailable(page, url, /没有提供本地数据库/);
    // The handbook needs no storage: no notice there.
    await page.goto(`${base}${HANDBOOK_PAGE}`);
    await page.locator('h1').first().waitFor();
    expect(await page.locator('[data-unavailable]').count()).toBe(0);
    await context.close();
  }, 120_000);

  it('says so when the browser refuses to open the database (private browsing)', async () => {
    const context = await contextWith(() => {
      IDBFactory.prototype.open = function () {
        throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
      };
    });
    const page = await context.newPage();
    await expectUnavailable(page, '/inspections/', /拒绝本站使用本地数据库/);
    await expectUnavailable(page, '/rectifications/', /拒绝本站使用本地数据库/);
    await context.close();
  }, 60_000);

  it('says so when opening the database never answers', async () => {
    const context = await contextWith(() => {
      // A request that never fires success or error, as some in-app browsers behave.
      IDBFactory.prototype.open = function () {
        return new EventTarget() as IDBOpenDBRequest;
      };
    });
    const page = await context.newPage();
    await expectUnavailable(page, '/inspections/', /秒内没有打开本地数据库/);
    await context.close();
  }, 60_000);
});

describe('persistent storage', () => {
  /**
   * Headless Chromium answers persist() with false whatever the permission settings say (measured:
   * CDP Browser.grantPermissions durableStorage and Browser.setPermission persistent-storage change
   * nothing), so a granted answer is given to the page as the browser's answer; a refusal is real.
   */
  async function withPermission(setting: 'granted' | 'denied', userAgent?: string) {
    const context = await contextWith(
      setting === 'granted'
        ? () => {
            let granted = false;
            StorageManager.prototype.persist = () => Promise.resolve((granted = true));
            StorageManager.prototype.persisted = () => Promise.resolve(granted);
          }
        : null,
      userAgent ? { userAgent } : {},
    );
    return { context, page: await context.newPage() };
  }
  const stateLine = async (page: Page, url: string) => {
    await page.goto(`${base}${url}`);
    await page.locator('storage-notice[data-state="ready"]').waitFor({ state: 'attached', timeout: 15_000 });
    const line = page.locator('[data-persist]');
    return {
      risk: await page.locator('storage-notice').getAttribute('data-risk'),
      text: (await line.isVisible()) ? await line.innerText() : '',
    };
  };

  it('is requested, and a granted answer is said on the inspections screen only', async () => {
    const { context, page } = await withPermission('granted');
    expect(await stateLine(page, '/inspections/')).toEqual({ risk: 'persistent', text: expect.stringContaining('存储已设为持久') });
    expect(await stateLine(page, '/rectifications/')).toEqual({ risk: 'persistent', text: '' });
    // Asked for, not merely read.
    expect(await page.evaluate(() => navigator.storage.persisted())).toBe(true);
    await context.close();
  }, 60_000);

  it('a refused answer is said on every storage screen', async () => {
    const { context, page } = await withPermission('denied');
    expect(await page.goto(`${base}/`).then(() => page.evaluate(() => navigator.storage.persist()))).toBe(false);
    for (const url of ['/inspections/', '/rectifications/', '/training/']) {
      const { risk, text } = await stateLine(page, url);
      expect(risk, url).toBe('may-evict');
      expect(text, url).toContain('浏览器没有同意持久保存');
    }
    await context.close();
  }, 60_000);

  it('on Safari it says the 7-day rule and how the home screen avoids it, even when persist() says yes', async () => {
    const { context, page } = await withPermission('granted', SAFARI_IPAD);
    const { risk, text } = await stateLine(page, '/inspections/');
    expect(risk).toBe('seven-day');
    expect(text).toMatch(/7 天未打开/);
    expect(text).toContain('添加到主屏幕');
    await context.close();
  }, 60_000);

  it('reminds of documents waiting on the device past the configured days, leads to the export, and can be put off', async () => {
    const { context, page } = await withPermission('denied');
    await stateLine(page, '/inspections/');
    expect(await page.locator('[data-reminder]').isVisible()).toBe(false);
    // A signed PDF exported 5 days ago (the parameter says 3) and never delivered.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('wuye-handbook');
          open.onsuccess = () => {
            const tx = open.result.transaction('exports', 'readwrite');
            tx.objectStore('exports').put({
              hash: 'a'.repeat(64),
              recordId: 'r1',
              update: 0,
              fileName: '2026-11-23 翠湖花园 客服专业线品质检查 第1版.pdf',
              exportedAt: new Date(Date.now() - 5 * 86_400_000).toISOString(),
              pdf: new Blob(['%PDF-1.7'], { type: 'application/pdf' }),
            });
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    for (const url of ['/rectifications/', '/inspections/']) {
      await stateLine(page, url);
      const reminder = page.locator('[data-reminder]');
      expect(await reminder.isVisible(), url).toBe(true);
      expect(await reminder.innerText()).toMatch(/1 份还没有交付的签名文件只保存在这台设备上，最早的已有 5 天/);
      expect(await reminder.getByRole('link').getAttribute('href')).toBe('/inspections/#deliver-h');
    }
    expect(await page.locator('[data-undelivered]').innerText()).toContain('1 份已签名的文件尚未交付');
    await page.getByRole('button', { name: /知道了，3 天后再提醒/ }).click();
    expect(await page.locator('[data-reminder]').isVisible()).toBe(false);
    await stateLine(page, '/rectifications/');
    expect(await page.locator('[data-reminder]').isVisible()).toBe(false);
    await context.close();
  }, 60_000);
});

describe('offline copy', () => {
  async function firstVisit(quotaSize?: number) {
    const context = await launchPersistent({ width: 1024, height: 768 });
    const page = context.pages()[0] ?? (await context.newPage());
    if (quotaSize !== undefined) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Storage.overrideQuotaForOrigin', { origin: base, quotaSize });
    }
    await page.goto(`${base}/`);
    await page.locator('html[data-offline-ready]').waitFor({ state: 'attached', timeout: 60_000 });
    return { context, page, state: await page.locator('html').getAttribute('data-offline-ready') };
  }

  it('says 已可离线使用 once the precache is stored', async () => {
    const { context, page, state } = await firstVisit();
    expect(state).toBe('ready');
    expect(await page.locator('[data-ready-toast]').innerText()).toBe('已缓存全部内容，断网也能使用');
    expect(await page.locator('.offline-failed').count()).toBe(0);
    await context.close();
  }, 90_000);

  it('with too little quota, says the site is not offline-ready and why, and never claims it is', async () => {
    const { context, page, state } = await firstVisit(1024 * 1024);
    expect(state).toBe('failed');
    const text = await page.locator('.offline-failed').innerText();
    expect(text).toContain('本站还不能离线使用');
    expect(text).toMatch(/浏览器给本站的存储空间放不下离线副本（约 \d+ MB/);
    expect(await page.locator('[data-ready-toast]').isVisible()).toBe(false);
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
    await context.close();
  }, 90_000);
});

describe('in-app browsers', () => {
  it('微信: explains how to open the site in the system browser and add it to the home screen', async () => {
    const context = await contextWith(null, { userAgent: WECHAT });
    const page = await context.newPage();
    for (const url of [HANDBOOK_PAGE, '/inspections/']) {
      await page.goto(`${base}${url}`);
      const notice = page.locator('.in-app-browser');
      await notice.waitFor();
      const text = await notice.innerText();
      expect(text).toContain('你正在微信内置的浏览器里打开本站');
      expect(text).toContain('在浏览器打开');
      expect(text).toContain('添加到主屏幕');
    }
    await page.locator('.in-app-browser').getByRole('button', { name: '知道了' }).click();
    expect(await page.locator('.in-app-browser').count()).toBe(0);
    await context.close();
  }, 60_000);

  it('企业微信 is named as itself; an ordinary browser gets no notice', async () => {
    const wx = await contextWith(null, { userAgent: WXWORK });
    const page = await wx.newPage();
    await page.goto(`${base}${HANDBOOK_PAGE}`);
    expect(await page.locator('.in-app-browser').innerText()).toContain('你正在企业微信内置的浏览器里打开本站');
    await wx.close();
    const plain = await contextWith(null);
    const p2 = await plain.newPage();
    await p2.goto(`${base}${HANDBOOK_PAGE}`);
    await p2.locator('h1').first().waitFor();
    expect(await p2.locator('.in-app-browser').count()).toBe(0);
    await plain.close();
  }, 60_000);
});
