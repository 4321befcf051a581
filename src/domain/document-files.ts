/**
 * Names and numbering of the documents a device exports. Every export of a finalised record is a
 * new document: the first is update 0, each later one (with rectification progress) update n,
 * naming the document it supersedes. File names are readable Chinese and never repeat.
 */

export interface PreviousExport {
  hash: string;
  update: number;
}

/** The numbering of the next export of a record, given what this device exported before. */
export function nextExport(previous: readonly PreviousExport[]): { update: number; supersedes: string } | null {
  if (!previous.length) return null;
  const last = [...previous].sort((a, b) => b.update - a.update)[0]!;
  return { update: last.update + 1, supersedes: last.hash };
}

/** Characters file systems and messengers refuse, and control/format characters, become a space. */
function safe(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
      .replace(/[\\/:*?"<>|\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 40)
  );
}

/** "2026-11-23 翠湖花园 客服专业线品质检查 第1版.pdf", "… 第1版 整改更新2.pdf". */
export function exportFileName(d: {
  inspectedAt: string;
  project: string;
  templateTitle: string;
  revision: number;
  update: number;
}): string {
  const parts = [d.inspectedAt.slice(0, 10), safe(d.project), safe(d.templateTitle), `第${d.revision}版`];
  if (d.update > 0) parts.push(`整改更新${d.update}`);
  return `${parts.filter(Boolean).join(' ')}.pdf`;
}

/** manifest.json inside a ZIP of undelivered documents: what each file is. */
export function undeliveredManifest(
  list: readonly { hash: string; recordId: string; update: number; fileName: string; exportedAt: string }[],
  packedAt: string,
) {
  return {
    format: 'wuye-document-bundle',
    version: 1,
    packedAt,
    documents: list.map(({ hash, recordId, update, fileName, exportedAt }) => ({ file: fileName, hash, recordId, update, exportedAt })),
  };
}
