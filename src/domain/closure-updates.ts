/**
 * Rectification progress leaves the device as a signed update document of the record (a re-issue
 * numbered after the last document this device exported, naming it as superseded). Which records
 * have progress not yet sent, and who may sign it: the inspector, or whoever verified one of its
 * rectifications — the same rule the checker applies (`inspectionNameProblem`).
 */
import type { InspectionRecord } from './inspection';
import type { Rectification } from './rectification';
import { inspectionNameProblem } from './report-checks';

export interface ExportMark {
  recordId: string;
  update: number;
  exportedAt: string;
}

export interface PendingClosure {
  record: InspectionRecord;
  rectifications: Rectification[];
  /** The rectifications changed since the last export. */
  changed: Rectification[];
  /** No signed report of this record was made on this device: an update cannot be numbered here. */
  notExported: boolean;
}

/**
 * Current final records whose rectifications changed after this device last exported a document of
 * the record. Times are compared as instants (the stored times carry their zone).
 */
export function pendingClosures(
  records: readonly InspectionRecord[],
  rectifications: readonly Rectification[],
  exports: readonly ExportMark[],
): PendingClosure[] {
  const lastExport = new Map<string, number>();
  for (const e of exports) lastExport.set(e.recordId, Math.max(lastExport.get(e.recordId) ?? -Infinity, Date.parse(e.exportedAt)));
  const out: PendingClosure[] = [];
  for (const record of records) {
    if (record.status !== 'final' || record.supersededBy) continue;
    const rects = rectifications.filter((r) => r.inspectionId === record.id);
    if (!rects.length) continue;
    const last = lastExport.get(record.id);
    if (last === undefined) {
      // Progress on a record this device never reported (e.g. restored from a backup) is listed,
      // but cannot be sent from here: its numbering lives with the device that signed the report.
      if (rects.some((r) => r.status !== 'open')) out.push({ record, rectifications: rects, changed: [], notExported: true });
      continue;
    }
    const changed = rects.filter((r) => Date.parse(r.updatedAt) > last);
    if (changed.length) out.push({ record, rectifications: rects, changed, notExported: false });
  }
  return out.sort((a, b) => a.record.inspectedAt.localeCompare(b.record.inspectedAt));
}

/** The signature line of an update, or the Chinese reason this person may not sign it. */
export function closureSignature(
  record: InspectionRecord,
  rectifications: readonly Rectification[],
  signerName: string,
  signedAt: string,
): { ok: true; signature: { role: string; name: string; signedAt: string } } | { ok: false; reason: string } {
  const reviewers = rectifications.flatMap((r) => (r.verifiedBy ? [r.verifiedBy] : []));
  const signature = { role: record.inspector === signerName ? '检查人' : '复查人', name: signerName, signedAt };
  const wrong = inspectionNameProblem(record, [signature], signerName, reviewers);
  if (wrong) {
    return {
      ok: false,
      reason: `整改更新只能由检查人「${record.inspector}」${reviewers.length ? `或复查人「${[...new Set(reviewers)].join('、')}」` : ''}签名，所选证书属于「${signerName}」。`,
    };
  }
  return { ok: true, signature };
}
