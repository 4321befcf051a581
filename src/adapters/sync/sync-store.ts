// The device's sync storage in one place: the outbox and the inboxes (local PouchDB databases
// replicating with the server, so PouchDB's checkpoints resume after an interruption) and what
// became of their documents (localStorage: the server's confirmations for the outbox, the
// verdicts for the inboxes). Loaded only with the replication client.
import PouchDB from 'pouchdb-browser';
import type { ReceiveOutcome } from '../../domain/sync-plan';

const SENT_KEY = 'wuye-sync-sent:';
const PROCESSED_KEY = 'wuye-sync-processed:';

/** The tablet's copies of its own signed files for database `db`, waiting for or sent to the server. */
export const openOutbox = (db: string) => new PouchDB(`wuye-outbox-${db}`);
/** What this device downloaded from database `db`, before and after checking. */
export const openInbox = (db: string) => new PouchDB(`wuye-inbox-${db}`);

/** Every leaf revision a local database holds under `id`: its winner first, then the conflicts. */
export async function leafRevs(box: PouchDB, id: string): Promise<string[]> {
  const doc = await box.get(id, { conflicts: true });
  return [doc._rev!, ...((doc._conflicts as string[] | undefined) ?? [])];
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
