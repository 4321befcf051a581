// Pagefind over the built HTML; only elements marked data-pagefind-body are indexed.
import * as pagefind from 'pagefind';
import path from 'node:path';

/** @param {string} outDir */
export async function buildSearchIndex(outDir) {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind 无法创建索引：${errors.join('; ')}`);
  const added = await index.addDirectory({ path: outDir });
  if (added.errors.length) throw new Error(`Pagefind 索引出错：${added.errors.join('; ')}`);
  const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
  if (written.errors.length) throw new Error(`Pagefind 写入出错：${written.errors.join('; ')}`);
  await pagefind.close();
  return { pageCount: added.page_count };
}
