// A new version of the built site without a second `astro build`: every hashed /_astro/ file gets
// a new name (as a rebuild with changed code gives it), every reference in pages and code follows,
// and the service worker (precache manifest and asset keeper) is generated again for the result.
import { cpSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildServiceWorker } from '../../scripts/service-worker.mjs';

const TEXT = /\.(html|js|mjs|css|json|webmanifest|txt)$/;

export async function deriveVersion(from: string, to: string, tag: string): Promise<void> {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
  const astro = path.join(to, '_astro');
  const names = readdirSync(astro).filter((f) => !f.endsWith('.map'));
  const renamed = names.map((f) => [f, `${tag}-${f.replace(/^v\d+-/, '')}`] as const);
  for (const [a, b] of renamed) renameSync(path.join(astro, a), path.join(astro, b));
  for (const d of readdirSync(to, { recursive: true, withFileTypes: true })) {
    if (!d.isFile() || !TEXT.test(d.name) || d.name === 'sw.js' || d.name === 'sw-keep.js') continue;
    const file = path.join(d.parentPath, d.name);
    const text = readFileSync(file, 'utf8');
    let next = text;
    // Both absolute (/_astro/x.js) and relative (./x.js) references end in "/<name>".
    for (const [a, b] of renamed) next = next.split(`/${a}`).join(`/${b}`);
    if (next !== text) writeFileSync(file, next);
  }
  await buildServiceWorker(to);
}
