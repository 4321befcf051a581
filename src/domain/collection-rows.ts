/**
 * What the manager's collection list shows, as plain text from plain data: which documents the
 * search and state filter keep (newest inspection first, later updates above earlier ones), each
 * row's description and status, and a record's history lines. The element only draws them.
 */
import { updateOf, type CollectedDocument } from './collection';
import type { ReportDocument } from './report-document';
import { formatTenths } from './tenths';

export const STATE_TEXT: Record<CollectedDocument['state'], string> = { valid: '已验证', untrusted: '未确认签名人', unsigned: '未签名' };

/** A document as the list reads it (the store adds the verdict's reason). */
export type ListedDocument = CollectedDocument & { recordId: string; reason?: string };

/** 'conflict' or a document state filters by it; '' keeps every state. */
export function visibleDocuments<D extends ListedDocument>(
  docs: readonly D[],
  query: string,
  state: string,
  inConflict: ReadonlySet<string>,
): D[] {
  return docs
    .filter((d) => !d.deletedAt)
    .filter((d) => {
      const r = d.document.record;
      const text = `${r.templateTitle} ${r.project} ${r.area} ${r.inspector} ${d.fileName} ${r.inspectedAt.slice(0, 10)}`;
      return (!query || text.includes(query)) && (!state || (state === 'conflict' ? inConflict.has(d.hash) : d.state === state));
    })
    .sort(
      (a, b) => b.document.record.inspectedAt.localeCompare(a.document.record.inspectedAt) || updateOf(b.document) - updateOf(a.document),
    );
}

export const revisionText = (doc: ReportDocument): string =>
  `第 ${doc.record.revision} 版${updateOf(doc) ? ` · 第 ${updateOf(doc)} 次更新` : ''}`;

/** Whether a document counts, and if not, why (conflict first: it blocks the whole record). */
export function documentStatus(d: ListedDocument, counted: boolean, inConflict: boolean): string {
  if (inConflict) return '冲突：同一检查有不同的文件，请删除或排除有误的一份';
  if (counted) return '计入报告';
  if (d.excluded) return '已排除';
  return d.state !== 'valid' && !d.included ? '未计入' : '已被更新的文件取代';
}

/** The row's two texts: what was inspected, and which file says so with its verdict and status. */
export function rowText(d: ListedDocument, status: string): { record: string; file: string } {
  const r = d.document.record;
  return {
    record: `${r.templateTitle} · ${r.project} · ${r.inspectedAt.slice(0, 10)} · ${r.inspector}（${revisionText(d.document)}）`,
    file: `${d.fileName} · ${STATE_TEXT[d.state]}${d.signer ? `（${d.signer}）` : ''}${d.reason ? `：${d.reason}` : ''} · ${status}`,
  };
}

/** Whether the 计入 box is ticked: valid documents unless excluded, others only when included. */
export const isTicked = (d: ListedDocument): boolean => (d.state === 'valid' ? !d.excluded : d.included);

/** One line of a record's history (score in tenths shown as points, rectifications closed of all). */
export function historyLine(d: ListedDocument & { importedAt: string }): string {
  const score = d.document.record.result?.score;
  const closed = d.document.rectifications.filter((x) => x.status !== 'open').length;
  const points = score === null || score === undefined ? '—' : formatTenths(score);
  const imported = d.importedAt.slice(0, 16).replace('T', ' ');
  return `${revisionText(d.document)} · ${points} 分 · 整改 ${closed}/${d.document.rectifications.length} · ${d.fileName} · 导入于 ${imported}${d.deletedAt ? '（已删除）' : ''}`;
}
