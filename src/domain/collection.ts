/**
 * The manager's collection of signed documents and what counts from it. Documents, not
 * snapshots: every collected file is kept under its document id (the SHA-256 of its attached
 * record document), never overwritten. What the month counts is derived:
 * - per record, the latest update (0 = the report at finalisation, n = the nth re-issue with
 *   rectification progress); two different documents claiming the same record and update, or
 *   an update whose record differs from the one first signed, are a conflict for the manager;
 * - a revision (a corrected record, `revisionOf`) supersedes its original in every count;
 * - only valid documents, and those the manager explicitly included, count; excluded or deleted
 *   ones never do.
 * Import decisions: a tampered or unreadable file is refused outright (it never takes a place, so
 * the genuine file imports afterwards); a file already collected is a duplicate of that document.
 */
import { canonicalJson } from './canonical-json';
import type { Verdict } from './report-verdict';
import type { ReportDocument } from './report-document';
import type { InspectionRecord } from './inspection';
import type { Rectification } from './rectification';

export type DocumentState = 'valid' | 'untrusted' | 'unsigned';

/** One collected document as the collection logic needs it (the store adds file bytes etc.). */
export interface CollectedDocument {
  /** Document id: SHA-256 (hex) of the attached record document's canonical JSON. */
  hash: string;
  document: ReportDocument;
  state: DocumentState;
  signer: string;
  fileName: string;
  importedAt: string;
  /** The manager counted an unverified document anyway (the report says so). */
  included: boolean;
  /** The manager left a valid document out. */
  excluded: boolean;
  /** Deleted (kept for undo until purged). */
  deletedAt?: string;
}

export const updateOf = (d: ReportDocument): number => d.update ?? 0;

export type ImportOutcome =
  | { kind: 'added'; state: DocumentState; counted: boolean }
  | { kind: 'duplicate'; of: { hash: string; fileName: string } }
  | { kind: 'refused'; reason: string; truncated: boolean };

/** The decision for one verified file, given the documents already collected (by hash). */
export function importOutcome(
  verdict: Verdict,
  hash: string | undefined,
  known: ReadonlyMap<string, { fileName: string; deletedAt?: string }>,
): ImportOutcome {
  if (verdict.kind === 'tampered' || verdict.kind === 'foreign' || !hash) {
    return { kind: 'refused', reason: `${verdict.title}：${verdict.reason || verdict.detail}`, truncated: verdict.problem === 'truncated' };
  }
  const existing = known.get(hash);
  if (existing && !existing.deletedAt) return { kind: 'duplicate', of: { hash, fileName: existing.fileName } };
  return { kind: 'added', state: verdict.kind, counted: verdict.kind === 'valid' };
}

export type OutcomeBucket = 'added' | 'updated' | 'duplicate' | 'tampered' | 'untrusted' | 'unreadable';

export const BUCKET_NAMES: Record<OutcomeBucket, string> = {
  added: '新收集',
  updated: '更新',
  duplicate: '重复',
  tampered: '已被改动',
  untrusted: '未登记',
  unreadable: '无法读取',
};

/** The summary line after an import: 新收集 n · 更新 n · 重复 n · 已被改动 n · 未登记 n · 无法读取 n. */
export function importSummary(buckets: readonly OutcomeBucket[]): string {
  const n = (b: OutcomeBucket) => buckets.filter((x) => x === b).length;
  return (Object.keys(BUCKET_NAMES) as OutcomeBucket[]).map((b) => `${BUCKET_NAMES[b]} ${n(b)}`).join(' · ');
}

/** What the checker found in one file, as the import decision needs it. */
export interface CheckedFile {
  verdict: Verdict;
  /** The record document attached, with its id (hash); absent when none could be read. */
  attached?: { hash: string; document: ReportDocument };
}

/** What one import knows so far: the documents by id, and the records that already have one. */
export interface ImportState {
  known: Map<string, { fileName: string; deletedAt?: string }>;
  records: Set<string>;
}

export const importState = (docs: readonly (CollectedDocument & { recordId: string })[]): ImportState => ({
  known: new Map(docs.map((d) => [d.hash, d])),
  records: new Set(docs.filter((d) => !d.deletedAt).map((d) => d.recordId)),
});

export type ImportDecision =
  { store: true; state: DocumentState; bucket: OutcomeBucket; line: string } | { store: false; bucket: OutcomeBucket; line: string };

const updateText = (doc: ReportDocument) => (updateOf(doc) ? `第 ${updateOf(doc)} 次更新（整改进展）` : '另一份文件');

/**
 * The decision for one checked file: stored (new, update, or kept out as unverified) or not
 * (duplicate, refused, vetoed, unknown checklist), with its bucket and the line the manager reads.
 * `veto` (sync's own rules) is asked only about files the checker did not refuse.
 */
export function decideImport(
  file: CheckedFile,
  state: ImportState,
  templateIds: ReadonlySet<string>,
  veto?: () => string | null,
): ImportDecision {
  const doc = file.attached?.document;
  const outcome = importOutcome(file.verdict, file.attached?.hash, state.known);
  const vetoed = outcome.kind === 'refused' ? null : (veto?.() ?? null);
  if (vetoed) return { store: false, bucket: file.verdict.kind === 'valid' ? 'tampered' : 'untrusted', line: `未收入：${vetoed}` };
  if (outcome.kind === 'duplicate') {
    return { store: false, bucket: 'duplicate', line: `重复：与已收集的「${outcome.of.fileName}」是同一份文件，未重复计入` };
  }
  if (outcome.kind === 'added' && doc && !templateIds.has(doc.record.templateId)) {
    const { templateTitle, templateId } = doc.record;
    return {
      store: false,
      bucket: 'unreadable',
      line: `未导入：报告使用的检查表「${templateTitle}」（${templateId}）在本设备上不存在，请先更新本应用。`,
    };
  }
  if (outcome.kind === 'added' && doc) {
    const isUpdate = state.records.has(doc.record.id) || updateOf(doc) > 0;
    const line =
      outcome.state === 'valid'
        ? isUpdate
          ? `已验证，作为该检查的${updateText(doc)}收集`
          : '已验证，计入报告'
        : outcome.state === 'untrusted'
          ? `签名完整但签名人未登记（${file.verdict.reason}），默认不计入`
          : '未签名，默认不计入';
    const bucket = outcome.state === 'valid' ? (isUpdate ? 'updated' : 'added') : 'untrusted';
    return { store: true, state: outcome.state, bucket, line };
  }
  const reason = outcome.kind === 'refused' ? outcome : { reason: '文件中没有可读取的检查记录', truncated: false };
  return {
    store: false,
    bucket: file.verdict.kind === 'tampered' && !reason.truncated ? 'tampered' : 'unreadable',
    line: reason.truncated ? '未导入：文件不完整，请重新索取' : `未导入：${reason.reason}`,
  };
}

/** A stored file takes its place: the next copy of it is a duplicate, the next document of its record an update. */
export function noteStored(state: ImportState, stored: { hash: string; fileName: string; recordId: string }): void {
  state.known.set(stored.hash, stored);
  state.records.add(stored.recordId);
}

/** Buckets the manager must look at; the log lists them first, so they are not lost below the successes. */
export const isProblem = (b: OutcomeBucket): boolean => b === 'tampered' || b === 'untrusted' || b === 'unreadable';

export interface Conflict {
  recordId: string;
  update: number;
  hashes: string[];
  reason: string;
}

export interface Current {
  record: InspectionRecord;
  rectifications: readonly Rectification[];
  /** The document the figures come from. */
  hash: string;
  state: DocumentState;
}

/** Whether a document counts on its own (before the latest-update and revision rules). */
export const counts = (d: Pick<CollectedDocument, 'deletedAt' | 'excluded' | 'state' | 'included'>) =>
  !d.deletedAt && !d.excluded && (d.state === 'valid' || d.included);

/** The record a document holds, without what updates may change (rectification progress). */
const recordKey = (d: ReportDocument) => canonicalJson(d.record);

/**
 * What counts now: the latest update of every record, revisions in place of their originals,
 * conflicts left out and listed.
 */
export function currentDocuments(docs: readonly CollectedDocument[]): { current: Current[]; conflicts: Conflict[] } {
  const byRecord = new Map<string, CollectedDocument[]>();
  for (const d of docs) {
    if (!counts(d)) continue;
    const id = d.document.record.id;
    const list = byRecord.get(id);
    if (list) list.push(d);
    else byRecord.set(id, [d]);
  }
  const conflicts: Conflict[] = [];
  const picked = new Map<string, CollectedDocument>();
  for (const [recordId, list] of byRecord) {
    if (list.length === 1) {
      picked.set(recordId, list[0]!);
      continue;
    }
    const sorted = [...list].sort((a, b) => updateOf(b.document) - updateOf(a.document) || a.hash.localeCompare(b.hash));
    const base = recordKey(sorted[sorted.length - 1]!.document);
    const changed = sorted.filter((d) => recordKey(d.document) !== base);
    if (changed.length) {
      conflicts.push({
        recordId,
        update: updateOf(changed[0]!.document),
        hashes: sorted.map((d) => d.hash),
        reason: '同一检查记录的不同文件中，检查结果不一致（定稿后的记录不能更改）',
      });
      continue;
    }
    const top = sorted[0]!;
    const rivals = sorted.filter((d) => updateOf(d.document) === updateOf(top.document));
    if (rivals.length > 1) {
      conflicts.push({
        recordId,
        update: updateOf(top.document),
        hashes: rivals.map((d) => d.hash),
        reason: `同一检查记录的第 ${updateOf(top.document)} 次更新有 ${rivals.length} 份不同的文件`,
      });
      continue;
    }
    picked.set(recordId, top);
  }
  // A corrected record supersedes its original (and that one's original, and so on).
  const superseded = new Set<string>();
  for (const d of picked.values()) {
    const seen = new Set<string>();
    let of = d.document.record.revisionOf;
    while (of && !seen.has(of)) {
      seen.add(of);
      superseded.add(of);
      of = picked.get(of)?.document.record.revisionOf;
    }
  }
  const current = [...picked.values()]
    .filter((d) => !superseded.has(d.document.record.id))
    .map((d) => ({ record: d.document.record, rectifications: d.document.rectifications, hash: d.hash, state: d.state }));
  return { current, conflicts };
}

/** Every document of a record and its revisions, oldest first: the record's history. */
export function historyOf<D extends CollectedDocument>(docs: readonly D[], recordId: string): D[] {
  const ids = new Set([recordId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const {
      document: { record: r },
    } of docs) {
      const linked = ids.has(r.id) || (r.revisionOf !== undefined && ids.has(r.revisionOf));
      for (const id of linked ? [r.id, r.revisionOf] : []) {
        if (id && !ids.has(id)) {
          ids.add(id);
          grew = true;
        }
      }
    }
  }
  return docs
    .filter((d) => ids.has(d.document.record.id))
    .sort((a, b) => a.document.record.revision - b.document.record.revision || updateOf(a.document) - updateOf(b.document));
}

/**
 * This device's own finalised records join the collection: a record present in both counts once
 * (this device's copy, which has the latest rectification state), and a revision on either side
 * replaces its original on the other.
 */
export function withLocal(
  current: readonly Current[],
  local: readonly { record: InspectionRecord; rectifications: readonly Rectification[] }[],
): { record: InspectionRecord; rectifications: readonly Rectification[] }[] {
  const localIds = new Set(local.map((l) => l.record.id));
  const all = [...local, ...current.filter((c) => !localIds.has(c.record.id))];
  const superseded = new Set(all.flatMap((c) => (c.record.revisionOf ? [c.record.revisionOf] : [])));
  return all.filter((c) => !superseded.has(c.record.id)).map((c) => ({ record: c.record, rectifications: c.rectifications }));
}

/** Unverified documents the manager chose to count, per month (the report must say so). */
export function includedUnverified(current: readonly Current[], month: string): number {
  return current.filter((c) => c.state !== 'valid' && c.record.inspectedAt.startsWith(month)).length;
}
