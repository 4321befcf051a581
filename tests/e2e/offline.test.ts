// Offline PWA: after one visit every page, the search and all assets work with the server gone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { cpSync, mkdtempSync, appendFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchPersistent } from '../support/browser';
import { serve } from '../../scripts/serve.mjs';

/** A private copy of the built site, so a test can stop its server or deploy a "new version". */
async function deploy() {
  const root = mkdtempSync(path.join(tmpdir(), 'handbook-site-'));
  cpSync('dist', root, { recursive: true });
  return { root, ...(await serve(root, { port: 0 })) };
}

async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (reg.active?.state !== 'activated') {
      await new Promise<void>((resolve) =>
        reg.active!.addEventListener('statechange', () => reg.active!.state === 'activated' && resolve()),
      );
    }
  });
}

describe('offline after one visit', () => {
  let context: BrowserContext;
  let site: Awaited<ReturnType<typeof deploy>>;
  const pageUrls: string[] = [];

  beforeAll(async () => {
    site = await deploy();
    context = await launchPersistent({ width: 1024, height: 768 });
    const page = await context.newPage();
    await page.goto(`${site.url}/`);
    await waitForServiceWorker(page);
    // Every HTML page of the site, read from the precache manifest the service worker was built with.
    const sw = readFileSync(path.join(site.root, 'sw.js'), 'utf8');
    for (const [, url] of sw.matchAll(/url:"([^"]+index\.html)"/g)) pageUrls.push(`/${url!.replace(/index\.html$/, '')}`);
    await page.close();
    await site.close(); // the server is gone: from here on only the service worker can answer
    await context.setOffline(true);
  });
  afterAll(async () => context?.close());

  it('precached every page of the site', () => {
    expect(pageUrls.length).toBeGreaterThan(40);
    expect(pageUrls).toContain('/handbook/customer-service/appointment/');
    expect(pageUrls).toContain('/search/');
  });

  // ~170 full page loads from the service worker: minutes on a loaded machine, not the default minute.
  it('opens every page with the network off', { timeout: 240_000 }, async () => {
    const page = await context.newPage();
    for (const url of pageUrls) {
      const res = await page.goto(site.url + url);
      expect(res?.ok(), url).toBe(true);
      expect(await page.locator('h1').count(), url).toBeGreaterThan(0);
    }
    await page.close();
  });

  it('loads styles and icons from the cache and shows the offline badge', async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}/handbook/customer-service/appointment/`);
    const headerBg = await page.locator('.site-header').evaluate((h) => getComputedStyle(h).backgroundColor);
    expect(headerBg).toBe('rgb(15, 92, 77)');
    expect(await page.locator('[data-offline-badge]').isVisible()).toBe(true);
    expect(await page.locator('[data-offline-badge]').innerText()).toContain('离线');
    const icon = await page.evaluate(async () => (await fetch('/icons/icon-192.png')).status);
    expect(icon).toBe(200);
    await page.close();
  });

  it('searches with the network off', async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}/search/?q=${encodeURIComponent('回访')}`);
    await page.waitForSelector('handbook-search[data-state="done"], handbook-search[data-state="error"]');
    expect(await page.locator('handbook-search').getAttribute('data-state')).toBe('done');
    expect(await page.locator('.search-results li').count()).toBeGreaterThan(0);
    await page.close();
  });
});

describe('a new deploy', () => {
  it('offers "新版本可用" and keeps what the user typed when accepted', async () => {
    const site = await deploy();
    const context = await launchPersistent();
    try {
      const page = await context.newPage();
      await page.goto(`${site.url}/handbook/customer-service/appointment/`);
      await waitForServiceWorker(page);
      await page.reload(); // now controlled by the installed worker
      expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
      await page.fill('#site-search', '装修押金怎么退');
      expect(await page.locator('[data-update-prompt]').isVisible()).toBe(false);

      appendFileSync(path.join(site.root, 'sw.js'), '\n// deploy 2\n');
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
      await page.locator('[data-update-prompt]').waitFor({ state: 'visible' });
      expect(await page.locator('[data-update-prompt]').innerText()).toContain('新版本可用');

      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: '更新' }).click()]);
      expect(await page.inputValue('#site-search')).toBe('装修押金怎么退');
      const scriptUrl = await page.evaluate(async () => {
        const r = await fetch('/sw.js', { cache: 'no-store' });
        return (await r.text()).includes('deploy 2');
      });
      expect(scriptUrl).toBe(true);
    } finally {
      await context.close();
      await site.close();
    }
  });

  it('"稍后" hides the prompt without reloading', async () => {
    const site = await deploy();
    const context = await launchPersistent();
    try {
      const page = await context.newPage();
      await page.goto(`${site.url}/`);
      await waitForServiceWorker(page);
      await page.reload();
      appendFileSync(path.join(site.root, 'sw.js'), '\n// deploy 2\n');
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
      await page.locator('[data-update-prompt]').waitFor({ state: 'visible' });
      await page.fill('#home-search', '巡逻');
      await page.getByRole('button', { name: '稍后' }).click();
      expect(await page.locator('[data-update-prompt]').isVisible()).toBe(false);
      expect(await page.inputValue('#home-search')).toBe('巡逻');
    } finally {
      await context.close();
      await site.close();
    }
  });
});
