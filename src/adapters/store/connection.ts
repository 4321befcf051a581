// The page's one connection to the app database, shared by every facade (appStores() and the
// function facades for learners, training documents and the chain of trust), where each call
// used to open (and leave open) a connection of its own. A failed open is not kept, so a later
// call tries again.
import type { IDBPDatabase } from 'idb';
import { openAppDB, type AppDB } from './db';

let shared: Promise<IDBPDatabase<AppDB>> | undefined;

export function appDB(): Promise<IDBPDatabase<AppDB>> {
  // Through a resolved promise: idb opens synchronously and throws at once without IndexedDB.
  shared ??= Promise.resolve()
    .then(() => openAppDB())
    .catch((err: unknown) => {
      shared = undefined;
      throw err;
    });
  return shared;
}
