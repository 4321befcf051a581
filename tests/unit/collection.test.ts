import { describe, expect, it } from 'vitest';
import { currentDocuments, historyOf, importOutcome, importSummary, type CollectedDocument } from '../../src/domain/collection';
import type { Verdict } from '../../src/domain/report-verdict';
import type { ReportDocument } from '../../src/domain/report-document';
import { inspectionDocument } from '../support/signing-fixture';

const v = (kind: Verdict['kind'], problem: Verdict['problem'] = null): Verdict => ({
  kind,
  title: '标题',
  detail: '详情',
  reason: '原因',
  problem,
});

describe('importOutcome', () => {
  const known = new Map([
    ['h1', { fileName: 'a.pdf' }],
    ['h2', { fileName: 'b.pdf', deletedAt: '2026-11-30T00:00:00Z' }],
  ]);
  it('adds a new document, counted when valid, kept out when unenrolled or unsigned', () => {
    expect(importOutcome(v('valid'), 'h9', known)).toEqual({ kind: 'added', state: 'valid', counted: true });
    expect(importOutcome(v('untrusted'), 'h9', known)).toEqual({ kind: 'added', state: 'untrusted', counted: false });
    expect(importOutcome(v('unsigned'), 'h9', known)).toEqual({ kind: 'added', state: 'unsigned', counted: false });
  });
  it('names the document a duplicate duplicates; a deleted one can be imported again', () => {
    expect(importOutcome(v('valid'), 'h1', known)).toEqual({ kind: 'duplicate', of: { hash: 'h1', fileName: 'a.pdf' } });
    expect(importOutcome(v('valid'), 'h2', known).kind).toBe('added');
  });
  it('refuses tampered, foreign and unreadable files outright, and says when a file is incomplete', () => {
    expect(importOutcome(v('tampered'), 'h1', known)).toEqual({ kind: 'refused', reason: '标题：原因', truncated: false });
    expect(importOutcome(v('tampered', 'truncated'), undefined, known)).toMatchObject({ kind: 'refused', truncated: true });
    expect(importOutcome(v('foreign'), undefined, known).kind).toBe('refused');
    expect(importOutcome(v('valid'), undefined, known).kind).toBe('refused');
  });
  it('sums an import by outcome', () => {
    expect(importSummary(['added', 'added', 'duplicate', 'tampered', 'untrusted', 'unreadable', 'updated'])).toBe(
      '新收集 2 · 更新 1 · 重复 1 · 已被改动 1 · 未登记 1 · 无法读取 1',
    );
  });
});

let n = 0;
function collected(document: ReportDocument, over: Partial<CollectedDocument> = {}): CollectedDocument {
  return {
    hash: `h${++n}`,
    document,
    state: 'valid',
    signer: '王品质',
    fileName: `f${n}.pdf`,
    importedAt: '2026-11-30T00:00:00Z',
    included: false,
    excluded: false,
    ...over,
  };
}
const update = (d: ReportDocument, k: number, status: 'done' | 'verified' = 'verified'): ReportDocument => ({
  ...d,
  update: k,
  supersedes: 'a'.repeat(64),
  rectifications: d.rectifications.map((r) => ({ ...r, status })),
});
function withRectification(): ReportDocument {
  const d = inspectionDocument();
  return {
    ...d,
    rectifications: [
      {
        id: 'x1',
        inspectionId: d.record.id,
        itemId: 'b',
        description: '交接班记录不全',
        department: '安防部',
        owner: '李四',
        deadline: '2026-11-26',
        status: 'open',
        afterPhotos: [],
        createdAt: d.record.inspectedAt,
        updatedAt: d.record.inspectedAt,
      },
    ],
  };
}

describe('currentDocuments', () => {
  it('counts each record once, at its latest update, so a closure reaches the month', () => {
    const d0 = withRectification();
    const { current, conflicts } = currentDocuments([collected(update(d0, 2)), collected(d0), collected(update(d0, 1, 'done'))]);
    expect(conflicts).toEqual([]);
    expect(current).toHaveLength(1);
    expect(current[0]!.rectifications[0]!.status).toBe('verified');
  });

  it('puts a revision in place of its original', () => {
    const original = inspectionDocument();
    const fixed: ReportDocument = structuredClone(original);
    fixed.record = { ...fixed.record, id: 'r-2', revision: 2, revisionOf: 'r-1' };
    const third: ReportDocument = structuredClone(original);
    third.record = { ...third.record, id: 'r-3', revision: 3, revisionOf: 'r-2' };
    expect(currentDocuments([collected(original), collected(fixed)]).current.map((c) => c.record.id)).toEqual(['r-2']);
    expect(currentDocuments([collected(third), collected(original), collected(fixed)]).current.map((c) => c.record.id)).toEqual(['r-3']);
    // The original alone still counts (its revision has not arrived).
    expect(currentDocuments([collected(original)]).current).toHaveLength(1);
  });

  it('leaves unverified, excluded and deleted documents out unless included', () => {
    const d = inspectionDocument();
    expect(currentDocuments([collected(d, { state: 'untrusted' })]).current).toHaveLength(0);
    expect(currentDocuments([collected(d, { state: 'untrusted', included: true })]).current).toHaveLength(1);
    expect(currentDocuments([collected(d, { excluded: true })]).current).toHaveLength(0);
    expect(currentDocuments([collected(d, { deletedAt: '2026-11-30T01:00:00Z' })]).current).toHaveLength(0);
  });

  it('reports two different documents for the same record and update as a conflict, counting neither', () => {
    const a = inspectionDocument();
    const b: ReportDocument = { ...a, signatures: [...a.signatures, { role: '复核', name: '赵经理', signedAt: a.record.inspectedAt }] };
    const { current, conflicts } = currentDocuments([collected(a), collected(b)]);
    expect(current).toEqual([]);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.reason).toContain('第 0 次更新有 2 份');
  });

  it('treats an update that changes the finalised record as a conflict', () => {
    const a = inspectionDocument();
    const changed = update(a, 1);
    changed.record = { ...changed.record, result: { ...changed.record.result!, score: 1000 } };
    const { current, conflicts } = currentDocuments([collected(a), collected(changed)]);
    expect(current).toEqual([]);
    expect(conflicts[0]!.reason).toContain('定稿后的记录不能更改');
  });
});

describe('historyOf', () => {
  it('lists a record’s documents and its revisions, oldest first', () => {
    const original = withRectification();
    const fixed: ReportDocument = structuredClone(original);
    fixed.record = { ...fixed.record, id: 'r-2', revision: 2, revisionOf: 'r-1' };
    const other = inspectionDocument();
    other.record = { ...other.record, id: 'zzz' };
    const docs = [collected(fixed), collected(update(original, 1)), collected(other), collected(original)];
    const names = (list: CollectedDocument[]) => list.map((d) => `${d.document.record.id}/${d.document.update ?? 0}`);
    expect(names(historyOf(docs, 'r-2'))).toEqual(['r-1/0', 'r-1/1', 'r-2/0']);
    expect(names(historyOf(docs, 'r-1'))).toEqual(['r-1/0', 'r-1/1', 'r-2/0']);
    expect(names(historyOf(docs, 'zzz'))).toEqual(['zzz/0']);
  });
});
