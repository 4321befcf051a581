// The learner record as the reading script on handbook pages needs it: one get and one put on the
// `learners` store with the bare IndexedDB API, so handbook pages stay light (no idb, no
// migrations). It never creates or upgrades the database: a learner exists only once the
// training screens (openAppDB) have created it, at the current version.
import type { LearnerProgress } from '../../domain/progress';
import { DB_NAME } from './db-name';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/** The open database, or null when there is none yet (then nothing is recorded). */
export function openExisting(): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB_NAME);
    // Only fires when the database does not exist: leave creating it to openAppDB's migrations.
    open.onupgradeneeded = () => open.transaction!.abort();
    open.onsuccess = () => resolve(open.result.objectStoreNames.contains('learners') ? open.result : null);
    open.onerror = () => (open.error?.name === 'AbortError' ? resolve(null) : reject(open.error));
  });
}

export async function getLearner(db: IDBDatabase, id: string): Promise<LearnerProgress | undefined> {
  return request(db.transaction('learners').objectStore('learners').get(id));
}

export async function putLearner(db: IDBDatabase, p: LearnerProgress): Promise<void> {
  await request(db.transaction('learners', 'readwrite').objectStore('learners').put(p));
}
