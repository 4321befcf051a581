// A small static server for dist/ (used by `npm start` and the browser tests).
// Mirrors a typical static host: directory URLs serve index.html, missing files get 404.html,
// and every response carries the security headers the README asks a host to send (csp.mjs).
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { SECURITY_HEADERS } from './csp.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
};

// Text is sent gzip-compressed, as any real static host does (nginx `gzip on`): a whole-post print
// page is ~500 KB of HTML and ~90 KB compressed. Compressed bodies are kept per file and mtime.
const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json)|image\/svg)/;
/** @type {Map<string, { mtimeMs: number, gz: Buffer }>} */
const gzipped = new Map();
/**
 * @param {string} file
 * @param {Buffer} body
 */
async function gzipOf(file, body) {
  const { mtimeMs } = await stat(file);
  const hit = gzipped.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.gz;
  const gz = gzipSync(body);
  gzipped.set(file, { mtimeMs, gz });
  return gz;
}

async function resolveFile(root, urlPath) {
  const decoded = decodeURIComponent(urlPath);
  const full = path.join(root, decoded);
  if (!full.startsWith(root)) return null; // path traversal
  try {
    const s = await stat(full);
    if (s.isDirectory()) {
      const index = path.join(full, 'index.html');
      await stat(index);
      return index;
    }
    return full;
  } catch {
    return null;
  }
}

/** Starts a server for `root`; resolves with { url, close }. Port 0 picks a free port. */
export function serve(root, { port = 4321, host = '127.0.0.1', log = false } = {}) {
  const absRoot = path.resolve(root);
  const server = http.createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://x');
    if (pathname.endsWith('/') === false && !path.extname(pathname)) {
      res.writeHead(301, { ...SECURITY_HEADERS, location: `${pathname}/` }).end();
      return;
    }
    const file = await resolveFile(absRoot, pathname);
    const status = file ? 200 : 404;
    const target = file ?? path.join(absRoot, '404.html');
    try {
      const body = await readFile(target);
      const type = TYPES[path.extname(target)] ?? 'application/octet-stream';
      // Always revalidate, like a fresh deploy would: the service worker must see new versions.
      const cache = 'no-cache';
      const gzip = body.length > 1024 && COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      const payload = gzip ? await gzipOf(target, body) : body;
      res.writeHead(status, {
        ...SECURITY_HEADERS,
        'content-type': type,
        'cache-control': cache,
        vary: 'Accept-Encoding',
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      });
      res.end(req.method === 'HEAD' ? undefined : payload);
    } catch {
      res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end('404');
    }
    if (log) console.log(status, req.method, pathname);
  });
  const connections = new Set();
  server.on('connection', (c) => {
    connections.add(c);
    c.on('close', () => connections.delete(c));
  });
  return new Promise((resolve) => {
    server.listen(port, host, () => {
      const addr = server.address();
      resolve({
        url: `http://${host}:${addr.port}`,
        close: () =>
          new Promise((done) => {
            for (const c of connections) c.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 4321);
  const { url } = await serve('dist', { port, host: process.env.HOST ?? '127.0.0.1' });
  console.log(`物业手册已启动：${url}/  （按 Ctrl+C 停止）`);
}
