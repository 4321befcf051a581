// The write-ahead journal and write queue of an open inspection, against fake-indexeddb and a
// fake localStorage: every change reaches IndexedDB in order, a crash between the journal and the
// commit is replayed on the next open, and a failing write keeps the journal.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openAppDB } from '../../src/adapters/store/db';
import { InspectionsStore } from '../../src/adapters/store/inspections-store';
import { RectificationsStore } from '../../src/adapters/store/rectifications-store';
import { InspectionWriter, journalKey, type KeyValueStorage, type SaveState } from '../../src/adapters/store/inspection-writer';
import { newInspection, setAnswer } from '../../src/domain/inspection';
import { newRectification } from '../../src/domain/rectification';
import { check, section, template } from '../support/templates';
import { diffRecord, type RecordPatch } from '../../src/domain/record-patch';

const T = template([section('s', '前台', [check('a')])], { id: 'customer', version: 'v1' });

class FakeStorage implements KeyValueStorage {
  map = new Map<string, string>();
  full = false;
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    if (this.full) throw new DOMException('full', 'QuotaExceededError');
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

let n = 0;
async function setup() {
  const db = await openAppDB(`writer-${++n}`);
  const stores = { inspections: new InspectionsStore(db), rectifications: new RectificationsStore(db) };
  const record = newInspection(
    T,
    { templateId: 'customer', project: '翠湖花园', area: 'A', inspector: '李', inspectedAt: '2026-11-02T09:00:00.000+08:00' },
    'i1',
    '2026-11-02T09:00:00.000+08:00',
  );
  await stores.inspections.put(record);
  return { db, stores, record };
}
const at = (s: number) => `2026-11-02T09:00:${String(s).padStart(2, '0')}.000+08:00`;

describe('InspectionWriter', () => {
  it('stores the latest of many quick changes and clears the journal once stored', async () => {
    const { stores, record } = await setup();
    const storage = new FakeStorage();
    const states: SaveState['kind'][] = [];
    const w = new InspectionWriter(stores, storage, record, [], (s) => states.push(s.kind));
    w.setRecord(setAnswer(w.record, 'a', { result: 'fail' }, at(1)));
    expect(JSON.parse(storage.getItem(journalKey('i1'))!).record.answers.a).toEqual({ result: 'fail' }); // before any commit
    w.setRecord(setAnswer(w.record, 'a', { result: 'pass' }, at(2)));
    await w.flush();
    expect((await stores.inspections.get('i1'))!.answers.a).toEqual({ result: 'pass' });
    expect(storage.getItem(journalKey('i1'))).toBeNull();
    expect(states.at(-1)).toBe('saved');
  });

  it('replays a journal left by a tab closed before IndexedDB committed', async () => {
    const { stores, record } = await setup();
    const storage = new FakeStorage();
    const rect = newRectification({ id: 'i1:a', inspectionId: 'i1', itemId: 'a', description: '接听不符合要求' }, '2026-11-02', 3, at(3));
    const crashed = setAnswer(record, 'a', { result: 'fail' }, at(3));
    storage.setItem(journalKey('i1'), JSON.stringify({ record: crashed, rects: [rect] }));
    const w = new InspectionWriter(stores, storage, (await stores.inspections.get('i1'))!, []);
    expect(w.replayJournal()).toBe(true);
    await w.flush();
    expect((await stores.inspections.get('i1'))!.answers.a).toEqual({ result: 'fail' });
    expect((await stores.rectifications.get('i1:a'))!.description).toBe('接听不符合要求');
    expect(storage.getItem(journalKey('i1'))).toBeNull();
  });

  it('drops a journal older than the stored record, or unreadable', async () => {
    const { stores, record } = await setup();
    const storage = new FakeStorage();
    const newer = setAnswer(record, 'a', { result: 'pass' }, at(9));
    await stores.inspections.put(newer);
    storage.setItem(journalKey('i1'), JSON.stringify({ record: setAnswer(record, 'a', { result: 'fail' }, at(5)), rects: [] }));
    expect(new InspectionWriter(stores, storage, newer, []).replayJournal()).toBe(false);
    expect(storage.getItem(journalKey('i1'))).toBeNull();
    storage.setItem(journalKey('i1'), '{not json');
    expect(new InspectionWriter(stores, storage, newer, []).replayJournal()).toBe(false);
    expect(storage.getItem(journalKey('i1'))).toBeNull();
    expect((await stores.inspections.get('i1'))!.answers.a).toEqual({ result: 'pass' });
  });

  it('keeps the journal and reports the error when IndexedDB refuses the write, then retries', async () => {
    const { stores, record } = await setup();
    const storage = new FakeStorage();
    let refuse = true;
    const flaky = {
      ...stores,
      inspections: {
        putPatch: (r: typeof record, p: RecordPatch) =>
          refuse ? Promise.reject(new Error('设备存储空间已满')) : stores.inspections.putPatch(r, p),
        putRevision: (r: typeof record) => stores.inspections.putRevision(r),
      },
    };
    const errors: string[] = [];
    const w = new InspectionWriter(flaky, storage, record, [], (s) => s.kind === 'error' && errors.push(s.message));
    w.setRecord(setAnswer(w.record, 'a', { result: 'fail' }, at(4)));
    await w.flush();
    expect(errors).toEqual(['设备存储空间已满']);
    expect(w.error).toBe('设备存储空间已满');
    expect(storage.getItem(journalKey('i1'))).not.toBeNull();
    refuse = false;
    await w.flush();
    expect(w.error).toBeNull();
    expect((await stores.inspections.get('i1'))!.answers.a).toEqual({ result: 'fail' });
    expect(storage.getItem(journalKey('i1'))).toBeNull();
  });

  it('still stores every change when localStorage is full', async () => {
    const { stores, record } = await setup();
    const storage = new FakeStorage();
    storage.full = true;
    const w = new InspectionWriter(stores, storage, record, []);
    w.setRecord(setAnswer(w.record, 'a', { result: 'na' }, at(6)));
    await w.flush();
    expect((await stores.inspections.get('i1'))!.answers.a).toEqual({ result: 'na' });
  });

  it('deletes dropped rectifications and commits a final record after the pending writes', async () => {
    const { stores, record } = await setup();
    const w = new InspectionWriter(stores, new FakeStorage(), record, []);
    const rect = newRectification({ id: 'i1:a', inspectionId: 'i1', itemId: 'a', description: 'x' }, '2026-11-02', 3, at(7));
    w.setRects([rect]);
    await w.flush();
    expect(await stores.rectifications.get('i1:a')).toBeDefined();
    await w.deleteRects(['a']);
    expect(await stores.rectifications.get('i1:a')).toBeUndefined();
    const final = { ...w.record, status: 'final' as const, finalizedAt: at(8), updatedAt: at(8) };
    await w.commitRevision(final);
    expect((await stores.inspections.get('i1'))!.status).toBe('final');
    expect(w.record.status).toBe('final');
  });

  it('two editors on one record lose nothing: each write carries only its own answers', async () => {
    const { stores, record } = await setup();
    const two = { ...record, answers: {} };
    const a = new InspectionWriter(stores, new FakeStorage(), two, []);
    const b = new InspectionWriter(stores, new FakeStorage(), two, []);
    // Interleaved, as two tabs tapping at once; each writer's view lacks the other's answers.
    for (let i = 0; i < 20; i++) {
      a.setRecord(setAnswer(a.record, `a${i}`, { result: 'pass' }, at(10 + (i % 40))));
      b.setRecord(setAnswer(b.record, `b${i}`, { result: 'fail' }, at(10 + (i % 40))));
    }
    await Promise.all([a.flush(), b.flush()]);
    const stored = (await stores.inspections.get('i1'))!;
    expect(Object.keys(stored.answers)).toHaveLength(40);
    expect(stored.answers.a7).toEqual({ result: 'pass' });
    expect(stored.answers.b19).toEqual({ result: 'fail' });
  });

  it('a stale editor never reopens a record finalised elsewhere, and says so', async () => {
    const { stores, record } = await setup();
    const stale = new InspectionWriter(stores, new FakeStorage(), record, []);
    await stores.inspections.put({ ...record, status: 'final', finalizedAt: at(20), updatedAt: at(20) });
    const errors: string[] = [];
    const w = new InspectionWriter(stores, new FakeStorage(), record, [], (s) => s.kind === 'error' && errors.push(s.message));
    w.setRecord(setAnswer(w.record, 'a', { result: 'fail' }, at(21)));
    await w.flush();
    expect(errors[0]).toMatch(/已在另一个标签页或从备份中定稿/);
    expect((await stores.inspections.get('i1'))!.status).toBe('final');
    expect(stale.record.status).toBe('draft');
  });

  it('replays a journal per answer onto what is stored now', async () => {
    const { stores, record } = await setup();
    const storage = new FakeStorage();
    const w = new InspectionWriter(stores, storage, record, []);
    const storedJournal = () => storage.getItem(journalKey('i1'))!;
    // The tab's change reaches the journal; IndexedDB never gets it (crash before commit).
    const blocked = new InspectionWriter(
      { ...stores, inspections: { ...stores.inspections, putPatch: () => new Promise(() => {}), putRevision: async () => {} } },
      storage,
      record,
      [],
    );
    blocked.setRecord(setAnswer(blocked.record, 'x', { result: 'fail' }, at(30)));
    const journal = storedJournal();
    // Meanwhile another editor stored a different answer.
    w.setRecord(setAnswer(w.record, 'y', { result: 'pass' }, at(31)));
    await w.flush();
    storage.setItem(journalKey('i1'), journal.replace(at(30), at(32)));
    const reopened = new InspectionWriter(stores, storage, (await stores.inspections.get('i1'))!, []);
    expect(reopened.replayJournal()).toBe(true);
    await reopened.flush();
    const stored = (await stores.inspections.get('i1'))!;
    expect(stored.answers).toEqual({ x: { result: 'fail' }, y: { result: 'pass' } });
  });

  it('says when a change is handed to IndexedDB: before its commit, after the newest of quick changes, and on failure', async () => {
    const { stores, record } = await setup();
    const events: string[] = [];
    let commit!: () => void;
    let refuse = false;
    // The store hands over at once and commits when told to, so the order is observable.
    const held = {
      ...stores,
      inspections: {
        putPatch: async (r: typeof record, p: RecordPatch, onQueued?: () => void) => {
          if (refuse) throw new Error('设备存储空间已满');
          events.push(`put ${JSON.stringify(p.keyed.answers)}`);
          onQueued?.();
          await new Promise<void>((resolve) => (commit = resolve));
          await stores.inspections.putPatch(r, p);
          events.push('committed');
        },
        putRevision: (r: typeof record) => stores.inspections.putRevision(r),
      },
    };
    const w = new InspectionWriter(held, new FakeStorage(), record, []);
    await w.queued(); // nothing changed: nothing to wait for
    w.setRecord(setAnswer(w.record, 'a', { result: 'fail' }, at(40)));
    await w.queued().then(() => events.push('queued'));
    expect(events).toEqual(['put {"a":{"result":"fail"}}', 'queued']); // handed over, not yet committed
    // Two changes while the first write commits: queued waits for the write of the newest one.
    w.setRecord(setAnswer(w.record, 'a', { result: 'na' }, at(41)));
    w.setRecord(setAnswer(w.record, 'a', { result: 'pass' }, at(42)));
    const second = w.queued().then(() => events.push('queued'));
    commit();
    await second;
    expect(events.slice(2)).toEqual(['committed', 'put {"a":{"result":"pass"}}', 'queued']);
    commit();
    await w.flush();
    expect((await stores.inspections.get('i1'))!.answers.a).toEqual({ result: 'pass' });
    // A write that fails still lets the waiter go (the screen must not wait forever).
    refuse = true;
    w.setRecord(setAnswer(w.record, 'a', { result: 'fail' }, at(43)));
    await w.queued();
    await w.flush();
    expect(w.error).toBe('设备存储空间已满');
  });

  it('the store hands a patch over to IndexedDB (onQueued) before the write resolves', async () => {
    const { stores, record } = await setup();
    const order: string[] = [];
    const next = setAnswer(record, 'a', { result: 'na' }, at(50));
    await stores.inspections.putPatch(next, diffRecord(record, next), () => order.push('queued'));
    order.push('resolved');
    expect(order).toEqual(['queued', 'resolved']);
    expect((await stores.inspections.get('i1'))!.answers.a).toEqual({ result: 'na' });
  });
});
