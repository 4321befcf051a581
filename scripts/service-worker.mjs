// Service worker generated after Pagefind so that the search index is precached.
import { generateSW } from 'workbox-build';
import { readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { writeAssetKeeper } from './sw-keep-assets.mjs';

/** @param {string} outDir */
export async function buildServiceWorker(outDir) {
  const keeper = writeAssetKeeper(outDir); // earlier versions' code stays for tabs still running it
  const rareFontHash = createHash('sha256')
    .update(await readFile(path.join(outDir, 'fonts/report-sans-rare.ttf.gz')))
    .digest('hex')
    .slice(0, 12);
  const { count, size, warnings } = await generateSW({
    globDirectory: outDir,
    globPatterns: ['**/*'],
    // Pagefind's own UI bundles (0.43 MB) are unused: <handbook-search> calls pagefind.js directly.
    globIgnores: [
      'sw.js',
      'sw-keep.js',
      'workbox-*.js',
      '**/*.map',
      'pagefind/pagefind-{ui,component-ui,modular-ui}.{js,css}',
      'pagefind/pagefind-highlight.js',
      // Nor, offline, is Pagefind's runtime (0.6 MB): search reads pagefind/corpus.json.gz (issue 18)
      // and falls back to pagefind.js only online, when the corpus cannot be read.
      'pagefind/{pagefind.js,pagefind-worker.js,pagefind-entry.json,wasm.*,*.pf_meta}',
      'pagefind/{fragment,index,filter}/**',
      // Issue 18 (precache ≤ 8 MB): the printed books (4.4 MB) and the rare part of the report
      // font (1.5 MB) are cached when first used instead, by the runtime routes below.
      'posts/*/print/**',
      'fonts/report-sans-rare.ttf.gz',
    ],
    runtimeCaching: [
      {
        // A printed book opened once online prints offline afterwards; the network copy is
        // preferred so a reprint is current, and never-opened books show /offline/print/.
        urlPattern: ({ url }) => /^\/posts\/[^/]+\/print\/(index\.html)?$/.test(url.pathname),
        handler: 'NetworkFirst',
        options: {
          cacheName: 'printed-books',
          networkTimeoutSeconds: 10,
          precacheFallback: { fallbackURL: '/offline/print/index.html' },
        },
      },
      {
        // Cache first (1.5 MB, not fetched again per report); the cache is named by the file's
        // hash, so a build with another rare character set fetches the new file once.
        urlPattern: ({ url }) => url.pathname === '/fonts/report-sans-rare.ttf.gz',
        handler: 'CacheFirst',
        options: { cacheName: `report-font-rare-${rareFontHash}` },
      },
    ],
    importScripts: [keeper.url],
    swDest: path.join(outDir, 'sw.js'),
    // Query strings never change what a static page is: ?q= on the search page,
    // ?ts= on Pagefind's entry fetch. Ignoring them all keeps offline lookups hitting the precache.
    ignoreURLParametersMatching: [/.*/],
    directoryIndex: 'index.html',
    cleanupOutdatedCaches: true,
    maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
    inlineWorkboxRuntime: true,
    sourcemap: false,
    mode: 'production',
  });
  for (const w of warnings) console.warn(`[service-worker] ${w}`);
  // Written after the service worker so it is not precached itself: when installing fails, the
  // page fetches it to tell the user how much room the offline copy needs (pwa-notices.ts).
  await writeFile(path.join(outDir, 'offline-copy.json'), JSON.stringify({ files: count, bytes: size }));
  return { count, size };
}
