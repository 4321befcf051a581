// The company database (`wuye-company`): the administrator's device publishes the signed trust
// list there; managers' devices pull it and take a newer list of the same root, checked exactly
// like a list imported by hand (readTrustList, then saveTrustList's comparison). Forged,
// unsigned, older, other-root and first-ever lists are refused and listed, never applied.
import PouchDB from 'pouchdb-browser';
import type { SyncConfig } from '../../schemas/sync-config';
import { COMPANY_DB } from '../../domain/sync-names';
import { combineOutcomes, needsCheck, type ReceiveOutcome } from '../../domain/sync-plan';
import { readTrustDoc, TRUST_ATTACHMENT, trustArrivalProblem, trustDocFields } from '../../domain/sync-trust';
import { compareTrustLists } from '../../domain/trust-list';
import { sha256Hex } from '../hash';
import { readTrustList } from '../signing/trust-list';
import { loadTrustList, saveTrustList, trustListKey } from '../signing/trust-store';
import { leafRevs, markProcessed, openInbox, processed } from './sync-store';
import { backOff, explain, remoteDb } from './remote';

/** Publishes this device's trust list (signed by the company root) to the company database. */
export async function publishTrustList(config: SyncConfig): Promise<{ sequence: number } | { error: string }> {
  const signed = await loadTrustList();
  if (!signed) return { error: '本设备还没有信任列表，请先在“签名根证书与登记”页面签发或导入' };
  const text = JSON.stringify(signed);
  const db = remoteDb(config, COMPANY_DB);
  try {
    await db.put({
      ...trustDocFields(await sha256Hex(text), signed.list),
      _attachments: { [TRUST_ATTACHMENT]: { content_type: 'application/json', data: new Blob([text], { type: 'application/json' }) } },
    });
  } catch (e) {
    if ((e as { status?: number }).status !== 409) return { error: explain(e) }; // 409: this very list is there already
  } finally {
    await db.close();
  }
  return { sequence: signed.list.sequence };
}

/** Checks one list from the server as a hand import would, and takes it if it is newer. */
async function arrive(raw: unknown, text: () => Promise<string>): Promise<ReceiveOutcome> {
  const read = readTrustDoc(raw);
  if (!read.ok) return { kind: 'refused', reason: read.reason };
  const body = await text();
  let incoming;
  try {
    incoming = await readTrustList(body);
  } catch (e) {
    return { kind: 'refused', reason: `信任列表：${(e as Error).message}` };
  }
  const current = (await loadTrustList())?.list ?? null;
  const problem = trustArrivalProblem(
    read.fields,
    await sha256Hex(body),
    incoming.list,
    compareTrustLists(current, incoming.list),
    current,
  );
  if (problem) return { kind: 'refused', reason: `信任列表：${problem}` };
  try {
    const saved = await saveTrustList(body); // the same store and comparison as a hand import
    if (saved.kind === 'newer') document.dispatchEvent(new CustomEvent('trust-list-changed'));
    return { kind: 'received' };
  } catch (e) {
    return { kind: 'refused', reason: `信任列表：${(e as Error).message}` };
  }
}

/** Pulls the company database live; `onChange` after each decision (for the status line). */
export function startCompanyPull(config: SyncConfig, onChange: (state: 'idle' | 'offline', error?: string) => void): { cancel(): void } {
  const inbox = openInbox(COMPANY_DB);
  let queue = Promise.resolve();
  const drain = () =>
    (queue = queue
      .then(async () => {
        const done = processed(COMPANY_DB);
        // Decisions hold for the list in use: a list refused before the first one was imported by
        // hand (or after the root was replaced) is looked at again under the new one.
        const key = await trustListKey((await loadTrustList())?.list ?? null);
        const todo: { id: string; revs: string[]; docs: Record<string, unknown>[] }[] = [];
        for (const r of (await inbox.allDocs()).rows.filter((x) => !x.id.startsWith('_'))) {
          const revs = await leafRevs(inbox, r.id);
          if (!needsCheck(done.get(r.id), revs, key)) continue;
          const docs = await Promise.all(revs.map((rev) => inbox.get(r.id, { rev })));
          todo.push({ id: r.id, revs, docs });
        }
        // Oldest first, so lists published one after another are each taken as newer in turn.
        const seq = (d: Record<string, unknown>) => (typeof d.sequence === 'number' ? d.sequence : 0);
        todo.sort((a, b) => seq(a.docs[0]!) - seq(b.docs[0]!));
        const outcomes = new Map<string, ReceiveOutcome>();
        for (const { id, revs, docs } of todo) {
          const each: ReceiveOutcome[] = [];
          for (const [k, d] of docs.entries())
            each.push(await arrive(d, async () => (await inbox.getAttachment(id, TRUST_ATTACHMENT, { rev: revs[k]! })).text()));
          outcomes.set(id, combineOutcomes(each, revs, key));
        }
        if (outcomes.size) markProcessed(COMPANY_DB, outcomes);
        onChange('idle');
      })
      .catch((e: unknown) => onChange('offline', explain(e))));
  void drain();
  const rep = PouchDB.replicate(remoteDb(config, COMPANY_DB), inbox, { live: true, retry: true, back_off_function: backOff });
  rep.on('change', () => void drain());
  rep.on('paused', () => void drain());
  rep.on('error', (err: unknown) => onChange('offline', explain(err)));
  const again = () => void drain();
  document.addEventListener('trust-list-changed', again);
  return {
    cancel: () => {
      document.removeEventListener('trust-list-changed', again);
      rep.cancel();
    },
  };
}
