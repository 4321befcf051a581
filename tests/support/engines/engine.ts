// The one small interface the cross-engine smoke suite drives (tests/e2e/engines-*.test.ts).
// WebKit speaks classic WebDriver over HTTP (webkit.ts), Firefox WebDriver BiDi over a
// WebSocket (firefox.ts); both give real pointer clicks and key presses, not synthetic events.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Engine {
  /** 'WebKit' or 'Firefox', for the log lines that say which path the app took. */
  readonly name: string;
  readonly version: string;
  /** Where the browser saves downloads, when it saves them to disk at all. */
  readonly downloadDir: string;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  url(): Promise<string>;
  /**
   * Runs a self-contained function in the page (it may return a promise) with JSON arguments
   * and returns its JSON result. The function must not use anything from the test's scope.
   */
  evaluate<T>(fn: (...args: never[]) => unknown, ...args: unknown[]): Promise<T>;
  /** A real pointer click at the centre of the first element matching `selector`. */
  click(selector: string): Promise<void>;
  /** Real key presses into the element (focused by a click first). */
  type(selector: string, text: string): Promise<void>;
  /** Chooses files in an `<input type=file>`, as the file picker would. */
  setFiles(selector: string, files: string[]): Promise<void>;
  /** A pointer stroke (press, moves, release) over the element; points are px from its centre. */
  draw(selector: string, points: [x: number, y: number][]): Promise<void>;
  /** Switches the page's network off (navigator.onLine false), where the driver can. */
  setOffline?(offline: boolean): Promise<void>;
  /** Ends the browser and every process started for it; safe to call twice. */
  close(): Promise<void>;
}

export type EngineLauncher = () => Promise<Engine>;

/** The source the engines wrap around `evaluate`'s function. */
export function functionSource(fn: (...args: never[]) => unknown): string {
  return `(${fn.toString()})`;
}

/** Polls `fn` in the page until it returns something truthy (or throws when time is up). */
export async function waitUntil<T>(
  engine: Engine,
  what: string,
  fn: (...args: never[]) => unknown,
  args: unknown[] = [],
  timeoutMs = 30_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      last = await engine.evaluate<T>(fn, ...args);
      if (last) return last as T;
    } catch (err) {
      // A navigation in progress destroys the context the probe ran in: try again.
      last = err;
    }
    if (Date.now() > end) throw new Error(`${engine.name}: 等待超时：${what}（最后结果：${String(last)}）`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Waits for an element matching `selector` (optionally containing `text`). */
export function waitForSelector(engine: Engine, selector: string, text = '', timeoutMs = 30_000): Promise<true> {
  return waitUntil<true>(
    engine,
    `${selector}${text ? ` 含「${text}」` : ''}`,
    (sel: string, t: string) => [...document.querySelectorAll(sel)].some((el) => (el.textContent ?? '').includes(t)),
    [selector, text],
    timeoutMs,
  );
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export function freshDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/**
 * Starts a program in a process group of its own, so `stop` ends it together with every
 * child it spawned (browser, web and network processes), leaving nothing behind.
 */
export function startGroup(cmd: string, args: string[], env: NodeJS.ProcessEnv, stdio: ('ignore' | 'pipe')[] = ['ignore', 'pipe', 'pipe']) {
  const child = spawn(cmd, args, { env, detached: true, stdio });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once('exit', () => resolve());
    // A missing program is an 'error', not an exit; the launcher's own wait then fails with its message.
    child.once('error', () => resolve());
  });
  return { child, exited, stop: () => stopGroup(child, exited) };
}

async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // the group is already gone
    }
  };
  signal('SIGTERM');
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5_000));
  if ((await Promise.race([exited, timeout])) === 'timeout') signal('SIGKILL');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 2_000))]);
  // Children that outlived their parent still carry the group id.
  signal('SIGKILL');
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
