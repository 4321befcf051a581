// Service worker generated after Pagefind so that the search index is precached.
import { generateSW } from 'workbox-build';
import path from 'node:path';
import { writeAssetKeeper } from './sw-keep-assets.mjs';

/** @param {string} outDir */
export async function buildServiceWorker(outDir) {
  const keeper = writeAssetKeeper(outDir); // earlier versions' code stays for tabs still running it
  const { count, size, warnings } = await generateSW({
    globDirectory: outDir,
    globPatterns: ['**/*'],
    globIgnores: ['sw.js', 'sw-keep.js', 'workbox-*.js', '**/*.map'],
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
  return { count, size };
}
