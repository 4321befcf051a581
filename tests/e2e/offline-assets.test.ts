// What the service worker precaches and what a page must load before it works: the report font's
// common part is a precached gzip file the browser inflates offline, its rare part is cached on
// first use, and the trust screens load pkijs only on use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchPersistent } from '../support/browser';
import { serve } from '../../scripts/serve.mjs';

const DIST = 'dist';
const manifest = () => [...readFileSync(path.join(DIST, 'sw.js'), 'utf8').matchAll(/url:"([^"]*)"/g)].map((m) => m[1]!);
const size = (url: string) => statSync(path.join(DIST, url)).size;

// Issue 18 asks for 8 MB (it was 16.4 MB, 13.6 MB with one font weight): the printed books and the
// font's rare part are cached on first use. The limit only ratchets down.
const PRECACHE_LIMIT = 8e6;
const FONT_LIMIT = 1.1e6;
const RARE_FONT = 'fonts/report-sans-rare.ttf.gz';

/** The scripts a page's own module scripts import statically: what must load before it runs. */
function criticalScripts(page: string): string[] {
  const html = readFileSync(path.join(DIST, page, 'index.html'), 'utf8');
  const todo = [...html.matchAll(/<script[^>]*type="module"[^>]*src="\/_astro\/([^"]+)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    const js = readFileSync(path.join(DIST, '_astro', f), 'utf8');
    for (const m of js.matchAll(/(?:^|[;\s}])import\s*(?:[^"'()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) todo.push(m[1]!);
  }
  return [...seen];
}

describe('precache', () => {
  it(`stays under ${PRECACHE_LIMIT / 1e6} MB with the report font in it`, () => {
    const urls = manifest();
    const total = urls.reduce((s, u) => s + size(u), 0);
    expect(total).toBeLessThanOrEqual(PRECACHE_LIMIT);
    expect(urls.filter((u) => u.startsWith('fonts/')).sort()).toEqual(['fonts/OFL.txt', 'fonts/report-sans.ttf.gz']);
    expect(size('fonts/report-sans.ttf.gz')).toBeLessThanOrEqual(FONT_LIMIT);
    expect(readdirSync(path.join(DIST, 'fonts')).sort()).toEqual(['OFL.txt', 'report-sans-rare.ttf.gz', 'report-sans.ttf.gz']);
    expect(urls.filter((u) => /^posts\/[^/]+\/print\//.test(u))).toEqual([]);
    // Search offline needs only the corpus (issue 18); Pagefind's runtime and UI bundles are not precached.
    expect(urls.filter((u) => u.startsWith('pagefind/'))).toEqual(['pagefind/corpus.json.gz']);
  });

  it('the trust screens do not load pkijs, the QR code or the verifier before they are used', () => {
    for (const [page, limit] of [
      ['trust', 200],
      ['enrol', 200],
      ['verify', 40],
      ['reports', 100],
    ] as const) {
      const files = criticalScripts(page);
      expect(files.length, page).toBeGreaterThan(0);
      const kib = files.reduce((s, f) => s + size(`_astro/${f}`), 0) / 1024;
      expect(kib, page).toBeLessThanOrEqual(limit);
      // pkijs keeps its class names as strings; jsQR and qrcode their error texts.
      for (const f of files) {
        const js = readFileSync(path.join(DIST, '_astro', f), 'utf8');
        expect(js.includes('CertificationRequest'), `${page}: ${f}`).toBe(false);
      }
    }
  });
});

describe('report font offline', () => {
  let context: BrowserContext;
  let site: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'handbook-font-'));
    cpSync(DIST, root, { recursive: true });
    site = await serve(root, { port: 0 });
    context = await launchPersistent({ width: 1024, height: 768 });
  });
  afterAll(async () => {
    await context?.close();
    await site?.close();
  });

  it('comes from the precache with the network off and inflates to the TrueType font', async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}/`);
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      if (reg.active?.state !== 'activated')
        await new Promise<void>((resolve) =>
          reg.active!.addEventListener('statechange', () => reg.active!.state === 'activated' && resolve()),
        );
    });
    await context.setOffline(true);
    await page.goto(`${site.url}/reports/`); // a navigation the service worker answers and controls
    const got = await page.evaluate(async () => {
      const res = await fetch('/fonts/report-sans.ttf.gz');
      const ttf = new Uint8Array(await new Response(res.body!.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
      return { ok: res.ok, length: ttf.length, head: [...ttf.subarray(0, 4)] };
    });
    await context.setOffline(false);
    const expected = gunzipSync(readFileSync(path.join(DIST, 'fonts/report-sans.ttf.gz')));
    expect(got).toEqual({ ok: true, length: expected.length, head: [0, 1, 0, 0] });
  });

  it('its rare part is not there offline before first use, and is after one fetch online', async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}/`); // controlled by the worker; no report maker to warm the font
    const fetchRare = () =>
      page.evaluate(async (url) => {
        try {
          const res = await fetch(url);
          return res.ok ? (await res.arrayBuffer()).byteLength : res.status;
        } catch {
          return 'failed';
        }
      }, `/${RARE_FONT}`);
    await context.setOffline(true);
    expect(await fetchRare()).toBe('failed');
    await context.setOffline(false);
    expect(await fetchRare()).toBe(size(RARE_FONT)); // online: fetched and cached by the worker
    await context.setOffline(true);
    expect(await fetchRare()).toBe(size(RARE_FONT));
    await context.setOffline(false);
    await page.close();
  });
});
