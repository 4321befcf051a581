// Pagefind over the built HTML; only elements marked data-pagefind-body are indexed.
// Then the search corpus (issue 18, first search ≤ 150 ms): <handbook-search> ranks every page in
// memory and only ever asked Pagefind for all of them (a worker, its wasm, the index and one
// fragment file per page, ~100 requests). pagefind/corpus.json.gz holds those fragments in one
// gzip file, shaped as Pagefind's `data()` gives them, so the first search is one request.
import * as pagefind from 'pagefind';
import path from 'node:path';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';

export const SEARCH_CORPUS = 'pagefind/corpus.json.gz';
const FRAGMENT_SIGNATURE = 'pagefind_dcd';

/** @param {string} outDir */
export async function buildSearchIndex(outDir) {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind 无法创建索引：${errors.join('; ')}`);
  const added = await index.addDirectory({ path: outDir });
  if (added.errors.length) throw new Error(`Pagefind 索引出错：${added.errors.join('; ')}`);
  const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
  if (written.errors.length) throw new Error(`Pagefind 写入出错：${written.errors.join('; ')}`);
  await pagefind.close();
  await writeSearchCorpus(outDir);
  return { pageCount: added.page_count };
}

/**
 * Every fragment Pagefind wrote, as its `data()` returns it (raw_content with the word breaks, content without), by URL.
 * @param {string} outDir
 */
export async function writeSearchCorpus(outDir) {
  const dir = path.join(outDir, 'pagefind', 'fragment');
  /** @type {{ url: string, content: string, raw_content: string }[]} */
  const fragments = [];
  for (const name of await readdir(dir)) {
    const text = gunzipSync(await readFile(path.join(dir, name))).toString('utf8');
    if (!text.startsWith(FRAGMENT_SIGNATURE)) throw new Error(`Pagefind 片段格式不明：${name}`);
    const f = JSON.parse(text.slice(FRAGMENT_SIGNATURE.length));
    fragments.push({
      ...f,
      raw_content: f.content.replace(/</g, '&lt;').replace(/>/g, '&gt;'),
      content: f.content.replace(/\u200B/g, ''),
    });
  }
  fragments.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  await writeFile(path.join(outDir, SEARCH_CORPUS), gzipSync(JSON.stringify(fragments), { level: 9 }));
}
