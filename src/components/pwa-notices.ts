// Two notices every page may need, kept small because handbook pages carry them too: the
// offline copy could not be stored (the service worker failed to install), and the page is open
// in 微信/企业微信's built-in browser. Both are built here rather than in BaseLayout's markup.
import { detectInAppBrowser } from '../domain/in-app-browser';

const MB = 1048576;

function notice(cls: string, text: string): HTMLElement {
  const box = document.createElement('div');
  box.className = `app-notice ${cls}`;
  box.setAttribute('role', 'alert');
  const p = document.createElement('p');
  p.textContent = text;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'button button-quiet';
  close.textContent = '知道了';
  close.addEventListener('click', () => box.remove());
  box.append(p, close);
  return box;
}

/**
 * Does `bytes` fit in the origin's storage? Tried for real with a throwaway cache entry, because
 * storage.estimate() does not always reflect the quota that refused the service worker's writes.
 */
async function fits(bytes: number): Promise<boolean> {
  const name = 'offline-room-probe';
  try {
    await (await caches.open(name)).put('/offline-room-probe', new Response(new Uint8Array(bytes)));
    return true;
  } catch (err) {
    return (err as DOMException).name !== 'QuotaExceededError';
  } finally {
    await caches.delete(name).catch(() => undefined);
  }
}

/** Why the offline copy is missing, in words: too little room when a write of its size fails. */
export async function showNotOfflineReady(registrationRefused = false): Promise<void> {
  let text = registrationRefused
    ? '本站还不能离线使用：浏览器不允许本站保存离线副本（可能是无痕模式或浏览器设置）。联网时仍可正常使用。'
    : '本站还不能离线使用：离线副本没有下载完成（可能是网络中断）。联网时仍可正常使用；请在网络稳定时刷新本页重试。';
  try {
    const need = ((await (await fetch('/offline-copy.json')).json()) as { bytes: number }).bytes;
    const { quota = Infinity } = await navigator.storage.estimate();
    if (!registrationRefused && !(await fits(need)))
      text =
        `本站还不能离线使用：浏览器给本站的存储空间放不下离线副本（约 ${Math.ceil(need / MB)} MB` +
        (quota < need ? `，只给了约 ${(quota / MB).toFixed(1)} MB` : '') +
        '）。请清理设备存储空间，或退出无痕模式后刷新本页；联网时仍可正常使用。';
  } catch {
    // Offline or no estimate: keep the general reason.
  }
  document.documentElement.dataset.offlineReady = 'failed';
  document.querySelector('.app-status')?.append(notice('offline-failed', text));
}

const IN_APP: Record<'wechat' | 'wxwork', string> = {
  wechat: '微信',
  wxwork: '企业微信',
};

/** In 微信/企业微信 the data kept by this page lives in the app's own browser and may be cleared with its cache. */
export function showInAppBrowserNotice(): void {
  const app = detectInAppBrowser(navigator.userAgent);
  if (!app) return;
  document.documentElement.dataset.inAppBrowser = app;
  const box = notice(
    'in-app-browser',
    `你正在${IN_APP[app]}内置的浏览器里打开本站。这里保存的检查、照片和签名文件可能随${IN_APP[app]}清理缓存而丢失，也不能离线使用。` +
      `请点右上角“···”，选“在浏览器打开”（企业微信为“用默认浏览器打开”），再在浏览器里把本站“添加到主屏幕”，以后从主屏幕打开。`,
  );
  document.getElementById('main')?.prepend(box);
}
