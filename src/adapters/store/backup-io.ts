// Export and import of everything on this device as one JSON file (photos base64-encoded).
// Import validates the whole file first and then writes in one transaction: all or nothing.
import type { IDBPDatabase } from 'idb';
import { checkBackup, planInspectionMerge, planMerge } from '../../domain/backup';
import { BACKUP_FORMAT, type Backup } from '../../schemas/backup';
import { explainStorageError, type AppDB } from './db';
import { toBlob } from './stored-bytes';
import { appDB } from './connection';

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export async function exportAll(now: string, db?: IDBPDatabase<AppDB>): Promise<Blob> {
  const d = db ?? (await appDB());
  const [inspections, rectifications, photos] = await Promise.all([
    d.getAll('inspections'),
    d.getAll('rectifications'),
    d.getAll('photos'),
  ]);
  const backup: Backup = {
    format: BACKUP_FORMAT,
    version: 1,
    exportedAt: now,
    inspections: inspections.map(({ month: _m, ...r }) => r),
    rectifications,
    photos: await Promise.all(
      photos.map(async (p) => ({
        id: p.id,
        inspectionId: p.inspectionId,
        itemId: p.itemId,
        width: p.width,
        height: p.height,
        createdAt: p.createdAt,
        type: (p.blob.type || 'image/jpeg') as 'image/jpeg',
        data: toBase64(new Uint8Array(await toBlob(p.blob).arrayBuffer())),
      })),
    ),
  };
  return new Blob([JSON.stringify(backup)], { type: 'application/json' });
}

export interface ImportSummary {
  added: number;
  updated: number;
  skipped: number;
  photos: number;
  /** Finalised records here that the file disagrees with (left as they are). */
  conflicts: { id: string; reason: string }[];
}

export async function importAll(text: string, db?: IDBPDatabase<AppDB>): Promise<ImportSummary> {
  const check = checkBackup(text);
  if (!check.ok) throw new Error(check.error);
  const b = check.backup;
  const d = db ?? (await appDB());
  // Decode everything before the transaction: nothing but IndexedDB may be awaited inside it.
  const photoBytes = b.photos.map((p) => ({ ...p, blob: { bytes: fromBase64(p.data).buffer as ArrayBuffer, type: p.type } }));
  const existing = new Map((await d.getAll('inspections')).map(({ month: _m, ...r }) => [r.id, r]));
  const existingRects = new Map((await d.getAll('rectifications')).map((r) => [r.id, r]));
  const existingPhotos = new Set(await d.getAllKeys('photos'));
  const inspections = planInspectionMerge(b.inspections, existing);
  const rects = planMerge(b.rectifications, existingRects);
  const newPhotos = photoBytes.filter((p) => !existingPhotos.has(p.id));
  const tx = d.transaction(['inspections', 'rectifications', 'photos'], 'readwrite');
  try {
    const writes: Promise<unknown>[] = [
      ...inspections.write.map((r) => tx.objectStore('inspections').put({ ...r, month: r.inspectedAt.slice(0, 7) })),
      ...rects.write.map((r) => tx.objectStore('rectifications').put(r)),
      ...newPhotos.map(({ data: _d, type: _t, ...p }) => tx.objectStore('photos').put(p)),
    ];
    await Promise.all([...writes, tx.done]);
  } catch (err) {
    throw explainStorageError(err);
  }
  return {
    added: inspections.added,
    updated: inspections.updated,
    skipped: inspections.skipped,
    photos: newPhotos.length,
    conflicts: inspections.conflicts,
  };
}
