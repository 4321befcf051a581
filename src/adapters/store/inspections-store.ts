// Facade over the inspections store: every change is written as it is made.
import type { IDBPDatabase } from 'idb';
import { monthOf, type DeletionPlan, type InspectionRecord } from '../../domain/inspection';
import { explainStorageError, type AppDB, type StoredInspection } from './db';

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
