// The device's sync configuration and progress, in localStorage. Tiny and free of PouchDB, so any
// page can ask "is sync configured?" without loading the replication client. The password stays
// here, on this device: it is passed to PouchDB as `auth`, never put in a URL or a document.
import { checkSyncConfig } from '../../domain/sync-config';
import type { ReceiveOutcome } from '../../domain/sync-plan';
import type { SyncConfig } from '../../schemas/sync-config';

import { CONFIG_KEY } from './sync-config-key';

const SENT_KEY = 'wuye-sync-sent:';
const PROCESSED_KEY = 'wuye-sync-processed:';

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

function readSet(key: string): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(key) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

/** Document ids the server confirmed for database `db` (the tablet's "已发送"). */
export function sentIds(db: string): Set<string> {
  return readSet(SENT_KEY + db);
}

export function markSent(db: string, ids: readonly string[]): void {
  const s = sentIds(db);
  for (const id of ids) s.add(id);
  localStorage.setItem(SENT_KEY + db, JSON.stringify([...s]));
}

/** What became of each document received from `db`: in the collection, or refused and why. */
export function processed(db: string): Map<string, ReceiveOutcome> {
  try {
    return new Map(Object.entries(JSON.parse(localStorage.getItem(PROCESSED_KEY + db) ?? '{}') as Record<string, ReceiveOutcome>));
  } catch {
    return new Map();
  }
}

export function markProcessed(db: string, outcomes: ReadonlyMap<string, ReceiveOutcome>): void {
  const all = processed(db);
  for (const [id, o] of outcomes) all.set(id, o);
  localStorage.setItem(PROCESSED_KEY + db, JSON.stringify(Object.fromEntries(all)));
}
