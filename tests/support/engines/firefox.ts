// Firefox (Debian's firefox-esr) over WebDriver BiDi, which Firefox speaks natively: headless,
// `--remote-debugging-port=0`, then JSON commands on one WebSocket (Node's global WebSocket).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freshDir, functionSource, removeDir, startGroup, type Engine } from './engine';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** Profile preferences: downloads go to a known folder without asking; nothing phones home. */
function userJs(downloadDir: string): string {
  const prefs: Record<string, string | number | boolean> = {
    'browser.download.folderList': 2,
    'browser.download.dir': downloadDir,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.open_pdf_attachments_inline': false,
    'pdfjs.disabled': true,
    'intl.accept_languages': 'zh-CN',
    'browser.shell.checkDefaultBrowser': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.reportingpolicy.firstRun': false,
    'browser.aboutwelcome.enabled': false,
    'app.update.disabledForTesting': true,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'extensions.update.enabled': false,
  };
  return Object.entries(prefs)
    .map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
    .join('\n');
}

type Pending = { resolve(v: unknown): void; reject(e: Error): void };
type RemoteValue = { type: string; value?: unknown; sharedId?: string };
type CallResult = { type: 'success'; result: RemoteValue } | { type: 'exception'; exceptionDetails: { text: string } };

export async function launchFirefox(): Promise<Engine> {
  if (!existsSync(FIREFOX)) throw new Error(`找不到 ${FIREFOX}：请安装 firefox-esr（apt-get install firefox-esr）`);
  const profile = freshDir('handbook-firefox-');
  const downloadDir = path.join(profile, 'downloads');
  mkdirSync(downloadDir);
  writeFileSync(path.join(profile, 'user.js'), userJs(downloadDir));
  const env = {
    ...process.env,
    HOME: profile,
    MOZ_CRASHREPORTER_DISABLE: '1', // else a crash-reporter helper outlives the browser
    MOZ_HEADLESS_WIDTH: '1024',
    MOZ_HEADLESS_HEIGHT: '900',
    TZ: 'Asia/Shanghai',
  };
  const ff = startGroup(FIREFOX, ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port=0', 'about:blank'], env);
  let ws: WebSocket | undefined;
  let closed = false;
  const pending = new Map<number, Pending>();
  let nextId = 1;

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    if (ws?.readyState === WebSocket.OPEN) {
      await Promise.race([send('browser.close', {}).catch(() => undefined), new Promise((r) => setTimeout(r, 5_000))]);
      ws.close();
    }
    await ff.stop();
    removeDir(profile);
  }

  function send<T>(method: string, params: object): Promise<T> {
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      ws!.send(JSON.stringify({ id, method, params }));
    });
  }

  try {
    const wsUrl = await new Promise<string>((resolve, reject) => {
      let err = '';
      const timer = setTimeout(() => reject(new Error(`Firefox 未能启动 WebDriver BiDi：${err}`)), 60_000);
      ff.child.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(err);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      ff.child.once('exit', () => reject(new Error(`Firefox 退出了：${err}`)));
      ff.child.once('error', (e) => reject(new Error(`无法启动 Firefox：${e.message}`)));
    });
    ws = new WebSocket(`${wsUrl}/session`);
    await new Promise<void>((resolve, reject) => {
      ws!.onopen = () => resolve();
      ws!.onerror = () => reject(new Error('无法连接 Firefox 的 WebDriver BiDi'));
    });
    ws.onmessage = (event) => {
      const msg = JSON.parse(String(event.data)) as { id?: number; type: string; result?: unknown; error?: string; message?: string };
      if (msg.id === undefined) return; // events: none subscribed
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.type === 'success') p?.resolve(msg.result);
      else p?.reject(new Error(`Firefox BiDi: ${msg.error}: ${msg.message}`));
    };
    const session = await send<{ capabilities: { browserVersion: string } }>('session.new', {
      // The app asks before finalising (confirm()); a user taps 确定.
      capabilities: { alwaysMatch: { unhandledPromptBehavior: { default: 'accept' } } },
    });
    const tree = await send<{ contexts: { context: string }[] }>('browsingContext.getTree', {});
    const context = tree.contexts[0]!.context;

    const call = async (fn: string, args: RemoteValue[], awaitPromise = true): Promise<RemoteValue> => {
      const r = await send<CallResult>('script.callFunction', {
        functionDeclaration: fn,
        arguments: args,
        target: { context },
        awaitPromise,
        resultOwnership: 'none',
      });
      if (r.type === 'exception') throw new Error(`Firefox 页面脚本出错：${r.exceptionDetails.text}`);
      return r.result;
    };
    /** The element as a BiDi node reference, scrolled to the middle of the view first. */
    const element = async (selector: string) => {
      const node = await call(
        `(sel) => { const el = document.querySelector(sel); if (!el) throw new Error('没有元素 ' + sel); el.scrollIntoView({ block: 'center' }); return el; }`,
        [{ type: 'string', value: selector }],
      );
      return { sharedId: node.sharedId! };
    };
    const pointer = async (el: { sharedId: string }, points: [number, number][]) => {
      const origin = { type: 'element', element: el };
      const [first, ...rest] = points;
      await send('input.performActions', {
        context,
        actions: [
          {
            type: 'pointer',
            id: 'pen',
            parameters: { pointerType: 'mouse' },
            actions: [
              { type: 'pointerMove', origin, x: first![0], y: first![1], duration: 0 },
              { type: 'pointerDown', button: 0 },
              ...rest.map(([x, y]) => ({ type: 'pointerMove', origin, x, y, duration: 20 })),
              { type: 'pointerUp', button: 0 },
            ],
          },
        ],
      });
      await send('input.releaseActions', { context });
    };

    const engine: Engine = {
      name: 'Firefox',
      version: session.capabilities.browserVersion,
      downloadDir,
      goto: async (url) => void (await send('browsingContext.navigate', { context, url, wait: 'complete' })),
      reload: async () => void (await send('browsingContext.reload', { context, wait: 'complete' })),
      url: async () => (await call('() => location.href', [])).value as string,
      async evaluate<T>(fn: (...args: never[]) => unknown, ...args: unknown[]): Promise<T> {
        const wrapped = `async (json) => { const v = await ${functionSource(fn)}(...JSON.parse(json)); return JSON.stringify(v === undefined ? null : v); }`;
        const r = await call(wrapped, [{ type: 'string', value: JSON.stringify(args) }]);
        return JSON.parse(r.value as string) as T;
      },
      click: async (selector) => pointer(await element(selector), [[0, 0]]),
      async type(selector, text) {
        await pointer(await element(selector), [[0, 0]]);
        const keys = [...text].flatMap((ch) => [
          { type: 'keyDown', value: ch },
          { type: 'keyUp', value: ch },
        ]);
        await send('input.performActions', { context, actions: [{ type: 'key', id: 'keyboard', actions: keys }] });
        await send('input.releaseActions', { context });
      },
      setFiles: async (selector, files) => void (await send('input.setFiles', { context, element: await element(selector), files })),
      draw: async (selector, points) => pointer(await element(selector), points),
      setOffline: async (offline) =>
        void (await send('emulation.setNetworkConditions', {
          networkConditions: offline ? { type: 'offline' } : null,
          contexts: [context],
        })),
      close,
    };
    return engine;
  } catch (err) {
    await close();
    throw err;
  }
}
