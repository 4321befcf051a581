// WebKit (the engine Safari uses) through Debian's webkit2gtk-driver: WebKitWebDriver starts
// MiniBrowser in automation mode, and we speak classic W3C WebDriver to it over HTTP.
// WebKitGTK has no headless mode, so it draws into a private Xvfb display started here.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { freePort, freshDir, functionSource, removeDir, startGroup, type Engine } from './engine';

/** Debian puts MiniBrowser (from libwebkit2gtk-4.1-0) under the architecture's lib directory. */
function miniBrowser(): string {
  if (process.env.WEBKIT_minibrowser) return process.env.WEBKIT_minibrowser;
  const found = existsSync('/usr/lib')
    ? readdirSync('/usr/lib')
        .map((d) => path.join('/usr/lib', d, 'webkit2gtk-4.1/MiniBrowser'))
        .find((p) => existsSync(p))
    : undefined;
  return found ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
}
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

type ElementRef = { [ELEMENT]: string };

/** Starts Xvfb on a free display number; it writes the number it took to a pipe when ready. */
async function startXvfb() {
  const x = startGroup('Xvfb', ['-displayfd', '1', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], process.env, [
    'ignore',
    'pipe',
    'ignore',
  ]);
  const ready = new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('Xvfb 未能启动')), 15_000);
    x.child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${out.trim()}`);
      }
    });
    x.child.once('exit', () => reject(new Error('Xvfb 退出了')));
    x.child.once('error', (err) => reject(new Error(`无法启动 Xvfb（apt-get install xvfb）：${err.message}`)));
  });
  try {
    return { display: await ready, stop: x.stop };
  } catch (err) {
    await x.stop();
    throw err;
  }
}

export async function launchWebKit(): Promise<Engine> {
  const minibrowser = miniBrowser();
  if (!existsSync(minibrowser)) throw new Error(`找不到 ${minibrowser}：请安装 webkit2gtk-driver（apt-get install webkit2gtk-driver）`);
  const home = freshDir('handbook-webkit-');
  const downloadDir = path.join(home, 'Downloads');
  mkdirSync(downloadDir);
  const xvfb = await startXvfb();
  const port = await freePort();
  // A fresh HOME and XDG dirs: no state from another run, and downloads land where we look.
  const env = {
    ...process.env,
    DISPLAY: xvfb.display,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_DATA_HOME: path.join(home, '.local/share'),
    XDG_DOWNLOAD_DIR: downloadDir,
    LANG: 'zh_CN.UTF-8',
    TZ: 'Asia/Shanghai',
  };
  const driver = startGroup('WebKitWebDriver', [`--port=${port}`], env);
  const base = `http://127.0.0.1:${port}`;
  let sessionPath = '';
  let closed = false;

  async function call<T>(method: string, route: string, body?: unknown): Promise<T> {
    const res = await fetch(base + sessionPath + route, {
      method,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: body === undefined ? (method === 'POST' ? '{}' : undefined) : JSON.stringify(body),
    });
    const json = (await res.json()) as { value: T & { error?: string; message?: string } };
    if (!res.ok || (json.value && typeof json.value === 'object' && 'error' in json.value && json.value.error))
      throw new Error(`WebKitWebDriver ${method} ${route}: ${json.value?.error}: ${json.value?.message}`);
    return json.value;
  }

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    if (sessionPath) await call('DELETE', '').catch(() => undefined);
    await driver.stop();
    await xvfb.stop();
    removeDir(home);
  }

  try {
    // The driver takes a moment to listen.
    for (let i = 0; ; i++) {
      try {
        await fetch(`${base}/status`);
        break;
      } catch (err) {
        if (i > 100) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const session = await call<{ sessionId: string; capabilities: { browserVersion: string } }>('POST', '/session', {
      capabilities: {
        alwaysMatch: {
          browserName: 'MiniBrowser',
          // The app asks before finalising (confirm()); a user taps 确定.
          unhandledPromptBehavior: 'accept',
          'webkitgtk:browserOptions': { binary: minibrowser, args: ['--automation'] },
        },
      },
    });
    sessionPath = `/session/${session.sessionId}`;
    await call('POST', '/timeouts', { script: 120_000, pageLoad: 60_000 });
    await call('POST', '/window/rect', { width: 1024, height: 900 }).catch(() => undefined);

    const find = (selector: string) => call<ElementRef>('POST', '/element', { using: 'css selector', value: selector });
    /** Scrolled to the middle first: the sticky score bar must not cover what is clicked. */
    const centred = async (selector: string) => {
      const el = await find(selector);
      await call('POST', '/execute/sync', { script: 'arguments[0].scrollIntoView({ block: "center" });', args: [el] });
      return el;
    };
    const engine: Engine = {
      name: 'WebKit',
      version: session.capabilities.browserVersion,
      downloadDir,
      goto: async (url) => void (await call('POST', '/url', { url })),
      reload: async () => void (await call('POST', '/refresh')),
      url: () => call<string>('GET', '/url'),
      async evaluate<T>(fn: (...args: never[]) => unknown, ...args: unknown[]): Promise<T> {
        const script = `const done = arguments[arguments.length - 1];
          Promise.resolve().then(() => ${functionSource(fn)}(...JSON.parse(arguments[0])))
            .then((v) => done({ ok: JSON.stringify(v === undefined ? null : v) }), (e) => done({ err: String((e && e.stack) || e) }));`;
        const r = await call<{ ok?: string; err?: string }>('POST', '/execute/async', { script, args: [JSON.stringify(args)] });
        if (r.err !== undefined) throw new Error(`WebKit 页面脚本出错：${r.err}`);
        return JSON.parse(r.ok!) as T;
      },
      async click(selector) {
        const el = await centred(selector);
        await call('POST', `/element/${el[ELEMENT]}/click`);
      },
      async type(selector, text) {
        const el = await centred(selector);
        await call('POST', `/element/${el[ELEMENT]}/click`);
        await call('POST', `/element/${el[ELEMENT]}/value`, { text });
      },
      async setFiles(selector, files) {
        const el = await find(selector);
        await call('POST', `/element/${el[ELEMENT]}/value`, { text: files.join('\n') });
      },
      async draw(selector, points) {
        const el = await centred(selector);
        const [first, ...rest] = points;
        await call('POST', '/actions', {
          actions: [
            {
              type: 'pointer',
              id: 'pen',
              parameters: { pointerType: 'mouse' },
              actions: [
                { type: 'pointerMove', origin: el, x: first![0], y: first![1], duration: 0 },
                { type: 'pointerDown', button: 0 },
                ...rest.map(([x, y]) => ({ type: 'pointerMove', origin: el, x, y, duration: 20 })),
                { type: 'pointerUp', button: 0 },
              ],
            },
          ],
        });
        await call('DELETE', '/actions');
      },
      close,
    };
    return engine;
  } catch (err) {
    await close();
    throw err;
  }
}
