// Can this browser keep data on the device at all? Private browsing and some in-app browsers
// have no IndexedDB, refuse to open it, or never answer; the app must say so instead of
// waiting forever. The probe uses its own tiny database, so an app-database upgrade that
// another tab blocks is never mistaken for missing storage.

/** How long an open may take before the browser is taken not to answer (a healthy open is ~10 ms). */
export const STORAGE_PROBE_MS = 5000;
const PROBE_DB = 'wuye-handbook-probe';

export type StorageAvailability = { ok: true } | { ok: false; reason: 'missing' | 'refused' | 'timeout' };

export function probeIndexedDB(timeoutMs = STORAGE_PROBE_MS): Promise<StorageAvailability> {
  return new Promise((resolve) => {
    let factory: IDBFactory | undefined;
    try {
      factory = globalThis.indexedDB;
    } catch {
      // Some browsers throw SecurityError on merely reading the property when storage is blocked.
    }
    if (!factory) return resolve({ ok: false, reason: 'missing' });
    const timer = setTimeout(() => resolve({ ok: false, reason: 'timeout' }), timeoutMs);
    const done = (a: StorageAvailability) => {
      clearTimeout(timer);
      resolve(a);
    };
    try {
      const req = factory.open(PROBE_DB, 1);
      req.onsuccess = () => {
        req.result.close();
        done({ ok: true });
      };
      req.onerror = () => done({ ok: false, reason: 'refused' });
      req.onblocked = () => done({ ok: true });
    } catch {
      done({ ok: false, reason: 'refused' });
    }
  });
}

/** Raised in place of a raw browser error when the app database cannot be opened at all. */
export class StorageUnavailableError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('本浏览器无法在设备上保存数据（可能是无痕/隐私浏览模式或应用内置浏览器），检查、整改和培训记录无法使用。', options);
  }
}

/** Told to the page (storage-notice.ts shows the explanation) when the app database fails to open. */
export const STORAGE_UNAVAILABLE_EVENT = 'app:storage-unavailable';

/**
 * Told to the page when the app database has not opened after `APP_DB_SLOW_MS` (detail true), and
 * again when it finally answers (detail false). WebKit can leave the database wedged for the
 * whole browser when a page is left while its first open is still creating it: every later open
 * then waits, with no error and no \`blocked\` event. The user is told how to recover.
 */
export const STORAGE_SLOW_EVENT = 'app:storage-slow';
export const APP_DB_SLOW_MS = 10_000;
