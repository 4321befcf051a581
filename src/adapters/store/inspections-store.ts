// Facade over the inspections store: every change is written as it is made.
import type { IDBPDatabase } from 'idb';
import { monthOf, type DeletionPlan, type InspectionRecord } from '../../domain/inspection';
import { applyPatch, type RecordPatch } from '../../domain/record-patch';
import { explainStorageError, type AppDB, type StoredInspection } from './db';

/** A draft's changes met a record finalised meanwhile (another tab or a backup): nothing is written. */
export class FinalizedElsewhereError extends Error {
  constructor() {
    super('此检查已在另一个标签页或从备份中定稿，本页的修改没有保存。请重新打开此检查。');
  }
}

export class InspectionsStore {
  constructor(private readonly db: IDBPDatabase<AppDB>) {}

  /** Deletes a record, its rectifications and its own photos at once. */
  delete(plan: DeletionPlan): Promise<void> {
    return deleteInspection(this.db, plan);
  }

  async put(record: InspectionRecord): Promise<void> {
    const stored: StoredInspection = { ...record, month: monthOf(record.inspectedAt) };
    try {
      await this.db.put('inspections', stored);
    } catch (err) {
      throw explainStorageError(err);
    }
  }

  /**
   * Writes one editor's changes onto the stored record in one transaction (read, merge, write), so
   * answers another tab stored meanwhile stay. `record` is that editor's whole view, stored as is
   * only when nothing is stored yet. Committed at once and with strict durability: the answer is
   * on disk when this resolves, not whenever the browser next flushes. `onQueued` runs as soon as
   * the write is handed over (see InspectionWriter.queued).
   */
  async putPatch(record: InspectionRecord, patch: RecordPatch, onQueued?: () => void): Promise<InspectionRecord> {
    let merged: InspectionRecord | null;
    try {
      const tx = this.db.transaction('inspections', 'readwrite', { durability: 'strict' });
      const stored = strip(await tx.store.get(record.id));
      merged = stored ? applyPatch(stored, patch) : record;
      if (merged) {
        const put = tx.store.put({ ...merged, month: monthOf(merged.inspectedAt) });
        tx.commit(); // don't wait for the event loop to let the transaction end
        onQueued?.();
        await Promise.all([put, tx.done]);
      } else await tx.done;
    } catch (err) {
      throw explainStorageError(err);
    }
    if (!merged) throw new FinalizedElsewhereError();
    return merged;
  }

  async get(id: string): Promise<InspectionRecord | undefined> {
    return strip(await this.db.get('inspections', id));
  }

  /** Newest first. */
  async list(): Promise<InspectionRecord[]> {
    const all = await this.db.getAllFromIndex('inspections', 'by-updated');
    return all.reverse().map((r) => strip(r)!);
  }

  async byMonth(month: string): Promise<InspectionRecord[]> {
    return (await this.db.getAllFromIndex('inspections', 'by-month', month)).map((r) => strip(r)!);
  }

  async byStatus(status: InspectionRecord['status']): Promise<InspectionRecord[]> {
    return (await this.db.getAllFromIndex('inspections', 'by-status', status)).map((r) => strip(r)!);
  }

  /** Finalising a revision marks the record it corrects as superseded, in one transaction. */
  async putRevision(revision: InspectionRecord): Promise<void> {
    const tx = this.db.transaction('inspections', 'readwrite');
    try {
      const previous = revision.revisionOf ? await tx.store.get(revision.revisionOf) : undefined;
      if (previous && revision.status === 'final') await tx.store.put({ ...previous, supersededBy: revision.id });
      await tx.store.put({ ...revision, month: monthOf(revision.inspectedAt) });
      await tx.done;
    } catch (err) {
      throw explainStorageError(err);
    }
  }
}

function strip(r: StoredInspection | undefined): InspectionRecord | undefined {
  if (!r) return undefined;
  const { month: _month, ...record } = r;
  return record;
}

/** Deletes a record with its rectifications and its own photos, in one transaction (all or nothing). */
export async function deleteInspection(db: IDBPDatabase<AppDB>, plan: DeletionPlan): Promise<void> {
  const tx = db.transaction(['inspections', 'rectifications', 'photos'], 'readwrite');
  try {
    const rects = await tx.objectStore('rectifications').index('by-inspection').getAllKeys(plan.inspectionId);
    for (const key of rects) await tx.objectStore('rectifications').delete(key);
    for (const id of plan.photoIds) await tx.objectStore('photos').delete(id);
    if (plan.restore) {
      const previous = await tx.objectStore('inspections').get(plan.restore);
      if (previous) {
        const { supersededBy: _s, ...rest } = previous;
        await tx.objectStore('inspections').put(rest);
      }
    }
    await tx.objectStore('inspections').delete(plan.inspectionId);
    await tx.done;
  } catch (err) {
    throw explainStorageError(err);
  }
}
