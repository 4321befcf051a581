// The replication client (issue 19), loaded only when sync is configured: PouchDB in the browser
// against CouchDB (or anything speaking its replication protocol). Both directions go through a
// local PouchDB database, so replication is PouchDB's own: live, retried with back-off, resumed
// from its checkpoints after an interruption, never sending a document twice.
// - A tablet copies each of its own signed exports once into `wuye-outbox-<db>` and replicates
//   that to the project's database on the server.
// - A manager's device replicates each managed project's database into `wuye-inbox-<db>`, then
//   hands every new document's PDF to the collection (the same strict checker and path as a
//   file import). The server is untrusted storage: the shape check comes first, and nothing a
//   server says counts until the file itself verified.
import PouchDB from 'pouchdb-browser';
import type { SyncConfig } from '../../schemas/sync-config';
import { combineOutcomes, needsCheck, pullDatabases, pushPlan, statusLine, syncStatus, type ReceiveOutcome } from '../../domain/sync-plan';
import { readSyncDoc, syncDocFields, SYNC_ATTACHMENT, type SyncDocFields, type SyncDocKind } from '../../domain/sync-doc';
import { leafRevs, markProcessed, markSent, openInbox, openOutbox, processed, sentIds } from './sync-store';
import { backOff, explain, remoteDb } from './remote';
import { startCompanyPull } from './company';
import { COMPANY_DB } from '../../domain/sync-names';

export interface SyncReport {
  line: string;
  /** Replication is running and caught up (`paused` without error), or waiting to retry. */
  state: 'active' | 'idle' | 'offline';
  refused: { id: string; reason: string }[];
  error?: string;
}

/**
 * What the manager's collection does with arriving documents (document-collection's or
 * training-import's `receive`); `project` is the project of the database they came from.
 */
export type Receiver = (
  items: { key: string; id: string; project: string; fields: SyncDocFields; pdf: Blob }[],
) => Promise<Map<string, ReceiveOutcome>>;

/** A tablet's own export, as the verifier read it on this device before sending. */
export interface OwnDocument {
  hash: string;
  project: string | null;
  fields: SyncDocFields | null;
  pdf: Blob;
}

interface Handle {
  cancel(): void;
}

/** Puts the tablet's own documents of its project into the outbox (once each) and pushes live. */
export async function startPush(
  config: SyncConfig,
  exports: readonly { hash: string; pdf: Blob }[],
  describe: (e: { hash: string; pdf: Blob }) => Promise<OwnDocument>,
  onReport: (r: SyncReport) => void,
): Promise<Handle> {
  const db = pushPlan(config, []).db;
  const outbox = openOutbox(db);
  // Only exports not yet in the outbox are read again (the verifier is not free).
  const inOutbox = new Set((await outbox.allDocs()).rows.map((r) => r.id));
  const own: OwnDocument[] = [];
  for (const e of exports) if (!inOutbox.has(e.hash)) own.push(await describe(e));
  const plan = pushPlan(config, own);
  const byHash = new Map(own.map((d) => [d.hash, d]));
  for (const hash of plan.send) {
    const d = byHash.get(hash)!;
    if (!d.fields) continue;
    try {
      await outbox.put({ ...d.fields, _attachments: { [SYNC_ATTACHMENT]: { content_type: 'application/pdf', data: d.pdf } } });
    } catch (e) {
      if ((e as { status?: number }).status !== 409) throw e; // 409: already in the outbox (append-only)
    }
  }
  const ids = (await outbox.allDocs()).rows.map((r) => r.id);
  let state: SyncReport['state'] = 'active';
  let error: string | undefined;
  const report = () =>
    onReport({
      line: statusLine('tablet', syncStatus({ outbox: ids, sent: sentIds(plan.db), downloaded: [], processed: new Map() })),
      state,
      refused: plan.keep.map((k) => ({ id: k.hash, reason: k.reason })),
      error,
    });
  report();
  const rep = PouchDB.replicate(outbox, remoteDb(config, plan.db), { live: true, retry: true, back_off_function: backOff });
  rep.on('change', (info: { docs: { _id: string }[] }) => {
    markSent(
      plan.db,
      info.docs.map((d) => d._id),
    );
    report();
  });
  rep.on('paused', (err: unknown) => {
    state = err ? 'offline' : 'idle';
    error = err ? explain(err) : undefined;
    report();
  });
  rep.on('active', () => ((state = 'active'), (error = undefined), report()));
  rep.on('denied', (err: unknown) => ((error = explain(err)), report()));
  rep.on('error', (err: unknown) => ((state = 'offline'), (error = explain(err)), report()));
  return { cancel: () => rep.cancel() };
}

/** The manager's side: how arriving documents are collected, and against which trust list. */
export interface Collector {
  receive: Receiver;
  /** The kinds this page collects; the others stay downloaded for the page that collects them. */
  kinds: readonly SyncDocKind[];
  /** Names the trust list in use now (`trustListKey`): refused documents are checked again when it changes. */
  trustKey: () => Promise<string>;
}

/**
 * Pulls each managed project live; every document arriving is checked once, and a refused one
 * again when a revision arrives that was not checked yet or the trust list changes (then the
 * page says `trust-list-changed`). Every revision the server holds under an id is checked on its
 * own: the server's choice of winner means nothing.
 */
export function startPull(config: SyncConfig, collector: Collector | null, onReport: (r: SyncReport) => void): Handle {
  const handles: Handle[] = [];
  const states = new Map<string, { state: SyncReport['state']; error?: string }>();
  const downloaded = new Map<string, string[]>();
  const report = () => {
    const all = pullDatabases(config).map(({ db }) =>
      syncStatus({ outbox: [], sent: new Set(), downloaded: downloaded.get(db) ?? [], processed: processed(db) }),
    );
    const sum = all.reduce((a, s) => ({
      ...a,
      received: a.received + s.received,
      refused: a.refused + s.refused,
      unchecked: a.unchecked + s.unchecked,
    }));
    const st = [...states.values()];
    const refused = [...pullDatabases(config).map((p) => p.db), ...(collector ? [COMPANY_DB] : [])].flatMap((db) =>
      [...processed(db)].flatMap(([id, o]) => (o.kind === 'refused' ? [{ id, reason: o.reason }] : [])),
    );
    onReport({
      line: statusLine('manager', sum),
      state: st.some((s) => s.state === 'active') ? 'active' : st.some((s) => s.state === 'offline') ? 'offline' : 'idle',
      refused,
      error: st.find((s) => s.error)?.error,
    });
  };
  let queue = Promise.resolve();
  const drains: (() => void)[] = [];
  for (const { db, project } of pullDatabases(config)) {
    const inbox = openInbox(db);
    states.set(db, { state: 'active' });
    // Checks what is downloaded but not yet decided, one batch at a time (never twice at once).
    const drain = () =>
      (queue = queue
        .then(async () => {
          const rows = (await inbox.allDocs()).rows.filter((r) => !r.id.startsWith('_'));
          // What another page collects is not "waiting to be checked" here.
          const away = collector ? await check(inbox, { db, project }, rows, collector) : new Set<string>();
          downloaded.set(
            db,
            rows.map((r) => r.id).filter((id) => !away.has(id)),
          );
          report();
        })
        .catch((e: unknown) => {
          states.set(db, { state: 'offline', error: explain(e) });
          report();
        }));
    drains.push(drain);
    void drain();
    const rep = PouchDB.replicate(remoteDb(config, db), inbox, { live: true, retry: true, back_off_function: backOff });
    rep.on('change', () => void drain());
    rep.on('paused', (err: unknown) => {
      states.set(db, err ? { state: 'offline', error: explain(err) } : { state: 'idle' });
      void drain();
    });
    rep.on('active', () => (states.set(db, { state: 'active' }), report()));
    rep.on('error', (err: unknown) => (states.set(db, { state: 'offline', error: explain(err) }), report()));
    handles.push({ cancel: () => rep.cancel() });
  }
  // The company trust list comes with the collection (the page that verifies documents).
  if (collector) handles.push(startCompanyPull(config, () => report()));
  const retry = () => drains.forEach((d) => d());
  document.addEventListener('trust-list-changed', retry);
  return {
    cancel: () => {
      document.removeEventListener('trust-list-changed', retry);
      handles.forEach((h) => h.cancel());
    },
  };
}

/**
 * Checks the downloaded documents of `db` that need it, each of their revisions on its own.
 * Returns the ids of documents another page collects (left for it).
 */
async function check(
  inbox: PouchDB,
  { db, project }: { db: string; project: string },
  rows: { id: string }[],
  collector: Collector,
): Promise<Set<string>> {
  const done = processed(db);
  const trust = await collector.trustKey();
  const todo: { id: string; revs: string[] }[] = [];
  for (const r of rows) {
    const before = done.get(r.id);
    if (before?.kind === 'received') continue;
    const revs = await leafRevs(inbox, r.id);
    if (needsCheck(before, revs, trust)) todo.push({ id: r.id, revs });
  }
  const elsewhere = new Set<string>();
  if (!todo.length) return elsewhere;
  const byRev = new Map<string, ReceiveOutcome>();
  const items: Parameters<Receiver>[0] = [];
  for (const { id, revs } of todo) {
    for (const rev of revs) {
      const key = `${id}@${rev}`;
      // The stub first (it carries the attachment's length): an oversized or malformed entry is
      // refused before its bytes are read.
      const read = readSyncDoc(await inbox.get(id, { rev }));
      if (!read.ok) {
        byRev.set(key, { kind: 'refused', reason: read.reason });
        continue;
      }
      if (!collector.kinds.includes(read.fields.kind)) {
        elsewhere.add(id); // collected on another page (reports on /reports/, certificates on /training/records/)
        continue;
      }
      const pdf = await inbox.getAttachment(id, SYNC_ATTACHMENT, { rev });
      if (!(pdf instanceof Blob) || pdf.size !== read.attachment.length) {
        byRev.set(key, { kind: 'refused', reason: '服务器上的原件无法读取' });
      } else items.push({ key, id, project, fields: read.fields, pdf });
    }
  }
  for (const [key, o] of items.length ? await collector.receive(items) : []) byRev.set(key, o);
  const outcomes = new Map<string, ReceiveOutcome>();
  for (const { id, revs } of todo) {
    const got = revs.map((rev) => byRev.get(`${id}@${rev}`)).filter((o): o is ReceiveOutcome => !!o);
    // Not decided here unless counted: a revision of another kind is for the page that collects it.
    if (elsewhere.has(id) && !got.some((o) => o.kind === 'received')) continue;
    outcomes.set(id, combineOutcomes(got, revs, trust));
  }
  markProcessed(db, outcomes);
  return elsewhere;
}

/** Builds the server-side fields of a verified own document (for the tablet's outbox). */
export { syncDocFields };
