// Service worker generated after Pagefind so that the search index is precached.
import { generateSW } from 'workbox-build';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeAssetKeeper } from './sw-keep-assets.mjs';

/** @param {string} outDir */
export async function buildServiceWorker(outDir) {
  const keeper = writeAssetKeeper(outDir); // earlier versions' code stays for tabs still running it
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
