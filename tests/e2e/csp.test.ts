// The Content-Security-Policy holds on every page of the build: every page's HTML is checked for
// what the policy forbids, every kind of page is opened (with the sample server's headers and the
// page's own <meta>), and the interactive screens are used a little, because most violations happen at run time (Pagefind's wasm, workers, blob: images,
// zod's code generation). Any securitypolicyviolation event or CSP console report fails.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../support/browser';
import { inspectionDocument, makePki, reportPdf } from '../support/signing-fixture';
import { CSP } from '../../scripts/csp.mjs';

const base = inject('baseUrl');

/** Every HTML page the build wrote, as the path a visitor opens; 404.html through a missing URL. */
function builtRoutes(root: string): string[] {
  if (!existsSync(root)) return [];
  const files = (readdirSync(root, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/'));
  const pages = files.filter((f) => f.endsWith('index.html')).map((f) => `/${f.replace(/index\.html$/, '')}`);
  if (files.includes('404.html')) pages.push('/no-such-page/');
  return pages.sort();
}
const ROUTES = builtRoutes('dist');

function htmlOf(url: string): string {
  const file = url === '/no-such-page/' ? 'dist/404.html' : path.join('dist', url, 'index.html');
  return readFileSync(file, 'utf8');
}

/**
 * Routes opened in the browser: every route outside the handbook and the printed books, and for
 * each set of scripts (and whether the page has images or frames) the handbook routes use, the
 * first three of them.
 */
function runtimeRoutes(): string[] {
  const seen = new Map<string, number>();
  return ROUTES.filter((url) => {
    if (!/^\/(handbook|posts)\//.test(url)) return true;
    const html = htmlOf(url);
    const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]).sort();
    const key = `${scripts.join(' ')} img:${/<img\b/.test(html)} frame:${/<iframe\b/.test(html)} ${url.split('/')[1]}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return n < 3;
  });
}

let browser: Browser;
let context: BrowserContext;
let page: Page;
const violations: string[] = [];

/** Runs in every page before its scripts: keeps each violation the browser reports. */
function listenForViolations() {
  const w = window as unknown as { __csp: string[] };
  w.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    w.__csp.push(`${e.violatedDirective} ${e.blockedURI || '(inline)'} ${e.sourceFile}:${e.lineNumber}`);
  });
}

let current = '';
async function visit(url: string): Promise<void> {
  // What the previous page reported after its first collection (late async work) is kept too.
  if (current) await collect(current);
  current = url;
  await page.goto(`${base}${url}`, { waitUntil: 'load' });
  // Let module scripts and the elements' first async work (IndexedDB, fetches) run.
  await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => undefined);
  await collect(url);
}

async function collect(url: string): Promise<void> {
  const found = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp.splice(0));
  violations.push(...found.map((v) => `${url}: ${v}`));
}

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
  await context.addInitScript(listenForViolations);
  page = await context.newPage();
  const report = (where: string, text: string) => {
    if (/Content Security Policy|Refused to (load|execute|apply|evaluate|compile|create|connect|frame)/i.test(text))
      violations.push(`${where}: ${text}`);
  };
  page.on('console', (m) => report(`console ${page.url()}`, m.text()));
  page.on('pageerror', (e) => report(`error ${page.url()}`, e.message));
  page.on('worker', (w) => w.on('console', (m) => report(`worker ${w.url()}`, m.text())));
}, 120_000);
afterAll(async () => browser?.close());

describe('Content-Security-Policy', () => {
  it('every page carries the policy, and the server sends it with nosniff and a referrer policy', async () => {
    expect(ROUTES.length).toBeGreaterThan(150);
    const res = await fetch(`${base}/`);
    expect(res.headers.get('content-security-policy')).toContain(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CSP}">`);
  });

  it('no page holds inline script, style or handlers, or loads anything from another origin', () => {
    const problems: string[] = [];
    for (const url of ROUTES) {
      const html = htmlOf(url);
      if (!html.includes(`<meta http-equiv="Content-Security-Policy" content="${CSP}">`)) problems.push(`${url}: no policy meta`);
      for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g))
        if (m[2]!.trim() && !/type="application\/(ld\+)?json"/.test(m[1]!)) problems.push(`${url}: inline script`);
      if (/<style\b/.test(html)) problems.push(`${url}: <style>`);
      if (/\sstyle="/.test(html)) problems.push(`${url}: style attribute`);
      if (/\son[a-z]+="/.test(html)) problems.push(`${url}: inline handler`);
      for (const m of html.matchAll(/\s(?:src|srcset|data)="(https?:)?\/\/[^"]*"/g)) problems.push(`${url}: ${m[0].trim()}`);
    }
    expect(problems).toEqual([]);
  });

  // At run time, pages that load the same scripts behave the same: every app screen is opened,
  // and of the handbook's many pages with one set of scripts, a few of each kind.
  const runtime = runtimeRoutes();
  const groups = 3;
  for (let g = 0; g < groups; g++) {
    const slice = runtime.filter((_, i) => i % groups === g);
    it(`reports no violation at run time on ${slice.length} routes (group ${g + 1} of ${groups})`, async () => {
      const before = violations.length;
      for (const url of slice) {
        await visit(url);
        const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
        expect(meta, url).toBe(CSP);
      }
      expect(violations.slice(before)).toEqual([]);
    }, 180_000);
  }

  it('reports none while searching (the precached corpus)', async () => {
    const before = violations.length;
    await visit('/search/?q=%E7%94%B5%E6%A2%AF%E5%9B%B0%E4%BA%BA');
    await page.locator('.search-results li > a').first().waitFor({ timeout: 30_000 });
    await collect('/search/');
    expect(violations.slice(before)).toEqual([]);
  }, 60_000);

  it('reports none when search falls back to Pagefind itself (its worker and wasm: why wasm-unsafe-eval)', async () => {
    // Without the corpus file (and without the service worker, which would serve it), the page loads Pagefind.
    const ctx = await browser.newContext({ locale: 'zh-CN', serviceWorkers: 'block' });
    try {
      await ctx.addInitScript(listenForViolations);
      await ctx.route('**/pagefind/corpus.json.gz', (route) => route.abort());
      const fetched: string[] = [];
      ctx.on('request', (r) => fetched.push(new URL(r.url()).pathname));
      const p = await ctx.newPage();
      const workerViolations: string[] = [];
      p.on('console', (m) => /Content Security Policy/i.test(m.text()) && workerViolations.push(m.text()));
      await p.goto(`${base}/search/?q=%E7%94%B5%E6%A2%AF%E5%9B%B0%E4%BA%BA`);
      await p.locator('.search-results li > a').first().waitFor({ timeout: 60_000 });
      expect(fetched).toContain('/pagefind/pagefind.js');
      expect(fetched.some((u) => /^\/pagefind\/wasm\..*\.pagefind$/.test(u))).toBe(true);
      expect(await p.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
      expect(workerViolations).toEqual([]);
    } finally {
      await ctx.close();
    }
  }, 90_000);

  it('reports none while starting an inspection, answering and adding a photo', async () => {
    const before = violations.length;
    await visit('/inspections/');
    await page.locator('inspection-list[data-state="ready"]').waitFor();
    await page.locator('input[name="project"]').fill('翠湖花园');
    await page.locator('input[name="area"]').fill('1 号楼');
    await page.locator('input[name="inspector"]').fill('王品质');
    await page.locator('[data-new] button[type="submit"]').click();
    await page.waitForURL(/\/inspections\/[^/]+\/\?id=/);
    await page.locator('inspection-form[data-state="ready"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-item] input[type=radio]').first().check();
    // A stored photo is shown through a blob: URL.
    const item = page.locator('[data-item]').first();
    await item.locator('[data-photo-input]').setInputFiles({ name: 'p.png', mimeType: 'image/png', buffer: await tinyPng(page) });
    const img = item.locator('[data-photos] img').first();
    await img.waitFor({ state: 'attached', timeout: 30_000 });
    await page.waitForFunction((el) => (el as HTMLImageElement).complete, await img.elementHandle());
    expect(await img.evaluate((el) => [(el as HTMLImageElement).src.slice(0, 5), (el as HTMLImageElement).naturalWidth > 0])).toEqual([
      'blob:',
      true,
    ]);
    await collect('/inspections/<template>/');
    expect(violations.slice(before)).toEqual([]);
  }, 90_000);

  it('reports none while verifying a signed report (worker, pdf parsing)', async () => {
    const before = violations.length;
    const pki = await makePki();
    const dir = mkdtempSync(path.join(tmpdir(), 'csp-e2e-'));
    const pdf = path.join(dir, 'report.pdf');
    writeFileSync(pdf, await reportPdf(inspectionDocument(), pki.inspector));
    await visit('/verify/');
    await page.locator('report-verifier[data-state="ready"]').waitFor();
    await page.locator('[data-file]').setInputFiles(pdf);
    await page.locator('report-verifier[data-verdict]:not([data-verdict=""])').waitFor({ timeout: 60_000 });
    await collect('/verify/');
    expect(violations.slice(before)).toEqual([]);
  }, 90_000);
});

/** A small PNG made by the page's own canvas. */
async function tinyPng(p: Page): Promise<Buffer> {
  const b64 = await p.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = c.height = 64;
    const g = c.getContext('2d')!;
    g.fillStyle = '#0a0';
    g.fillRect(0, 0, 64, 64);
    return c.toDataURL('image/png').split(',')[1]!;
  });
  return Buffer.from(b64, 'base64');
}
