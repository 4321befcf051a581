import { describe, expect, it } from 'vitest';
import { decideImport, importState, isProblem, noteStored, type CheckedFile, type CollectedDocument } from '../../src/domain/collection';
import { documentStatus, historyLine, isTicked, rowText, visibleDocuments, type ListedDocument } from '../../src/domain/collection-rows';
import type { Verdict } from '../../src/domain/report-verdict';
import type { ReportDocument } from '../../src/domain/report-document';
import { inspectionDocument } from '../support/signing-fixture';

const v = (kind: Verdict['kind'], problem: Verdict['problem'] = null): Verdict => ({
  kind,
  title: '签名无效',
  detail: '详情',
  reason: '原因',
  problem,
});
const TEMPLATES = new Set(['security']);
const doc0 = inspectionDocument();
const file = (
  kind: Verdict['kind'],
  document: ReportDocument | null = doc0,
  hash = 'h-new',
  problem: Verdict['problem'] = null,
): CheckedFile => ({
  verdict: v(kind, problem),
  ...(document ? { attached: { hash, document } } : {}),
});
let n = 0;
function listed(document: ReportDocument, over: Partial<ListedDocument> = {}): ListedDocument {
  n++;
  return {
    hash: `h${n}`,
    document,
    state: 'valid',
    signer: '王品质',
    fileName: `f${n}.pdf`,
    importedAt: '2026-11-30T08:15:00Z',
    included: false,
    excluded: false,
    recordId: document.record.id,
    ...over,
  };
}
const withUpdate = (d: ReportDocument, k: number): ReportDocument => ({ ...d, update: k, supersedes: 'a'.repeat(64) });

describe('decideImport', () => {
  const empty = () => importState([]);

  it('stores a new valid document, counted: 已验证，计入报告', () => {
    expect(decideImport(file('valid'), empty(), TEMPLATES)).toEqual({
      store: true,
      state: 'valid',
      bucket: 'added',
      line: '已验证，计入报告',
    });
  });

  it('stores an unenrolled or unsigned document, kept out by default', () => {
    expect(decideImport(file('untrusted'), empty(), TEMPLATES)).toEqual({
      store: true,
      state: 'untrusted',
      bucket: 'untrusted',
      line: '签名完整但签名人未登记（原因），默认不计入',
    });
    expect(decideImport(file('unsigned'), empty(), TEMPLATES)).toEqual({
      store: true,
      state: 'unsigned',
      bucket: 'untrusted',
      line: '未签名，默认不计入',
    });
  });

  it('collects an update of a record as an update, named by its number', () => {
    expect(decideImport(file('valid', withUpdate(doc0, 2)), empty(), TEMPLATES)).toMatchObject({
      store: true,
      bucket: 'updated',
      line: '已验证，作为该检查的第 2 次更新（整改进展）收集',
    });
  });

  it('collects a second document of a record already collected as another document of it', () => {
    const state = importState([listed(doc0, { hash: 'h-old' })]);
    expect(decideImport(file('valid'), state, TEMPLATES)).toMatchObject({
      store: true,
      bucket: 'updated',
      line: '已验证，作为该检查的另一份文件收集',
    });
  });

  it('counts a deleted document neither as a duplicate nor as a record already collected', () => {
    const state = importState([listed(doc0, { hash: 'h-new', deletedAt: '2026-11-30T09:00:00Z' })]);
    expect(decideImport(file('valid'), state, TEMPLATES)).toMatchObject({ store: true, bucket: 'added' });
  });

  it('finds a duplicate within one import once the first copy is stored', () => {
    const state = empty();
    const first = decideImport(file('valid'), state, TEMPLATES);
    expect(first.store).toBe(true);
    noteStored(state, { hash: 'h-new', fileName: '一号.pdf', recordId: doc0.record.id });
    expect(decideImport(file('valid'), state, TEMPLATES)).toEqual({
      store: false,
      bucket: 'duplicate',
      line: '重复：与已收集的「一号.pdf」是同一份文件，未重复计入',
    });
    // A different document of the same record is now an update of it.
    expect(decideImport(file('valid', doc0, 'h-other'), state, TEMPLATES)).toMatchObject({ store: true, bucket: 'updated' });
  });

  it('refuses a record whose checklist this device lacks, and names it', () => {
    const other: ReportDocument = { ...doc0, record: { ...doc0.record, templateId: 'pool', templateTitle: '泳池检查表' } };
    expect(decideImport(file('valid', other), empty(), TEMPLATES)).toEqual({
      store: false,
      bucket: 'unreadable',
      line: '未导入：报告使用的检查表「泳池检查表」（pool）在本设备上不存在，请先更新本应用。',
    });
  });

  it('refuses tampered, foreign and unreadable files in full, saying when a file is incomplete', () => {
    expect(decideImport(file('tampered'), empty(), TEMPLATES)).toEqual({
      store: false,
      bucket: 'tampered',
      line: '未导入：签名无效：原因',
    });
    expect(decideImport(file('tampered', null, '', 'truncated'), empty(), TEMPLATES)).toEqual({
      store: false,
      bucket: 'unreadable',
      line: '未导入：文件不完整，请重新索取',
    });
    expect(decideImport(file('foreign'), empty(), TEMPLATES)).toMatchObject({ store: false, bucket: 'unreadable' });
    // Valid signature but no record document attached: nothing to collect.
    expect(decideImport(file('valid', null), empty(), TEMPLATES)).toMatchObject({ store: false, bucket: 'unreadable' });
  });

  it('asks the veto only about files the checker accepted, and a veto keeps the file out', () => {
    let asked = 0;
    const veto = () => (asked++, '签名人未登记为检查员');
    expect(decideImport(file('tampered'), empty(), TEMPLATES, veto)).toMatchObject({ bucket: 'tampered' });
    expect(asked).toBe(0);
    expect(decideImport(file('valid'), empty(), TEMPLATES, veto)).toEqual({
      store: false,
      bucket: 'tampered',
      line: '未收入：签名人未登记为检查员',
    });
    expect(decideImport(file('untrusted'), empty(), TEMPLATES, veto)).toMatchObject({ store: false, bucket: 'untrusted' });
    expect(asked).toBe(2);
    expect(decideImport(file('valid'), empty(), TEMPLATES, () => null)).toMatchObject({ store: true, bucket: 'added' });
  });

  it('lists refused, unverified and unreadable files as problems; added, updated and duplicates are not', () => {
    expect((['added', 'updated', 'duplicate', 'tampered', 'untrusted', 'unreadable'] as const).filter(isProblem)).toEqual([
      'tampered',
      'untrusted',
      'unreadable',
    ]);
  });
});

describe('the collection list', () => {
  const a = listed(doc0, { fileName: '南门岗.pdf' });
  const later: ReportDocument = { ...doc0, record: { ...doc0.record, id: 'r-9', area: '地库', inspectedAt: '2026-11-29T02:00:00Z' } };
  const b = listed(later, { state: 'untrusted', reason: '签名人未登记' });
  const b1 = listed(withUpdate(later, 1));
  const gone = listed(doc0, { deletedAt: '2026-11-30T10:00:00Z' });
  const all: ListedDocument[] = [a, b, gone, b1];

  it('keeps what the search and state filter ask for, newest inspection and latest update first, never deleted ones', () => {
    expect(visibleDocuments(all, '', '', new Set()).map((d) => d.hash)).toEqual(
      doc0.record.inspectedAt > later.record.inspectedAt ? [a.hash, b1.hash, b.hash] : [b1.hash, b.hash, a.hash],
    );
    expect(visibleDocuments(all, '地库', '', new Set()).map((d) => d.hash)).toEqual([b1.hash, b.hash]);
    expect(visibleDocuments(all, '南门岗.pdf', '', new Set()).map((d) => d.hash)).toEqual([a.hash]);
    expect(visibleDocuments(all, '', 'untrusted', new Set()).map((d) => d.hash)).toEqual([b.hash]);
    expect(visibleDocuments(all, '', 'conflict', new Set([a.hash])).map((d) => d.hash)).toEqual([a.hash]);
  });

  it('says why a document counts or not, a conflict first', () => {
    expect(documentStatus(a, true, true)).toContain('冲突');
    expect(documentStatus(a, true, false)).toBe('计入报告');
    expect(documentStatus({ ...a, excluded: true }, false, false)).toBe('已排除');
    expect(documentStatus(b, false, false)).toBe('未计入');
    expect(documentStatus(a, false, false)).toBe('已被更新的文件取代');
  });

  it('describes a row by record and by file, with the verdict and its reason', () => {
    const text = rowText(b1, '计入报告');
    expect(text.record).toBe(
      `${later.record.templateTitle} · 锦江名苑 · ${later.record.inspectedAt.slice(0, 10)} · 王品质（第 1 版 · 第 1 次更新）`,
    );
    expect(rowText(b, '未计入').file).toBe(`${b.fileName} · 未确认签名人（王品质）：签名人未登记 · 未计入`);
  });

  it('ticks valid documents unless excluded, others only when included', () => {
    expect([isTicked(a), isTicked({ ...a, excluded: true }), isTicked(b), isTicked({ ...b, included: true })]).toEqual([
      true,
      false,
      false,
      true,
    ]);
  });

  it('writes a history line with the score in points and the rectifications closed', () => {
    const line = historyLine(gone as ListedDocument & CollectedDocument);
    const score = doc0.record.result?.score;
    expect(line).toBe(
      `第 1 版 · ${score === null || score === undefined ? '—' : (score / 10).toFixed(1)} 分 · 整改 0/0 · ${gone.fileName} · 导入于 2026-11-30 08:15（已删除）`,
    );
  });
});
