// A throwaway copy of the project that can be built on its own (node_modules shared by a link),
// for tests and benchmarks that must change content without touching the real tree.
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function copyProject(prefix = 'handbook-copy-') {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  for (const entry of ['astro.config.mjs', 'tsconfig.json', 'package.json', 'content', 'src', 'public', 'scripts', 'assets']) {
    cpSync(entry, path.join(root, entry), { recursive: true });
  }
  symlinkSync(path.resolve('node_modules'), path.join(root, 'node_modules'), 'dir');
  return root;
}
