/**
 * The device's IndexedDB, one schema for the whole app.
 *
 * Stores:
 * - inspections: InspectionRecord by id; indexes by-status, by-month (of inspectedAt),
 *   by-template, by-project, by-updated (v1), by-line (v2, for reports per professional line).
 * - photos: { id, inspectionId, itemId, blob, width, height, createdAt }; index by-inspection.
 * - rectifications: Rectification by id; indexes by-status, by-department, by-inspection, by-deadline.
 *
 * Migrations are `if (oldVersion < n)` steps; each is kept forever so any older database
 * upgrades in order. Never await anything but IndexedDB inside a transaction.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { InspectionRecord } from '../../domain/inspection';
import type { Rectification } from '../../domain/rectification';
import type { ReportDocument } from '../../domain/report-document';
import type { LearnerProgress } from '../../domain/progress';

export interface PhotoRecord {
  id: string;
  inspectionId: string;
  itemId: string;
  blob: Blob;
  width: number;
  height: number;
  createdAt: string;
  /** SHA-256 of the stored (stamped) bytes, also in the record; optional for photos from before stamping. */
  sha256?: string;
  /** An annotated copy names the photo it was drawn on (kept unchanged beside it). */
  originalOf?: string;
}

export type StoredInspection = InspectionRecord & { month: string };

export interface CollectedReport {
  id: string;
  month: string;
  document: ReportDocument;
  /** How the file checked out when imported. */
  state: 'valid' | 'untrusted' | 'tampered' | 'unsigned';
  signer: string;
  fileName: string;
  importedAt: string;
  /** Counted in monthly reports; false for untrusted, tampered or unsigned files unless the manager includes them. */
  included: boolean;
}

export interface StoredIdentity {
  id: string;
  commonName: string;
  device: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  certificate: Uint8Array;
  createdAt: string;
}

export interface AppDB extends DBSchema {
  inspections: {
    key: string;
    value: StoredInspection;
    indexes: {
      'by-status': string;
      'by-month': string;
      'by-template': string;
      'by-project': string;
      'by-updated': string;
      'by-line': string;
    };
  };
  photos: {
    key: string;
    value: PhotoRecord;
    indexes: { 'by-inspection': string };
  };
  /** v5: learners on this device and their training progress (src/domain/progress.ts). */
  learners: { key: string; value: LearnerProgress };
  /** v4: reports collected by a manager from other devices (imported signed PDFs), by record id. */
  collected: { key: string; value: CollectedReport; indexes: { 'by-month': string } };
  /** v3: this device's signing identities, one per inspector name; private keys are not extractable. */
  keys: { key: string; value: StoredIdentity };
  rectifications: {
    key: string;
    value: Rectification;
    indexes: {
      'by-status': string;
      'by-department': string;
      'by-inspection': string;
      'by-deadline': string;
    };
  };
}

export const DB_NAME = 'wuye-handbook';
export const DB_VERSION = 5;

/**
 * Upgrades from `oldVersion` to `newVersion`, one step per version, in order. Exported so tests
 * can create a database exactly as an older release did and upgrade it.
 */
export function migrate(
  db: IDBPDatabase<AppDB>,
  oldVersion: number,
  newVersion: number,
  tx: IDBPTransaction<AppDB, StoreNames<AppDB>[], 'versionchange'>,
): void {
  if (oldVersion < 1 && newVersion >= 1) {
    const inspections = db.createObjectStore('inspections', { keyPath: 'id' });
    inspections.createIndex('by-status', 'status');
    inspections.createIndex('by-month', 'month');
    inspections.createIndex('by-template', 'templateId');
    inspections.createIndex('by-project', 'project');
    inspections.createIndex('by-updated', 'updatedAt');
    const photos = db.createObjectStore('photos', { keyPath: 'id' });
    photos.createIndex('by-inspection', 'inspectionId');
    const rect = db.createObjectStore('rectifications', { keyPath: 'id' });
    rect.createIndex('by-status', 'status');
    rect.createIndex('by-department', 'department');
    rect.createIndex('by-inspection', 'inspectionId');
    rect.createIndex('by-deadline', 'deadline');
  }
  if (oldVersion < 2 && newVersion >= 2) {
    // v2: reports by professional line (客服/安防/工程/环境/调查). Existing records already carry `line`.
    tx.objectStore('inspections').createIndex('by-line', 'line');
  }
  if (oldVersion < 3 && newVersion >= 3) {
    // v3: signing identities for the digital signature of reports.
    db.createObjectStore('keys', { keyPath: 'id' });
  }
  if (oldVersion < 4 && newVersion >= 4) {
    // v4: a manager's collection of imported reports.
    db.createObjectStore('collected', { keyPath: 'id' }).createIndex('by-month', 'month');
  }
  if (oldVersion < 5 && newVersion >= 5) {
    // v5: training progress per learner.
    db.createObjectStore('learners', { keyPath: 'learnerId' });
  }
}

export function openAppDB(name = DB_NAME): Promise<IDBPDatabase<AppDB>> {
  return openDB<AppDB>(name, DB_VERSION, {
    upgrade(db, oldVersion, newVersion, tx) {
      migrate(db, oldVersion, newVersion ?? DB_VERSION, tx);
    },
  });
}

/** Storage errors in words a supervisor can act on; the original error is kept as cause. */
export class StorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export function explainStorageError(err: unknown): StorageError {
  const name = (err as { name?: string })?.name;
  if (name === 'QuotaExceededError') {
    return new StorageError('设备存储空间已满，本次修改未能保存（之前保存的内容不受影响）。请导出并清理旧的检查记录或照片后重试。', {
      cause: err,
    });
  }
  if (name === 'InvalidStateError' || name === 'UnknownError') {
    return new StorageError('本地数据库暂时无法使用，本次修改未能保存。请关闭其他打开本应用的页面后重试。', { cause: err });
  }
  return new StorageError('保存失败，本次修改未能写入设备。请重试。', {
    cause: err,
  });
}
