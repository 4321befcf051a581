// Build-time post-processing: report fonts, page numbers of the printed books, module preloads, the Pagefind index and search corpus, then the service worker,
// so the worker precaches the search corpus too. Timings go to .cache/ for `npm run bench`.
import { fileURLToPath } from 'node:url';
import { mkdir, writeFile } from 'node:fs/promises';
import { buildSearchIndex } from './pagefind.mjs';
import { buildServiceWorker } from './service-worker.mjs';
import { buildReportFonts } from './font-subset.mjs';
import { numberPrintedBooks } from './print-page-numbers.mjs';
import { addModulePreloads } from './modulepreload.mjs';

export default function offlineSearch() {
  let startedAt = 0;
  return {
    name: 'handbook-offline-search',
    hooks: {
      'astro:build:start': () => {
        startedAt = performance.now();
      },
      'astro:build:done': async (/** @type {{ dir: URL, logger: import('astro').AstroIntegrationLogger }} */ { dir, logger }) => {
        const astroMs = performance.now() - startedAt;
        const outDir = fileURLToPath(dir);
        const t0 = performance.now();
        const fonts = await buildReportFonts(outDir);
        const fontMs = performance.now() - t0;
        logger.info(
          `报告字体：常用部分 ${fonts.chars} 字 ${(fonts.stored / 1e6).toFixed(2)} MB（预缓存），生僻部分 ${fonts.rare.chars} 字 ${(fonts.rare.stored / 1e6).toFixed(2)} MB（首次使用时下载）`,
        );
        // Before the index and the worker: it rewrites the printed books' HTML.
        const tp = performance.now();
        const books = await numberPrintedBooks(outDir, { logger });
        const printMs = performance.now() - tp;
        logger.info(`打印版页码：${books.books} 本（重新排版 ${books.laidOut} 本），${printMs.toFixed(0)} ms`);
        // Before the worker, which precaches the pages as they end up.
        const preloads = await addModulePreloads(outDir);
        logger.info(`模块预加载：${preloads.pages} 页，${preloads.links} 个`);
        const t1 = performance.now();
        const search = await buildSearchIndex(outDir);
        const pagefindMs = performance.now() - t1;
        logger.info(`Pagefind: ${search.pageCount} 页，${pagefindMs.toFixed(0)} ms`);
        const t2 = performance.now();
        const sw = await buildServiceWorker(outDir);
        const swMs = performance.now() - t2;
        logger.info(`Service worker: ${sw.count} 个文件预缓存，${(sw.size / 1024).toFixed(0)} KiB`);
        await mkdir('.cache', { recursive: true });
        await writeFile(
          '.cache/build-stats.json',
          JSON.stringify(
            {
              astroMs,
              fontMs,
              fontBytes: fonts.stored,
              rareFontBytes: fonts.rare.stored,
              printMs,
              pagefindMs,
              swMs,
              pageCount: search.pageCount,
              precacheCount: sw.count,
              precacheBytes: sw.size,
            },
            null,
            2,
          ),
        );
      },
    },
  };
}
