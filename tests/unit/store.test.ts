import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, explainStorageError, openAppDB } from '../../src/adapters/store/db';
import { InspectionsStore } from '../../src/adapters/store/inspections-store';
import { DocumentsStore } from '../../src/adapters/store/documents-store';
import { migrate } from '../../src/adapters/store/db';
import { sha256Hex } from '../../src/adapters/hash';
import { reportDocument, reportDocumentJson } from '../../src/domain/report-document';
import { openDB } from 'idb';
import { finalize, newInspection, revise, setAnswer } from '../../src/domain/inspection';
import { check, section, template } from '../support/templates';

const T = template([section('s', '前台', [check('a', { sop: 'customer-service/front-desk-phone' })])], { id: 'customer', version: 'v1' });
let n = 0;
const fresh = () => openAppDB(`test-${++n}`);
const rec = (id: string, inspectedAt: string, updatedAt = inspectedAt) => ({
  ...newInspection(T, { templateId: 'customer', project: '翠湖花园', area: 'A 区', inspector: '李', inspectedAt }, id, inspectedAt),
  updatedAt,
});

describe('app database', () => {
  it(`creates every store and index at version ${DB_VERSION}`, async () => {
    const db = await fresh();
    expect([...db.objectStoreNames].sort()).toEqual([
      'ca',
      'certificates',
      'collected',
      'documents',
      'exports',
      'inspections',
      'issued',
      'keys',
      'learners',
      'photos',
      'rectifications',
      'requests',
      'signers',
      'trainingDocuments',
      'trust',
    ]);
    const tx = db.transaction(['inspections', 'rectifications', 'photos']);
    expect([...tx.objectStore('inspections').indexNames].sort()).toEqual([
      'by-line',
      'by-month',
      'by-project',
      'by-status',
      'by-template',
      'by-updated',
    ]);
    expect([...tx.objectStore('rectifications').indexNames].sort()).toEqual(['by-deadline', 'by-department', 'by-inspection', 'by-status']);
    expect([...tx.objectStore('photos').indexNames]).toEqual(['by-inspection']);
    const docs = db.transaction(['documents', 'exports']);
    expect([...docs.objectStore('documents').indexNames].sort()).toEqual(['by-month', 'by-record']);
    expect([...docs.objectStore('exports').indexNames]).toEqual(['by-record']);
    db.close();
  });

  it('upgrades a v5 collection (by record id) to documents by hash, once, dropping tampered entries', async () => {
    const name = `test-${++n}`;
    const old = await openDB(name, 5, { upgrade: (db, o, v, tx) => migrate(db as never, o, v ?? 5, tx as never) });
    const final = finalize(
      T,
      setAnswer(rec('r-1', '2026-11-02T09:00:00.000+08:00'), 'a', { result: 'pass' }, '2026-11-02T09:05:00.000+08:00'),
      '2026-11-02T09:06:00.000+08:00',
    );
    const document = reportDocument(final, [], [{ role: '检查人', name: '李', signedAt: '2026-11-02T09:06:00.000+08:00' }]);
    const base = { month: '2026-11', document, signer: '李', fileName: 'a.pdf', importedAt: '2026-11-03T00:00:00Z' };
    await old.put('collected', { ...base, id: 'r-1', state: 'valid', included: true });
    await old.put('collected', {
      ...base,
      id: 'r-2',
      document: { ...document, record: { ...final, id: 'r-2' } },
      state: 'tampered',
      included: false,
    });
    await old.put('collected', {
      ...base,
      id: 'r-3',
      document: { ...document, record: { ...final, id: 'r-3' } },
      state: 'unsigned',
      included: true,
    });
    old.close();
    const db = await openAppDB(name);
    const store = new DocumentsStore(db);
    expect(await store.migrateLegacy()).toBe(2);
    expect(await store.migrateLegacy()).toBe(0);
    const docs = await store.all();
    expect(docs.map((d) => [d.recordId, d.state, d.included, d.excluded]).sort()).toEqual([
      ['r-1', 'valid', false, false],
      ['r-3', 'unsigned', true, false],
    ]);
    expect(docs.find((d) => d.recordId === 'r-1')!.hash).toBe(await sha256Hex(reportDocumentJson(document)));
    db.close();
  });
});

describe('InspectionsStore', () => {
  it('keeps what was written and lists newest first', async () => {
    const store = new InspectionsStore(await fresh());
    await store.put(rec('a', '2026-10-05T09:00:00+08:00'));
    await store.put(setAnswer(rec('b', '2026-11-02T09:00:00+08:00'), 'a', { result: 'pass' }, '2026-11-02T09:05:00+08:00'));
    expect((await store.get('b'))!.answers).toEqual({ a: { result: 'pass' } });
    expect((await store.get('b')) as object).not.toHaveProperty('month');
    expect((await store.list()).map((r) => r.id)).toEqual(['b', 'a']);
    expect((await store.byMonth('2026-10')).map((r) => r.id)).toEqual(['a']);
    expect((await store.byStatus('draft')).length).toBe(2);
    expect(await store.get('missing')).toBeUndefined();
  });

  it('finalising a revision marks the original superseded, keeping it', async () => {
    const store = new InspectionsStore(await fresh());
    const original = finalize(T, setAnswer(rec('a', '2026-11-02T09:00:00+08:00'), 'a', { result: 'fail' }, 'x'), 'f');
    await store.put(original);
    const draft = revise(original, 'a-r2', 'r');
    await store.putRevision(draft);
    expect((await store.get('a'))!.supersededBy).toBeUndefined();
    await store.putRevision(finalize(T, setAnswer(draft, 'a', { result: 'pass' }, 'y'), 'f2'));
    const kept = await store.get('a');
    expect(kept).toMatchObject({ status: 'final', supersededBy: 'a-r2', answers: { a: { result: 'fail' } } });
    expect((await store.get('a-r2'))!.result!.score).toBe(1000);
  });
});

describe('storage errors', () => {
  it('explain a full disk in Chinese and promise earlier data is safe', () => {
    const e = explainStorageError(new DOMException('quota', 'QuotaExceededError'));
    expect(e.message).toContain('存储空间已满');
    expect(e.message).toContain('之前保存的内容不受影响');
    expect(explainStorageError(new Error('x')).message).toContain('保存失败');
  });
});

describe('migrations', () => {
  it('upgrades a version-1 database written by the previous release without losing anything', async () => {
    const { openDB } = await import('idb');
    const { migrate, DB_VERSION } = await import('../../src/adapters/store/db');
    const name = `migrate-${++n}`;
    // Exactly what release 1 created and wrote.
    const v1 = await openDB(name, 1, { upgrade: (db, old, _new, tx) => migrate(db as never, old, 1, tx as never) });
    const record = { ...rec('old', '2026-09-10T09:00:00+08:00'), month: '2026-09' };
    await v1.put('inspections', record);
    await v1.put('rectifications', {
      id: 'old:a',
      inspectionId: 'old',
      itemId: 'a',
      description: 'x',
      department: '客服部',
      owner: '王',
      deadline: '2026-09-13',
      status: 'open',
      afterPhotos: [],
      createdAt: 'c',
      updatedAt: 'u',
    });
    expect([...v1.transaction('inspections').store.indexNames]).not.toContain('by-line');
    v1.close();

    const db = await openAppDB(name);
    expect(db.version).toBe(DB_VERSION);
    expect(await db.get('inspections', 'old')).toEqual(record);
    expect((await db.get('rectifications', 'old:a'))!.owner).toBe('王');
    expect((await db.getAllFromIndex('inspections', 'by-line', 'customer')).map((r) => r.id)).toEqual(['old']);
    db.close();
  });

  it('upgrades a version-5 database through v6: old device keys, learners and reports stay, the trust stores are new and empty', async () => {
    const { openDB } = await import('idb');
    const { migrate } = await import('../../src/adapters/store/db');
    const name = `migrate-${++n}`;
    const v5 = await openDB(name, 5, { upgrade: (db, old, _new, tx) => migrate(db as never, old, 5, tx as never) });
    const key = { id: 'inspector:李', commonName: '李', device: 'x', certificate: new Uint8Array([1, 2]), createdAt: 'c' };
    await v5.put('keys', key);
    await v5.put('learners', { learnerId: 'emp:1', name: '王', employeeNo: '1', reads: {}, attempts: [], signOffs: [] });
    expect([...v5.objectStoreNames]).not.toContain('signers');
    v5.close();

    const db = await openAppDB(name);
    expect(db.version).toBe(DB_VERSION);
    expect(await db.get('keys', 'inspector:李')).toEqual(key);
    expect((await db.get('learners', 'emp:1'))!.name).toBe('王');
    for (const store of ['signers', 'ca', 'requests', 'issued', 'trust'] as const) expect(await db.count(store)).toBe(0);
    await db.put('issued', {
      serial: 'ab',
      fingerprint: 'f',
      keyFingerprint: 'k',
      commonName: '李',
      device: 'd',
      certificate: new Uint8Array([1]),
      issuedAt: 'i',
      notAfter: 'n',
    });
    expect((await db.get('issued', 'ab'))!.commonName).toBe('李');
    db.close();
  });

  it('upgrades a version-5 database (training), keeping learners and adding the certificates store (v8)', async () => {
    const { openDB } = await import('idb');
    const { migrate } = await import('../../src/adapters/store/db');
    const name = `migrate-${++n}`;
    const v5 = await openDB(name, 5, { upgrade: (db, old, _new, tx) => migrate(db as never, old, 5, tx as never) });
    const learner = {
      learnerId: 'emp:BJ001',
      name: '李四',
      employeeNo: 'BJ001',
      reads: { 'environment/waste': { at: 't', version: 'v', how: 'ticked' } },
      attempts: [],
      signOffs: [],
    };
    await v5.put('learners', learner);
    expect([...v5.objectStoreNames]).not.toContain('certificates');
    v5.close();
    const db = await openAppDB(name);
    expect(db.version).toBe(DB_VERSION);
    expect(await db.get('learners', 'emp:BJ001')).toEqual(learner);
    const cert = {
      id: 'emp:BJ001|cleaning|t',
      learnerId: 'emp:BJ001',
      post: 'cleaning',
      signedAt: 't',
      fileName: 'c.pdf',
      pdf: new Uint8Array([37, 80]),
    };
    await db.put('certificates', cert);
    expect(await db.getAllFromIndex('certificates', 'by-learner', 'emp:BJ001')).toEqual([cert]);
    db.close();
  });
});

describe('DocumentsStore imports', () => {
  const doc = (i: number, pdf: Blob) => {
    const final = finalize(T, rec(`r-${i}`, '2026-11-02T09:00:00.000+08:00'), '2026-11-02T09:06:00.000+08:00');
    const document = reportDocument(final, [], [{ role: '检查人', name: '李', signedAt: '2026-11-02T09:06:00.000+08:00' }]);
    return {
      hash: `h${String(i).padStart(3, '0')}`,
      document,
      state: 'valid' as const,
      signer: '李',
      fileName: `${i}.pdf`,
      importedAt: '2026-11-03T00:00:00Z',
      included: false,
      excluded: false,
      month: '2026-11',
      recordId: final.id,
      pdf,
    };
  };

  it('stores batches (bytes as given, or read from the Blob) and lists every page of the collection', async () => {
    const db = await fresh();
    const store = new DocumentsStore(db);
    const writer = store.batchedWriter(4);
    for (let i = 0; i < 37; i++) {
      const bytes = new TextEncoder().encode(`%PDF-1.7 ${i}`);
      const pdf = new Blob([bytes], { type: 'application/pdf' });
      await writer.add(i, doc(i, pdf), i % 2 ? bytes.buffer : undefined);
    }
    expect((await writer.done()).size).toBe(0);
    const all = await store.all();
    expect(all.map((d) => d.fileName)).toEqual(Array.from({ length: 37 }, (_, i) => `${i}.pdf`));
    expect(await all[7]!.pdf.text()).toBe('%PDF-1.7 7');
    expect(await all[8]!.pdf.text()).toBe('%PDF-1.7 8');
    expect(all[8]!.pdf.type).toBe('application/pdf');
    db.close();
  });

  it('names the files of a batch that could not be stored, and stores none of that batch', async () => {
    const db = await fresh();
    const store = new DocumentsStore(db);
    const writer = store.batchedWriter(2);
    const pdf = new Blob(['%PDF-1.7'], { type: 'application/pdf' });
    await writer.add(0, doc(0, pdf));
    await writer.add(1, doc(1, pdf));
    // A key the store refuses fails the transaction of the second batch.
    await writer.add(2, { ...doc(2, pdf), hash: undefined as unknown as string });
    await writer.add(3, doc(3, pdf));
    const unsaved = await writer.done();
    expect([...unsaved.keys()].sort()).toEqual([2, 3]);
    // Said in Chinese, as the import log shows it (未导入：…), never the browser's English.
    expect([...unsaved.values()]).toEqual(['保存失败，本次修改未能写入设备。请重试。', '保存失败，本次修改未能写入设备。请重试。']);
    expect((await store.all()).map((d) => d.fileName)).toEqual(['0.pdf', '1.pdf']);
    db.close();
  });
});
