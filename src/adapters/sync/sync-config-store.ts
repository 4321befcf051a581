// The device's sync configuration, in localStorage. Tiny and free of PouchDB, so any
// page can ask "is sync configured?" without loading the replication client. The password stays
// here, on this device: it is passed to PouchDB as `auth`, never put in a URL or a document.
import { checkSyncConfig } from '../../domain/sync-config';
import type { SyncConfig } from '../../schemas/sync-config';

import { CONFIG_KEY } from './sync-config-key';

/** The saved configuration, re-checked on every read (a hand-edited entry is ignored). */
export function loadSyncConfig(): SyncConfig | null {
  const text = localStorage.getItem(CONFIG_KEY);
  if (!text) return null;
  try {
    const r = checkSyncConfig(JSON.parse(text));
    return r.ok ? r.config : null;
  } catch {
    return null;
  }
}

export function saveSyncConfig(config: SyncConfig): void {
  localStorage.setItem(CONFIG_KEY, JSON.stringify(config));
  document.dispatchEvent(new CustomEvent('sync-config-changed'));
}

export function clearSyncConfig(): void {
  localStorage.removeItem(CONFIG_KEY);
  document.dispatchEvent(new CustomEvent('sync-config-changed'));
}
