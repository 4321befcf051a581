// Evidence photos: the stamp's text and geometry, the hashes in the signed record, and a template
// that requires a photo when an item fails.
import { describe, expect, it } from 'vitest';
import { finalize, finalizeProblems, newInspection, setAnswer, setPhotoHash, setPhotos } from '../../src/domain/inspection';
import { shortHash, stampLayout, stampLines } from '../../src/domain/photo-stamp';
import { reportDocument, reportDocumentJson } from '../../src/domain/report-document';
import { reportDocumentSchema } from '../../src/schemas/backup';
import { checklistSchema } from '../../src/schemas/checklist';
import { check, section, template } from '../support/templates';

const T = template([
  section('s', '前台', [check('a', { photoOnFail: true }), check('b', { text: '仪容', standard: '整洁', method: '查看' })]),
]);
const now = '2026-11-02T09:12:33.120+08:00';
const H = 'ab'.repeat(32);
const rec = () =>
  newInspection(T, { templateId: 'c', project: '翠湖花园', area: '3 栋', inspector: '李品质', inspectedAt: now }, 'r1', now);
const owners = [{ itemId: 'a', department: '客服部', owner: '王', deadline: '2026-11-05' }];

describe('photoOnFail', () => {
  it('is read from the template file, off unless set', () => {
    const base = { title: '客服检查表', kind: 'inspection', line: 'customer', summary: '用于测试的检查表模板。', sections: [] };
    const item = { id: 'a', kind: 'check', text: '接听', standard: '三声内', method: '拨打', points: 1, sop: 'customer-service/x' };
    const parsed = checklistSchema.parse({
      ...base,
      sections: [{ id: 's', title: '前台', items: [item, { ...item, id: 'b', photoOnFail: true }] }],
    });
    expect(parsed.sections[0]!.items.map((i) => (i.kind === 'rating' ? null : i.photoOnFail))).toEqual([false, true]);
  });
  it('blocks finalisation of a failed item until it has a photo', () => {
    const failed = setAnswer(setAnswer(rec(), 'a', { result: 'fail' }, now), 'b', { result: 'pass' }, now);
    expect(finalizeProblems(T, failed, owners).map((p) => [p.kind, p.itemId, p.message])).toEqual([
      ['photo-required', 'a', '不符合时须拍照留证：前台：接听'],
    ]);
    expect(finalizeProblems(T, setPhotos(failed, 'a', ['p1'], now), owners)).toEqual([]);
    // Passing needs no photo.
    expect(finalizeProblems(T, setAnswer(failed, 'a', { result: 'pass' }, now), [])).toEqual([]);
  });
});

describe('photo hashes in the record', () => {
  it('keeps both the annotated copy’s hash and its original’s, and the signed document carries them', () => {
    let r = setPhotos(setAnswer(setAnswer(rec(), 'a', { result: 'fail' }, now), 'b', { result: 'pass' }, now), 'a', ['p2'], now);
    r = setPhotoHash(r, 'p1', H, now);
    r = setPhotoHash(r, 'p2', 'cd'.repeat(32), now, 'p1');
    expect(r.photoHashes).toEqual({ p1: { sha256: H }, p2: { sha256: 'cd'.repeat(32), originalOf: 'p1' } });
    const doc = reportDocument(finalize(T, r, now), [], [{ role: '检查人', name: '李品质', signedAt: now }]);
    const parsed = reportDocumentSchema.parse(JSON.parse(reportDocumentJson(doc)));
    // The checker's view of the document is the signed one, hashes included.
    expect(reportDocumentJson(parsed as typeof doc)).toBe(reportDocumentJson(doc));
    expect(() => reportDocumentSchema.parse({ ...doc, record: { ...doc.record, photoHashes: { p1: { sha256: 'xyz' } } } })).toThrow();
  });
});

describe('the photo stamp', () => {
  const lines = stampLines({ takenAt: now, project: '翠湖花园', area: '3 栋', item: '前台 · 接听', inspector: '李品质' });
  it('names time, place, item and inspector', () => {
    expect(lines).toEqual(['2026-11-02 09:12:33', '翠湖花园 · 3 栋', '前台 · 接听', '检查人：李品质']);
    expect(stampLines({ takenAt: now, project: '很'.repeat(40), area: 'A', item: 'x', inspector: 'y' })[1]).toHaveLength(28);
  });
  it('sits in a band at the bottom-left, scaled to the photo, inside it', () => {
    const m = (t: string, size: number) => [...t].length * size;
    for (const [w, h] of [
      [1600, 1200],
      [1200, 1600],
      [320, 240],
    ] as const) {
      const l = stampLayout(w, h, lines, m);
      expect(l.fontSize).toBe(Math.max(12, Math.round(Math.min(w, h) / 32)));
      expect(l.box.x).toBe(0);
      expect(l.box.y + l.box.h).toBe(h);
      expect(l.box.w).toBeLessThanOrEqual(w);
      for (const line of l.lines) {
        expect(line.y).toBeGreaterThan(l.box.y);
        expect(line.y).toBeLessThanOrEqual(h);
      }
    }
    expect(shortHash(H)).toBe('abababab');
  });
});
