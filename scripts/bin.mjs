// Runs a package's command-line tool with the Node that runs us (`process.execPath`), not through
// PATH or a shell: tests and scripts then work outside `npm run` too, and on the pinned Node.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const projectRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/**
 * Absolute path of the JS file behind a package's bin (e.g. `astro` → node_modules/astro/bin/astro.mjs).
 * @param {string} pkg package name
 * @param {string} [name] bin name, when the package has several
 * @returns {string}
 */
export function binPath(pkg, name = pkg) {
  const dir = path.join(projectRoot, 'node_modules', pkg);
  /** @type {{ bin?: string | Record<string, string> }} */
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[name];
  if (!bin) throw new Error(`${pkg} has no bin named ${name}`);
  return path.join(dir, bin);
}

/**
 * spawnSync of a package's bin through `process.execPath`.
 * @param {string} pkg
 * @param {string[]} args
 * @param {import('node:child_process').SpawnSyncOptions} [options]
 */
export function runBin(pkg, args, options = {}) {
  return spawnSync(process.execPath, [binPath(pkg), ...args], { encoding: 'utf8', ...options });
}
