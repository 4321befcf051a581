// Service-worker registration, the offline badge and the "新版本可用" prompt.
// Accepting an update never discards work: fields marked data-preserve are kept in
// sessionStorage across the reload, and components get an `app:before-reload`
// event whose waitUntil() lets them finish saving first.
import { Workbox } from 'workbox-window';
import { restorePreserved, savePreserved } from './preserve-fields';
import { trackReading } from './reading-tracker';
import { showInAppBrowserNotice, showNotOfflineReady } from './pwa-notices';

export interface BeforeReloadDetail {
  waitUntil(p: Promise<unknown>): void;
}

function q<T extends HTMLElement>(selector: string): T | null {
  return document.querySelector<T>(selector);
}

function showOfflineState(): void {
  const badge = q('[data-offline-badge]');
  if (badge) badge.hidden = navigator.onLine;
  document.documentElement.toggleAttribute('data-offline', !navigator.onLine);
}

async function flushThenReload(): Promise<void> {
  const pending: Promise<unknown>[] = [];
  const detail: BeforeReloadDetail = { waitUntil: (p) => pending.push(p) };
  window.dispatchEvent(new CustomEvent<BeforeReloadDetail>('app:before-reload', { detail }));
  await Promise.allSettled(pending);
  savePreserved(document, sessionStorage, location.pathname);
  location.reload();
}

function setUpUpdatePrompt(wb: Workbox): void {
  const prompt = q('[data-update-prompt]');
  const accept = q<HTMLButtonElement>('[data-update-accept]');
  const dismiss = q<HTMLButtonElement>('[data-update-dismiss]');
  if (!prompt || !accept || !dismiss) return;
  wb.addEventListener('waiting', () => {
    prompt.hidden = false;
  });
  accept.addEventListener('click', () => {
    accept.disabled = true;
    wb.addEventListener('controlling', () => void flushThenReload());
    wb.messageSkipWaiting();
  });
  dismiss.addEventListener('click', () => {
    prompt.hidden = true;
  });
}

/**
 * "已可离线使用" only once the precache is really stored (the worker reached `installed`); if the
 * first install fails instead (too little quota, network cut), the page says it is not offline-ready.
 * A failed update leaves the previous version's offline copy in place, so it is not reported.
 */
function setUpReadyToast(wb: Workbox): void {
  const firstInstall = !navigator.serviceWorker.controller;
  let installed = false;
  wb.addEventListener('redundant', (event) => {
    if (firstInstall && !installed && !event.isExternal) void showNotOfflineReady();
  });
  wb.addEventListener('installed', (event) => {
    installed = true;
    if (event.isUpdate) return;
    document.documentElement.dataset.offlineReady = 'ready';
    const toast = q('[data-ready-toast]');
    if (!toast) return;
    toast.hidden = false;
    setTimeout(() => (toast.hidden = true), 6000);
  });
}

restorePreserved(document, sessionStorage, location.pathname);
showOfflineState();
showInAppBrowserNotice();
window.addEventListener('online', showOfflineState);
window.addEventListener('offline', showOfflineState);

// Handbook pages record reading evidence for training, starting once the page is idle. It is
// bundled here rather than imported lazily: smaller than the preload helper a lazy chunk needs.
const reading = document.querySelector<HTMLElement>('[data-reading]');
if (reading) {
  const start = () => void trackReading(reading);
  if ('requestIdleCallback' in window) requestIdleCallback(start, { timeout: 2000 });
  else setTimeout(start, 200);
}

if ('serviceWorker' in navigator && !import.meta.env.DEV) {
  const wb = new Workbox('/sw.js');
  setUpUpdatePrompt(wb);
  setUpReadyToast(wb);
  wb.register().catch(() => {
    if (!navigator.serviceWorker.controller) void showNotOfflineReady(true);
  });
}
