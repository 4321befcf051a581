// The crash window of the filling screen, measured: give an answer (a real click), kill the whole Chromium process
// group (SIGKILL: no unload, no flush) a given delay later, restart on the same profile and look
// whether the reopened inspection shows the answer (from IndexedDB or a replayed journal).
// Used by `npm run bench` (losses per delay) and tests/e2e/crash-window.test.ts (a bound).
import { spawn } from 'node:child_process';
import http from 'node:http';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
import { startInspection as newInspection, tapPoint } from '../tests/support/tablet-steps.mjs';

/** Chromium as its own process group on `profile`, driven over CDP, so it can be killed outright. */
async function startChromium(/** @type {string} */ profile) {
  const child = spawn(
    CHROMIUM_PATH,
    [...CHROMIUM_ARGS, '--headless', `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  const ws = await new Promise((resolve, reject) => {
    child.stderr.on('data', (d) => {
      log += d;
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(log);
      if (m) resolve(m[1]);
    });
    child.on('exit', () => reject(new Error(`Chromium 未能启动：${log.slice(-500)}`)));
  });
  const browser = await chromium.connectOverCDP(/** @type {string} */ (ws));
  const exited = once(child, 'exit');
  return {
    page: async () => {
      const ctx = browser.contexts()[0] ?? (await browser.newContext());
      return ctx.newPage();
    },
    kill: async () => {
      process.kill(-(/** @type {number} */ (child.pid)), 'SIGKILL');
      await exited;
    },
  };
}

/**
 * Where the page reports, as they happen, when the answer's handler ran and when IndexedDB
 * committed it (the kill loses anything not yet sent, so these are sent at once, not collected).
 */
async function markServer() {
  /** @type {{ k: string; at: number }[]} */
  const marks = [];
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    marks.push({ k: u.searchParams.get('k') ?? '', at: Date.now() });
    res.writeHead(204, { 'access-control-allow-origin': '*' }).end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  return { port, marks, close: () => new Promise((r) => server.close(() => r(undefined))) };
}

/* global window, IDBObjectStore */
/** Runs in the page before its scripts: reports the change event and the inspections commit. */
function reportMarks(/** @type {number} */ port) {
  const send = (/** @type {string} */ k) => navigator.sendBeacon(`http://127.0.0.1:${port}/?k=${k}`);
  window.addEventListener('change', () => send('handler'), true);
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...args) {
    if (this.name === 'inspections') this.transaction.addEventListener('complete', () => send('committed'));
    return put.apply(this, /** @type {any} */ (args));
  };
}

/** @param {import('playwright-core').Page} page @param {string} base */
async function startInspection(page, base) {
  const url = await newInspection(page, base, { lock: 'editing' });
  const items = await page
    .locator('[data-item][data-kind="check"]')
    .evaluateAll((els) => els.map((e) => /** @type {HTMLElement} */ (e).dataset.item ?? ''));
  return { url, items };
}

/**
 * For each delay, `trials` answers each tapped once and followed by a kill after that delay.
 * @param {{ base: string; delays: number[]; trials: number; onTrial?: (r: { delay: number; id: string; survived: boolean; handler?: number; committed?: number }) => void }} o
 * @returns {Promise<{ results: Map<number, { given: number; lost: number }>; latency: { handler: number[]; committed: number[] } }>}
 * `latency`: ms from the release to the answer's handler and to its IndexedDB commit, where seen.
 */
export async function measureCrashWindow({ base, delays, trials, onTrial }) {
  const profile = mkdtempSync(path.join(tmpdir(), 'handbook-crash-'));
  const beacon = await markServer();
  /** @type {{ handler: number[]; committed: number[] }} */
  const latency = { handler: [], committed: [] };
  let chrome = await startChromium(profile);
  const newPage = async () => {
    const p = await chrome.page();
    await p.addInitScript(reportMarks, beacon.port);
    return p;
  };
  let page = await newPage();
  let { url, items } = await startInspection(page, base);
  let next = 0;
  /** @type {Map<number, { given: number; lost: number }>} */
  const results = new Map(delays.map((d) => [d, { given: 0, lost: 0 }]));
  try {
    for (let round = 0; round < trials; round++) {
      for (const delay of delays) {
        if (next >= items.length) {
          ({ url, items } = await startInspection(page, base));
          next = 0;
        }
        const id = items[next++];
        // The press goes through CDP and the release is sent without waiting for its handling: the
        // delay runs from the moment the finger lifts, so input latency is inside the window.
        // A finger taps what it sees: the press waits for the control to be painted (see tapPoint).
        const point = await tapPoint(page.locator(`[data-item="${id}"] input[value="pass"]`));
        const at = { ...point, button: /** @type {const} */ ('left'), clickCount: 1 };
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...at });
        beacon.marks.length = 0;
        const releasedAt = Date.now();
        void cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...at }).catch(() => {});
        await sleep(delay);
        await chrome.kill();
        // Marks of this answer that reached us before the kill (a beacon may be lost with it).
        /** @type {{ handler?: number; committed?: number }} */
        const seen = {};
        for (const k of /** @type {const} */ (['handler', 'committed'])) {
          const m = beacon.marks.find((x) => x.k === k);
          if (m) latency[k].push((seen[k] = m.at - releasedAt));
        }
        chrome = await startChromium(profile);
        page = await newPage();
        await page.goto(url);
        await page.locator('inspection-form[data-state="ready"][data-lock="editing"]').waitFor();
        const survived = await page.locator(`[data-item="${id}"] input[value="pass"]`).isChecked();
        const r = /** @type {{ given: number; lost: number }} */ (results.get(delay));
        r.given++;
        if (!survived) r.lost++;
        onTrial?.({ delay, id, survived, ...seen });
      }
    }
  } finally {
    await chrome.kill();
    await beacon.close();
  }
  return { results, latency };
}

export const BENCH_DELAYS = [0, 5, 10, 20, 50, 100, 250, 1000];

/**
 * Prints `bench crash-window-loss.<d>ms <lost> answers-of-<n>` per delay over the site in `dir`.
 * @param {(name: string, value: string | number, unit: string) => void} out @param {string} dir
 */
export async function benchCrashWindow(out, dir, trials = Number(process.env.CRASH_TRIALS ?? 5)) {
  const { serve } = await import('./serve.mjs');
  const server = await serve(dir, { port: 0 });
  try {
    const { results, latency } = await measureCrashWindow({ base: server.url, delays: BENCH_DELAYS, trials });
    for (const [d, r] of results) out(`crash-window-loss.${d}ms`, r.lost, `answers-of-${r.given}`);
    for (const [k, xs] of Object.entries(latency)) {
      const s = [...xs].sort((a, b) => a - b);
      out(`crash-window.release-to-${k}.median`, s[s.length >> 1] ?? NaN, 'ms');
      out(`crash-window.release-to-${k}.max`, s.at(-1) ?? NaN, 'ms');
    }
    const unsafe = [...results].filter(([, r]) => r.lost > 0).map(([d]) => d);
    out('crash-window.lost-up-to', unsafe.length ? Math.max(...unsafe) : -1, 'ms');
  } finally {
    await server.close();
  }
}

// `node scripts/crash-window.mjs [dist]`: just this measurement, over an existing build.
if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  await benchCrashWindow((n, v, u) => console.log(`bench ${n} ${v} ${u}`), process.argv[2] ?? 'dist');
}
