import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkBackup, planInspectionMerge, planMerge } from '../../src/domain/backup';
import { exportAll, importAll } from '../../src/adapters/store/backup-io';
import { openAppDB } from '../../src/adapters/store/db';
import { InspectionsStore } from '../../src/adapters/store/inspections-store';
import { PhotosStore } from '../../src/adapters/store/photos-store';
import { finalize, newInspection, revise, setAnswer, setPhotos } from '../../src/domain/inspection';
import { check, section, template } from '../support/templates';

const T = template([section('s', '前台', [check('a', { sop: 'customer-service/front-desk-phone' })])], {
  id: 'customer-service',
  title: '客服专业线品质检查',
  version: 'v1',
});
const NOW = '2026-11-23T10:00:00.000+08:00';
let n = 0;

async function seeded() {
  const db = await openAppDB(`backup-${++n}`);
  const store = new InspectionsStore(db);
  let rec = newInspection(T, { templateId: T.id, project: '翠湖花园', area: 'A', inspector: '李', inspectedAt: NOW }, 'i1', NOW);
  rec = setPhotos(setAnswer(rec, 'a', { result: 'fail' }, NOW), 'a', ['p1'], NOW);
  await store.put(rec);
  await db.put('photos', {
    id: 'p1',
    inspectionId: 'i1',
    itemId: 'a',
    blob: new Blob([new Uint8Array([255, 216, 255, 0, 1, 2])], { type: 'image/jpeg' }),
    width: 4,
    height: 3,
    createdAt: NOW,
  });
  await db.put('rectifications', {
    id: 'i1:a',
    inspectionId: 'i1',
    itemId: 'a',
    description: '接听超时',
    department: '客服部',
    owner: '王',
    deadline: '2026-11-26',
    status: 'open',
    afterPhotos: [],
    createdAt: NOW,
    updatedAt: NOW,
  });
  return db;
}

describe('backup round trip', () => {
  it('restores everything, photos byte for byte, on another device', async () => {
    const text = await (await exportAll(NOW, await seeded())).text();
    const target = await openAppDB(`backup-${++n}`);
    expect(await importAll(text, target)).toEqual({ added: 1, updated: 0, skipped: 0, photos: 1, conflicts: [] });
    expect((await target.get('inspections', 'i1'))!.answers).toEqual({ a: { result: 'fail' } });
    expect((await target.get('rectifications', 'i1:a'))!.owner).toBe('王');
    // Seeded as a Blob (an older release), restored as bytes: WebKit may refuse Blobs in IndexedDB.
    expect((await target.get('photos', 'p1'))!.blob).not.toBeInstanceOf(Blob);
    const photo = await new PhotosStore(target).get('p1');
    expect(photo!.blob.type).toBe('image/jpeg');
    expect([...new Uint8Array(await photo!.blob.arrayBuffer())]).toEqual([255, 216, 255, 0, 1, 2]);
    // Importing the same file again changes nothing.
    expect(await importAll(text, target)).toEqual({ added: 0, updated: 0, skipped: 1, photos: 0, conflicts: [] });
  });
});

describe('bad files change nothing', () => {
  const bad: [string, string][] = [
    ['random bytes', '\u0000\u00ff%PDF garbage'],
    ['truncated', '{"format":"wuye-handbook-backup","version":1,"inspections":['],
    ['foreign JSON', '{"hello":"world"}'],
    ['future version', '{"format":"wuye-handbook-backup","version":9}'],
    [
      'schema violation',
      JSON.stringify({
        format: 'wuye-handbook-backup',
        version: 1,
        exportedAt: NOW,
        inspections: [{ id: 'x' }],
        rectifications: [],
        photos: [],
      }),
    ],
  ];
  for (const [name, text] of bad) {
    it(`${name}: a clear Chinese error, no writes`, async () => {
      const db = await seeded();
      const before = JSON.stringify(await db.getAll('inspections'));
      await expect(importAll(text, db)).rejects.toThrow(/[\u4e00-\u9fff]/);
      expect(JSON.stringify(await db.getAll('inspections'))).toBe(before);
    });
  }

  it('refuses dangling references', async () => {
    const text = await (await exportAll(NOW, await seeded())).text();
    const b = JSON.parse(text);
    b.photos = [];
    expect(checkBackup(JSON.stringify(b))).toEqual({ ok: false, error: '数据文件缺少检查记录引用的照片，未导入任何内容。' });
    const c = JSON.parse(text);
    c.rectifications[0].inspectionId = 'nope';
    expect(checkBackup(JSON.stringify(c)).ok).toBe(false);
  });

  it('never throws on mutated files, and never accepts a mutation that breaks the schema', async () => {
    const text = await (await exportAll(NOW, await seeded())).text();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: text.length - 1 }), fc.integer({ min: 0, max: 0xffff }), (i, code) => {
        const mutated = text.slice(0, i) + String.fromCharCode(code) + text.slice(i + 1);
        const r = checkBackup(mutated);
        if (r.ok) expect(() => JSON.parse(mutated)).not.toThrow();
        else expect(r.error).toMatch(/[\u4e00-\u9fff]/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('planMerge', () => {
  const existing = new Map([
    ['a', { id: 'a', updatedAt: '2026-11-01', status: 'draft' }],
    ['b', { id: 'b', updatedAt: '2026-11-05', status: 'final' }],
  ]);
  it('adds new, updates newer, skips older and never turns a final record back into a draft', () => {
    const r = planMerge(
      [
        { id: 'a', updatedAt: '2026-11-02', status: 'final' },
        { id: 'b', updatedAt: '2026-11-09', status: 'draft' },
        { id: 'c', updatedAt: '2026-11-01', status: 'draft' },
      ],
      existing,
    );
    expect(r.write.map((x) => x.id)).toEqual(['a', 'c']);
    expect(r).toMatchObject({ added: 1, updated: 1, skipped: 1 });
  });
});

describe('planInspectionMerge (finalised records are immutable)', () => {
  const base = finalize(
    T,
    setAnswer(
      newInspection(T, { templateId: T.id, project: '翠湖花园', area: 'A', inspector: '李', inspectedAt: NOW }, 'f1', NOW),
      'a',
      { result: 'pass' },
      NOW,
    ),
    NOW,
  );
  const draft = newInspection(T, { templateId: T.id, project: '翠湖花园', area: 'A', inspector: '李', inspectedAt: NOW }, 'd1', NOW);
  const here = new Map([
    ['f1', base],
    ['d1', draft],
  ]);

  it('never overwrites a finalised record, even with a later updatedAt; says so', () => {
    const edited = { ...base, updatedAt: '2099-12-31T00:00:00.000+08:00', result: { ...base.result!, score: 1000 } };
    const r = planInspectionMerge([edited], here);
    expect(r.write).toEqual([]);
    expect(r.conflicts).toHaveLength(1);
    expect(r.conflicts[0]!.reason).toContain('已在本设备定稿');
  });

  it('refuses a supersededBy that no finalised revision backs, and accepts one that does', () => {
    const hidden = { ...base, supersededBy: 'nope' };
    expect(planInspectionMerge([hidden], here).conflicts[0]!.reason).toContain('找不到对应的修订版');
    const revision = { ...finalize(T, revise(base, 'f2', NOW), NOW) };
    const r = planInspectionMerge([{ ...base, supersededBy: 'f2' }, revision], here);
    expect(r.conflicts).toEqual([]);
    expect(r.write.map((x) => x.id).sort()).toEqual(['f1', 'f2']);
  });

  it('lets drafts follow the newer copy and adds new records', () => {
    const newer = { ...draft, updatedAt: '2026-11-24T10:00:00.000+08:00' };
    const r = planInspectionMerge([newer, { ...draft, id: 'd2' }, base], here);
    expect(r).toMatchObject({ added: 1, updated: 1, skipped: 1, conflicts: [] });
  });

  it('refuses dates the calendar does not have', () => {
    const bad = JSON.stringify({
      format: 'wuye-handbook-backup',
      version: 1,
      exportedAt: '2099-99-99T00:00:00.000+08:00',
      inspections: [],
      rectifications: [],
      photos: [],
    });
    expect(checkBackup(bad)).toMatchObject({ ok: false });
    const noZone = JSON.stringify({
      format: 'wuye-handbook-backup',
      version: 1,
      exportedAt: '2026-11-23T00:00',
      inspections: [],
      rectifications: [],
      photos: [],
    });
    expect(checkBackup(noZone)).toMatchObject({ ok: false });
  });
});
