// The page's one connection to the app database, shared by every facade (appStores() and the
// function facades for learners, training documents and the chain of trust), where each call
// used to open (and leave open) a connection of its own. A failed open is not kept, and neither is
// a connection the browser closed (site data cleared, storage evicted): a later call opens again.
import type { IDBPDatabase } from 'idb';
import { openAppDB, type AppDB } from './db';
import { APP_DB_SLOW_MS, STORAGE_SLOW_EVENT } from './availability';

let shared: Promise<IDBPDatabase<AppDB>> | undefined;
const lostListeners: (() => void)[] = [];

/** `listener` runs when the browser closes the shared connection (caches built on it must go). */
export function onConnectionLost(listener: () => void): void {
  lostListeners.push(listener);
}

export function appDB(): Promise<IDBPDatabase<AppDB>> {
  if (shared) return shared;
  // An open that never answers is said on the page (and again when it does answer).
  let slow = false;
  const tell = (detail: boolean) => globalThis.window?.dispatchEvent(new CustomEvent(STORAGE_SLOW_EVENT, { detail }));
  const timer = setTimeout(() => {
    slow = true;
    tell(true);
  }, APP_DB_SLOW_MS);
  const settle = () => {
    clearTimeout(timer);
    if (slow) tell(false);
  };
  // Through a resolved promise: idb opens synchronously and throws at once without IndexedDB.
  shared = Promise.resolve()
    .then(() => openAppDB())
    .then(
      (db) => {
        settle();
        // 'close' fires only when the browser ends the connection itself, never on db.close().
        db.addEventListener('close', () => {
          shared = undefined;
          lostListeners.forEach((f) => f());
        });
        return db;
      },
      (err: unknown) => {
        settle();
        shared = undefined;
        throw err;
      },
    );
  return shared;
}
