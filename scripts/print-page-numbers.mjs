/* eslint-disable @typescript-eslint/ban-ts-comment -- see the next line */
// @ts-nocheck -- written before scripts/ were type-checked; to be given JSDoc types (noted in the issue 16 closing note)
/* global document -- used only inside functions that run in the browser page (page.evaluate) */
// Page numbers for the printed post handbooks (/posts/<post>/print/). Chromium cannot resolve CSS
// target-counter(), so the build lays every book out once the way the print dialog does (headless
// Chromium, A4, the page's own @page rules), reads on which page each chapter starts from the PDF's
// named destinations (Chromium writes one per link target), and writes the numbers into the page's
// fixed-width slots (<span class="page-slot" data-page-of="…">). The slots keep their width, so the
// filled-in page lays out exactly like the measured one. Laying out ~1,300 A4 pages takes a minute or
// two, so the result is cached in .cache/print-pages/ by the hash of the book's HTML and stylesheets.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { CHROMIUM_PATH, launchChromium } from './chromium.mjs';
import { serve } from './serve.mjs';

/** Page number (1-based) of every named destination of a PDF. */
export async function destinationPages(pdfBytes) {
  const doc = await PDFDocument.load(pdfBytes, { updateMetadata: false });
  const pageOf = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  const result = new Map();
  if (!dests) return result;
  for (const [name, value] of dests.entries()) {
    const dest = doc.context.lookup(value);
    const ref = dest instanceof PDFArray ? dest.get(0) : undefined;
    if (ref instanceof PDFRef && pageOf.has(ref.toString())) result.set(name.decodeText(), pageOf.get(ref.toString()));
  }
  return result;
}

/** Writes each slot's page number into the HTML; a slot whose target has no page stays empty. */
export function fillPageSlots(html, pages) {
  return html.replace(
    /(<span class="page-slot[^"]*" data-page-of="([^"]+)"[^>]*>)[^<]*(<\/span>)/g,
    (_, open, id, close) => `${open}${pages.get(id) ?? ''}${close}`,
  );
}

/** Numbers every printed book under outDir; returns how many books and how long they took. */
/**
 * @param {string} outDir
 * @param {{ logger?: { warn(msg: string): void; info(msg: string): void }, cacheRoot?: string }} [opts]
 */
export async function numberPrintedBooks(outDir, { logger, cacheRoot = '.cache' } = {}) {
  const postsDir = path.join(outDir, 'posts');
  const books = existsSync(postsDir)
    ? (await readdir(postsDir)).filter((p) => existsSync(path.join(postsDir, p, 'print', 'index.html')))
    : [];
  if (!books.length) return { books: 0, laidOut: 0 };
  if (!existsSync(CHROMIUM_PATH)) {
    // Without a browser to lay the books out, the contents print without page numbers (still complete).
    logger?.warn(`找不到 Chromium（${CHROMIUM_PATH}），打印版目录暂不显示页码。`);
    return { books: 0, laidOut: 0 };
  }
  const styles = await stylesheetsOf(outDir);
  const cacheDir = path.join(cacheRoot, 'print-pages');
  await mkdir(cacheDir, { recursive: true });
  const todo = [];
  for (const post of books) {
    const file = path.join(postsDir, post, 'print', 'index.html');
    const html = await readFile(file, 'utf8');
    const key = createHash('sha256').update(html).update(styles).digest('hex');
    const cached = await readJson(path.join(cacheDir, `${post}.json`));
    if (cached?.key === key) await writeFile(file, fillPageSlots(html, new Map(Object.entries(cached.pages))));
    else todo.push({ post, file, html, key });
  }
  if (!todo.length) return { books: books.length, laidOut: 0 };
  const server = await serve(outDir, { port: 0 });
  const browser = await launchChromium();
  try {
    const numberOne = async ({ post, file, html, key }) => {
      const page = await browser.newPage();
      try {
        await page.goto(`${server.url}/posts/${post}/print/`, { waitUntil: 'load', timeout: 120_000 });
        await page.evaluate(() => document.fonts.ready);
        const pages = await destinationPages(await page.pdf({ preferCSSPageSize: true }));
        await writeFile(file, fillPageSlots(html, pages));
        await writeFile(path.join(cacheDir, `${post}.json`), JSON.stringify({ key, pages: Object.fromEntries(pages) }));
      } finally {
        await page.close();
      }
    };
    // Two at a time: enough to overlap loading with layout without starving the rest of the build.
    const queue = [...todo];
    await Promise.all(
      [0, 1].map(async () => {
        for (let post = queue.shift(); post; post = queue.shift()) await numberOne(post);
      }),
    );
    return { books: books.length, laidOut: todo.length };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** All built stylesheets, which decide the layout as much as the HTML does. */
async function stylesheetsOf(outDir) {
  const dir = path.join(outDir, '_astro');
  if (!existsSync(dir)) return '';
  const css = (await readdir(dir)).filter((f) => f.endsWith('.css')).sort();
  return (await Promise.all(css.map((f) => readFile(path.join(dir, f), 'utf8')))).join('\n');
}

async function readJson(file) {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}
