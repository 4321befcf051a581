/**
 * Reading a backup file: every check happens before anything is written, and each failure is
 * one plain-Chinese sentence. Merging: a record missing here is added; a draft present in both
 * keeps the newer version (by updatedAt); a finalised record is immutable (planInspectionMerge).
 */
import { backupSchema, BACKUP_FORMAT, type Backup } from '../schemas/backup';
import { canonicalJson } from './canonical-json';
import type { InspectionRecord } from './inspection';

export type BackupCheck = { ok: true; backup: Backup } | { ok: false; error: string };

export function checkBackup(text: string): BackupCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: '文件无法读取：它不是本应用导出的数据文件，或文件已损坏（内容不完整），未导入任何内容。' };
  }
  const format = (raw as { format?: unknown })?.format;
  if (format !== BACKUP_FORMAT) {
    return { ok: false, error: '这不是本应用导出的数据文件（缺少数据文件标识），未导入任何内容。' };
  }
  const version = (raw as { version?: unknown }).version;
  if (version !== 1) {
    return { ok: false, error: `数据文件版本（${String(version)}）不受支持，未导入任何内容。请先把本应用更新到最新版本再导入。` };
  }
  const parsed = backupSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `数据文件内容不完整或被改动（${issue.path.join('.')}：${issue.message}），未导入任何内容。` };
  }
  const b = parsed.data;
  const ids = new Set(b.inspections.map((i) => i.id));
  if (ids.size !== b.inspections.length) return { ok: false, error: '数据文件中有重复的检查记录，未导入任何内容。' };
  const photoIds = new Set(b.photos.map((p) => p.id));
  for (const r of b.rectifications) {
    if (!ids.has(r.inspectionId)) return { ok: false, error: '数据文件中的整改事项找不到对应的检查记录，未导入任何内容。' };
  }
  for (const p of b.photos) {
    if (!ids.has(p.inspectionId)) return { ok: false, error: '数据文件中的照片找不到对应的检查记录，未导入任何内容。' };
  }
  for (const i of b.inspections) {
    for (const list of Object.values(i.photos)) {
      for (const id of list) if (!photoIds.has(id)) return { ok: false, error: '数据文件缺少检查记录引用的照片，未导入任何内容。' };
    }
  }
  return { ok: true, backup: b };
}

export interface Versioned {
  id: string;
  updatedAt: string;
  status?: string;
}

/** Which incoming records to write: new ones, and newer versions that don't undo a finalisation. */
export function planMerge<T extends Versioned>(
  incoming: readonly T[],
  existing: ReadonlyMap<string, Versioned>,
): { write: T[]; added: number; updated: number; skipped: number } {
  const write: T[] = [];
  let added = 0;
  let updated = 0;
  let skipped = 0;
  for (const r of incoming) {
    const old = existing.get(r.id);
    if (!old) {
      write.push(r);
      added++;
    } else if (r.updatedAt > old.updatedAt && !(old.status === 'final' && r.status === 'draft')) {
      write.push(r);
      updated++;
    } else skipped++;
  }
  return { write, added, updated, skipped };
}

export interface MergeConflict {
  id: string;
  reason: string;
}

/**
 * Inspections from a backup: new records are added and drafts follow the newer version, but a
 * finalised record is immutable. An incoming copy that differs from a finalised record here is a
 * conflict shown to the user, never an overwrite; the only change accepted is `supersededBy`
 * pointing at a finalised revision of that very record (in the backup or already here).
 */
export function planInspectionMerge<T extends InspectionRecord>(
  incoming: readonly T[],
  existing: ReadonlyMap<string, InspectionRecord>,
): { write: T[]; added: number; updated: number; skipped: number; conflicts: MergeConflict[] } {
  const byId = new Map<string, InspectionRecord>([...existing, ...incoming.map((r) => [r.id, r] as const)]);
  const revisionOk = (r: InspectionRecord) => {
    if (!r.supersededBy) return true;
    const rev = byId.get(r.supersededBy);
    return !!rev && rev.revisionOf === r.id && rev.status === 'final';
  };
  const write: T[] = [];
  const conflicts: MergeConflict[] = [];
  let added = 0;
  let updated = 0;
  let skipped = 0;
  const label = (r: InspectionRecord) => `${r.templateTitle} · ${r.project} · ${r.inspectedAt.slice(0, 10)}`;
  for (const r of incoming) {
    const old = existing.get(r.id);
    if (!revisionOk(r)) {
      conflicts.push({ id: r.id, reason: `「${label(r)}」标记为已被修订，但找不到对应的修订版` });
      continue;
    }
    if (!old) {
      write.push(r);
      added++;
      continue;
    }
    if (old.status === 'final') {
      const { supersededBy: _a, ...mine } = old;
      const { supersededBy: _b, ...theirs } = r;
      if (canonicalJson(mine) !== canonicalJson(theirs)) {
        conflicts.push({ id: r.id, reason: `「${label(r)}」已在本设备定稿，数据文件中的内容与之不同，未覆盖` });
      } else if (r.supersededBy && !old.supersededBy) {
        write.push(r);
        updated++;
      } else skipped++;
      continue;
    }
    if (r.updatedAt > old.updatedAt) {
      write.push(r);
      updated++;
    } else skipped++;
  }
  return { write, added, updated, skipped, conflicts };
}
