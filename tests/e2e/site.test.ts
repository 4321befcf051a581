// Reading the handbook: home, SOP pages, navigation by post and by part, on phone, tablet and desktop.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';

const base = inject('baseUrl');
const SOP = '/handbook/customer-service/appointment/';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

async function open(path: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport, locale: 'zh-CN' });
  const res = await page.goto(base + path);
  expect(res?.status(), path).toBe(200);
  return page;
}

describe('home page', () => {
  it('starts from the posts and the parts, in Chinese', async () => {
    const page = await open('/');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.locator('h1').first().innerText()).toBe('物业服务标准作业手册');
    const postLinks = await page.locator('#by-post ~ .line-group a, section:has(#by-post) .card a').allInnerTexts();
    for (const post of [
      '客服前台',
      '客服区管',
      '安防卡口',
      '安防巡逻',
      '监控/消防中心',
      '车辆收费',
      '上门维修',
      '公共维修',
      '绿化养护',
      '清洁保洁',
      '项目经理',
    ]) {
      expect(postLinks).toContain(post);
    }
    const partLinks = await page.locator('section:has(#by-part) .card a').allInnerTexts();
    expect(partLinks).toContain('客户服务');
    expect(partLinks.length).toBe(8);
    await page.close();
  });

  it('leads from a post to its SOPs and from there to a page', async () => {
    const page = await open('/');
    await page.getByRole('link', { name: '客服前台', exact: true }).first().click();
    await page.waitForURL('**/posts/front-desk/');
    expect(await page.locator('h1').innerText()).toBe('客服前台');
    await page.getByRole('link', { name: '预约服务的受理与跟踪' }).click();
    await page.waitForURL(`**${SOP}`);
    await page.close();
  });
});

describe('an SOP page', () => {
  it('shows title, summary, posts, sources, last-updated date, table of contents and prev/next', async () => {
    const page = await open(SOP);
    expect(await page.locator('h1').innerText()).toBe('预约服务的受理与跟踪');
    expect(await page.locator('.summary').innerText()).toContain('5 分钟内通知');
    const meta = await page.locator('.page-meta').innerText();
    expect(meta).toContain('客服前台');
    expect(meta).toContain('服务中心作业指导书');
    expect(meta).toMatch(/最后更新\s*\n?\s*\d{4}-\d{2}-\d{2}/);
    expect(await page.locator('[data-page-version]').innerText()).toMatch(/^[0-9a-f]{12}$/); // content hash for training
    const toc = await page.locator('.toc a').allInnerTexts();
    expect(toc).toContain('紧急报修');
    // Every TOC entry points at a heading on the page.
    for (const href of await page.locator('.toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))) {
      expect(await page.locator(href).count(), href).toBe(1);
    }
    expect(await page.locator('.pager a').count()).toBeGreaterThanOrEqual(1);
    await page.close();
  });

  it('renders configurable values from params.yaml with a link to the parameter page', async () => {
    const page = await open(SOP);
    const param = page.locator('a.param').first();
    expect(await param.getAttribute('href')).toBe('/params/#repair.emergencyDepartMinutes');
    expect(await param.innerText()).toMatch(/^\d+ 分钟/);
    await page.close();
    const params = await open('/params/');
    expect(await params.locator('tr[id="repair.emergencyDepartMinutes"]').innerText()).toContain('预约服务的受理与跟踪');
    await params.close();
  });

  it('ships no JavaScript but the service-worker registration', async () => {
    const page = await open(SOP);
    const scripts = await page
      .locator('script')
      .evaluateAll((els) =>
        els.map((s) => ({ src: s.getAttribute('src'), type: s.getAttribute('type'), inline: s.textContent?.length ?? 0 })),
      );
    // One module script (pwa-client: workbox-window + offline badge); nothing else.
    expect(scripts.length).toBe(1);
    expect(scripts[0]!.type).toBe('module');
    await page.close();
  });

  it('stays within its JavaScript budget, the reading script included', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
    const js = new Map<string, number>();
    page.on('response', async (r) => {
      if (r.url().endsWith('.js') && !r.url().endsWith('/sw.js')) js.set(r.url(), (await r.body()).length);
    });
    await page.goto(base + SOP);
    await page.waitForLoadState('networkidle');
    // The reading script is in place (it answers with its evidence block once a learner is chosen).
    expect(await page.locator('[data-reading] [data-read-end]').count()).toBe(1);
    const total = [...js.values()].reduce((a, b) => a + b, 0);
    console.log(`handbook page JavaScript: ${total} bytes in ${js.size} files`);
    // Budget for a handbook page: service-worker registration + reading evidence for training.
    expect(total).toBeLessThanOrEqual(16 * 1024);
    await page.close();
  });

  it('marks derived pages visibly', async () => {
    const page = await open(SOP);
    expect(await page.locator('.basis-derived').count()).toBe(0);
    expect(await page.locator('.basis').innerText()).toContain('来自公司手册原文');
    await page.close();
  });
});

describe('layout on phone, tablet and desktop', () => {
  const sizes = {
    phone: { width: 360, height: 740 },
    'tablet portrait': { width: 768, height: 1024 },
    'tablet landscape': { width: 1024, height: 768 },
    desktop: { width: 1440, height: 900 },
  };
  for (const [name, viewport] of Object.entries(sizes)) {
    it(`${name}: no horizontal scrolling and the menu opens`, async () => {
      for (const path of ['/', SOP, '/posts/front-desk/', '/handbook/customer-service/', '/params/', '/search/?q=回访']) {
        const page = await open(path, viewport);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} at ${viewport.width}px`).toBeLessThanOrEqual(0);
        await page.close();
      }
      const page = await open(SOP, viewport);
      await page.locator('.nav-menu > summary').click();
      const link = page.locator('.nav-panel').getByRole('link', { name: '车辆收费' });
      expect(await link.isVisible()).toBe(true);
      const box = await link.boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);
      await link.click();
      await page.waitForURL('**/posts/parking/');
      await page.close();
    });
  }
});

describe('404', () => {
  it('answers unknown addresses with a Chinese not-found page', async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${base}/handbook/nothing/here/`);
    expect(res?.status()).toBe(404);
    expect(await page.locator('h1').innerText()).toBe('页面不存在');
    await page.close();
  });
});

describe('installable web app', () => {
  it('links a Chinese manifest with 192 and 512 px icons that load', async () => {
    const page = await open('/');
    const href = await page.getAttribute('link[rel=manifest]', 'href');
    expect(href).toBe('/manifest.webmanifest');
    const manifest = await page.evaluate(async (h) => {
      const r = await fetch(h!);
      return { type: r.headers.get('content-type'), body: await r.json() };
    }, href);
    expect(manifest.type).toContain('application/manifest+json');
    const m = manifest.body as {
      name: string;
      short_name: string;
      lang: string;
      start_url: string;
      display: string;
      icons: { src: string; sizes: string; type: string }[];
    };
    expect(m).toMatchObject({ name: '物业服务标准作业手册', short_name: '物业手册', lang: 'zh-CN', start_url: '/', display: 'standalone' });
    for (const size of ['192x192', '512x512']) {
      const icon = m.icons.find((i) => i.sizes === size && i.type === 'image/png');
      expect(icon, size).toBeDefined();
      const dims = await page.evaluate(async (src) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        return `${img.naturalWidth}x${img.naturalHeight}`;
      }, icon!.src);
      expect(dims).toBe(size);
    }
    await page.close();
  });
});
