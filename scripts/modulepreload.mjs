// Module preloads (issue 18, opening an inspection): Astro puts a page's module scripts at the end
// of <body>, and each chunk they import is found only once its importer has arrived, so a form
// page waited on a chain of downloads after parsing ~150 KB of HTML. Every page gets, in <head>,
// a <link rel="modulepreload"> for each module its scripts load statically (the entries and
// their static imports, transitively): the same files, fetched at once, in parallel.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const ENTRY = /<script[^>]*type="module"[^>]*src="\/_astro\/([^"]+)"/g;
const STATIC_IMPORT = /(?:^|[;\s}])import\s*(?:[^"'()]*?from\s*)?["']\.\/([^"']+\.js)["']/g;

/**
 * The modules a page's scripts load before running: the entries, then their static imports.
 * @param {string} html @param {(file: string) => Promise<string>} readChunk
 * @returns {Promise<string[]>} file names under /_astro/, entries first
 */
export async function staticModules(html, readChunk) {
  const todo = [...html.matchAll(ENTRY)].map((m) => String(m[1]));
  const seen = new Set();
  while (todo.length) {
    const file = String(todo.shift());
    if (seen.has(file)) continue;
    seen.add(file);
    for (const m of (await readChunk(file)).matchAll(STATIC_IMPORT)) todo.push(String(m[1]));
  }
  return [...seen];
}

/** @param {string} outDir @returns {Promise<{ pages: number, links: number }>} */
export async function addModulePreloads(outDir) {
  const chunks = new Map();
  const readChunk = (/** @type {string} */ file) => {
    if (!chunks.has(file)) chunks.set(file, readFile(path.join(outDir, '_astro', file), 'utf8'));
    return chunks.get(file);
  };
  let pages = 0;
  let links = 0;
  for (const entry of await readdir(outDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const html = await readFile(file, 'utf8');
    const modules = await staticModules(html, readChunk);
    if (!modules.length || html.includes('rel="modulepreload"') || !html.includes('</head>')) continue;
    const tags = modules.map((m) => `<link rel="modulepreload" href="/_astro/${m}">`).join('');
    await writeFile(file, html.replace('</head>', `${tags}</head>`));
    pages++;
    links += modules.length;
  }
  return { pages, links };
}
