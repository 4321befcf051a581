// Printing: any page prints on A4 without site chrome; a post's whole handbook prints as one book.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../support/browser';

const base = inject('baseUrl');
let browser: Browser;
const dir = mkdtempSync(path.join(tmpdir(), 'handbook-print-'));

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}
function pdfInfo(file: string): { pages: number; size: string } {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return { pages: Number(/Pages:\s+(\d+)/.exec(info)![1]), size: /Page size:\s+(.*)/.exec(info)![1]! };
}

describe('printing an SOP page', () => {
  it('hides navigation chrome, keeps the content and prints A4', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/handbook/customer-service/appointment/`);
    await page.emulateMedia({ media: 'print' });
    for (const sel of ['.site-header', '.site-footer', '.doc-sidebar', '.pager', '.toc']) {
      expect(await page.locator(sel).first().isVisible(), sel).toBe(false);
    }
    expect(await page.locator('h1').isVisible()).toBe(true);
    expect(await page.locator('.page-meta').isVisible()).toBe(true);
    const rowBreak = await page
      .locator('.prose tr')
      .first()
      .evaluate((tr) => getComputedStyle(tr).breakInside);
    expect(rowBreak).toBe('avoid');
    const headBreak = await page
      .locator('.prose h2')
      .first()
      .evaluate((h) => getComputedStyle(h).breakAfter);
    expect(headBreak).toBe('avoid');
    const file = path.join(dir, 'sop.pdf');
    writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: false }));
    const info = pdfInfo(file);
    expect(info.size).toMatch(/\(A4\)$/);
    const text = pdfText(file);
    expect(text).toContain('预约服务的受理与跟踪');
    expect(text).toContain('紧急报修');
    expect(text).not.toContain('搜索规范');
    await page.close();
  });
});

describe("printing a post's whole handbook", () => {
  it('contains every SOP of the post in order, each starting on a new page', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/posts/front-desk/`);
    const titles = await page.locator('.page-list > li > a').allInnerTexts();
    expect(titles.length).toBeGreaterThan(3);
    await page.goto(`${base}/posts/front-desk/print/`);
    const chapters = await page.locator('.book-chapter-title').allInnerTexts();
    expect(chapters).toEqual(titles);
    const file = path.join(dir, 'book.pdf');
    writeFileSync(file, await page.pdf({ preferCSSPageSize: true }));
    const { pages } = pdfInfo(file);
    // cover + contents + at least one page per chapter
    expect(pages).toBeGreaterThanOrEqual(titles.length + 2);
    const text = pdfText(file).replace(/\s+/g, '');
    let at = 0;
    for (const t of titles) {
      const i = text.indexOf(t.replace(/\s+/g, ''), at);
      expect(i, t).toBeGreaterThan(-1);
      at = i;
    }
    await page.close();
  });
});

describe('the printed book is numbered like a manual', () => {
  it('the contents list every chapter with its number and the page it starts on', { timeout: 240_000 }, async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/posts/front-desk/print/`);
    const entries = await page.locator('.book-toc > li').evaluateAll((lis) =>
      lis.map((li) => ({
        num: li.querySelector('.book-toc-num')!.textContent!.trim(),
        title: li.querySelector('.book-toc-title')!.firstChild!.textContent!.trim(),
        page: Number(li.querySelector('.book-toc-page')!.textContent),
      })),
    );
    expect(entries.length).toBeGreaterThan(10);
    expect(entries.map((e) => e.num)).toEqual(entries.map((_, i) => `${i + 1}.`));
    const file = path.join(dir, 'numbered.pdf');
    writeFileSync(file, await page.pdf({ preferCSSPageSize: true }));
    const { pages } = pdfInfo(file);
    let last = 2;
    for (const e of entries) {
      expect(e.page, e.title).toBeGreaterThan(last);
      expect(e.page).toBeLessThanOrEqual(pages);
      last = e.page;
      // The chapter's title heads the page the contents name (after its part label).
      const head = execFileSync('pdftotext', ['-f', String(e.page), '-l', String(e.page), file, '-'], { encoding: 'utf8' })
        .split('\n')
        .slice(0, 6)
        .join('')
        .replace(/\s+/g, '');
      expect(head, e.title).toContain(e.title.replace(/\s+/g, ''));
    }
    // No clipped list numbers: each number box is wide enough for its text.
    const clipped = await page
      .locator('.book-toc-num')
      .evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent));
    expect(clipped).toEqual([]);
    const text = pdfText(file);
    // Cross-references name the page and its page number, never a URL; markers are drawn, not emoji.
    expect(text).toMatch(/见《[^》]+》，第 *\d+ *页/);
    expect(text).not.toContain('/handbook/');
    expect(text).not.toMatch(/[⏱⛔]/u);
    await page.close();
  });

  it('a single page prints the titles of the pages it refers to', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/handbook/customer-service/front-desk-standard/`);
    await page.emulateMedia({ media: 'print' });
    const refs = await page.locator('.xref-print').allInnerTexts();
    expect(refs.length).toBeGreaterThan(3);
    for (const r of refs) expect(r).toMatch(/^（见《[^》]+》）$/);
    await page.close();
  });
});

describe('the sidebar', () => {
  it('shows list numbers from 10 up in full', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/handbook/customer-service/front-desk-standard/`);
    const items = page.locator('.part-nav > li');
    expect(await items.count()).toBeGreaterThanOrEqual(10);
    // The marker sits in the list's left padding: it must be wider than a two-digit number and its dot.
    const room = await page.locator('.part-nav').evaluate((ol) => {
      const probe = document.createElement('span');
      probe.textContent = '22.';
      ol.querySelector('li')!.append(probe);
      const need = probe.getBoundingClientRect().width;
      probe.remove();
      return { padding: parseFloat(getComputedStyle(ol).paddingLeft), need };
    });
    expect(room.padding).toBeGreaterThan(room.need);
    await page.close();
  });
});
