// A local CouchDB-protocol server for trying the sync and for the tests: pouchdb-server (LevelDB
// in a folder), on 127.0.0.1 only, CORS on so the site (served on another port) can replicate.
// `npm run couch` starts it on http://127.0.0.1:5984 with data in .couch/ until Ctrl-C.
// Tests call `startCouch()`: a fresh temp folder, a free port, and `stop()` kills it for sure.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { binPath } from './bin.mjs';

/** @returns {Promise<number>} a port free on 127.0.0.1 right now */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * @typedef {{ url: string, port: number, dir: string, stop: () => Promise<void>, restart: () => Promise<void> }} LocalCouch
 */

/**
 * Starts pouchdb-server and waits until it answers.
 * @param {{ dir?: string, port?: number, quiet?: boolean }} [opts]
 * @returns {Promise<LocalCouch>}
 */
export async function startCouch(opts = {}) {
  const dir = opts.dir ?? mkdtempSync(path.join(tmpdir(), 'couch-'));
  mkdirSync(dir, { recursive: true });
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  // CORS for any origin with credentials: the test site runs on a random port. In production,
  // list the site's origin instead (README).
  const config = path.join(dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      httpd: { enable_cors: true },
      cors: {
        origins: '*',
        credentials: true,
        methods: 'GET, PUT, POST, HEAD, DELETE',
        headers: 'accept, authorization, content-type, origin, referer',
      },
      log: { file: path.join(dir, 'log.txt'), level: 'warning' },
    }),
  );
  /** @type {import('node:child_process').ChildProcess | null} */
  let child = null;
  const launch = async () => {
    const c = spawn(
      process.execPath,
      [binPath('pouchdb-server'), '--host', '127.0.0.1', '--port', String(port), '--dir', dir, '--config', config],
      {
        cwd: dir,
        stdio: opts.quiet === false ? 'inherit' : 'ignore',
      },
    );
    child = c;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (c.exitCode !== null) throw new Error(`pouchdb-server exited with ${c.exitCode}`);
      try {
        if ((await fetch(url)).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        c.kill('SIGKILL');
        throw new Error('pouchdb-server did not start within 60 s');
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const kill = () =>
    new Promise((resolve) => {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null || c.signalCode !== null) return resolve(undefined);
      c.once('exit', () => resolve(undefined));
      c.kill('SIGKILL');
    });
  process.once('exit', () => child?.kill('SIGKILL'));
  await launch();
  return {
    url,
    port,
    dir,
    /** Kills the server (data stays, for restart). */
    stop: async () => {
      await kill();
    },
    restart: async () => {
      await kill();
      await launch();
    },
  };
}

/**
 * Kills the server and removes a temp folder.
 * @param {LocalCouch} couch
 */
export async function disposeCouch(couch) {
  await couch.stop();
  rmSync(couch.dir, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const couch = await startCouch({ dir: path.resolve('.couch'), port: Number(process.env.PORT ?? 5984), quiet: false });
  console.log(`pouchdb-server: ${couch.url}（数据在 ${couch.dir}；Ctrl-C 停止）`);
  process.on('SIGINT', () => void couch.stop().then(() => process.exit(0)));
}
