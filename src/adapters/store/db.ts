/**
 * The device's IndexedDB, one schema for the whole app.
 *
 * Stores:
 * - inspections: InspectionRecord by id; indexes by-status, by-month (of inspectedAt),
 *   by-template, by-project, by-updated (v1), by-line (v2, for reports per professional line).
 * - photos: { id, inspectionId, itemId, blob, width, height, createdAt }; index by-inspection.
 *   Files (photos' blob, documents' and exports' pdf) are stored as { bytes, type }, not Blobs
 *   (WebKit refuses Blobs in some contexts; stored-bytes.ts); the facades give Blobs back.
 * - rectifications: Rectification by id; indexes by-status, by-department, by-inspection, by-deadline.
 * - v6, the company chain of trust: signers (an enrolled inspector's PIN-wrapped key on a tablet),
 *   ca (the company root on the quality department's device, key 'root'), requests and issued
 *   (enrolment requests received and certificates issued by the department), trust (the trust
 *   list this department published last, key 'published').
 * - v7 documents (the manager's collection, by hash) and exports; v8 certificates (this device's
 *   training certificates); v9 trainingDocuments (certificates imported on the supervisor's
 *   device, by hash; index by-employee).
 *
 * Migrations are `if (oldVersion < n)` steps; each is kept forever so any older database
 * upgrades in order. Never await anything but IndexedDB inside a transaction.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { InspectionRecord } from '../../domain/inspection';
import type { Rectification } from '../../domain/rectification';
import type { ReportDocument } from '../../domain/report-document';
import type { LearnerProgress } from '../../domain/progress';
import type { CollectedDocument } from '../../domain/collection';
import type { CollectedTraining } from '../../domain/training-import';
import type { StoredBytes } from './stored-bytes';

/** A record as IndexedDB holds it: its file field as bytes (stored-bytes.ts), or a Blob from older releases. */
export type Stored<T, K extends keyof T> = Omit<T, K> & { [P in K]: Blob | StoredBytes };

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

/** v7: a collected signed document (file bytes kept, so the manager can open the original). */
export interface StoredDocument extends CollectedDocument {
  month: string;
  recordId: string;
  /** The signed PDF exactly as imported. */
  pdf: Blob;
  /** The verdict's reason when not valid (absent in documents imported before it was kept). */
  reason?: string;
  /** Which trust list the state was decided with (`trustListKey`); another one means check again. */
  trustedBy?: string;
}

/** v7: a document this device exported (to number re-issues and show what is not yet delivered). */
export interface ExportedDocument {
  hash: string;
  recordId: string;
  update: number;
  fileName: string;
  exportedAt: string;
  /** The signed PDF, so undelivered files can be sent again (in one ZIP). */
  pdf: Blob;
  /** Set once the user delivered it (shared, or included in a ZIP of undelivered files). */
  deliveredAt?: string;
}

export type { EnrolmentRequest, IssuedCertificate, StoredIdentity, StoredRoot, StoredSigner, StoredTrustList } from './signing-records';
import type { EnrolmentRequest, IssuedCertificate, StoredIdentity, StoredRoot, StoredSigner, StoredTrustList } from './signing-records';

/** A signed training certificate as downloaded, so it can be downloaded again. */
export interface StoredCertificate {
  /** "<learnerId>|<post>|<signed at>" */
  id: string;
  learnerId: string;
  post: string;
  signedAt: string;
  fileName: string;
  pdf: Uint8Array;
}

/** v9: a signed training certificate imported on the supervisor's device, by document id. */
export interface StoredTrainingDocument extends CollectedTraining {
  employeeNo: string;
  /** The original file, to open again. */
  pdf: Blob;
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
    value: Stored<PhotoRecord, 'blob'>;
    indexes: { 'by-inspection': string };
  };
  /** v5: learners on this device and their training progress (src/domain/progress.ts). */
  learners: { key: string; value: LearnerProgress };
  /** v8: signed training certificates, by learner, for downloading again. */
  certificates: { key: string; value: StoredCertificate; indexes: { 'by-learner': string } };
  /** v9: training certificates imported from other devices (the supervisor's 培训记录), by document id. */
  trainingDocuments: { key: string; value: StoredTrainingDocument; indexes: { 'by-employee': string } };
  /** v4: reports collected by a manager from other devices (imported signed PDFs), by record id. Replaced by `documents` in v7 (entries move over on first use). */
  collected: { key: string; value: CollectedReport; indexes: { 'by-month': string } };
  /** v7: the manager's collection, one entry per signed document, by document id (hash). */
  documents: { key: string; value: Stored<StoredDocument, 'pdf'>; indexes: { 'by-record': string; 'by-month': string } };
  /** v7: documents this device exported, by document id. */
  exports: { key: string; value: Stored<ExportedDocument, 'pdf'>; indexes: { 'by-record': string } };
  /** v3: this device's signing identities, one per inspector name; private keys are not extractable. */
  keys: { key: string; value: StoredIdentity };
  /** v6: enrolled inspectors' PIN-protected keys on this tablet. */
  signers: { key: string; value: StoredSigner };
  /** v6: the company root, on the quality department's device only. */
  ca: { key: string; value: StoredRoot };
  /** v6: enrolment requests the department received. */
  requests: { key: string; value: EnrolmentRequest };
  /** v6: certificates the department issued, by serial. */
  issued: { key: string; value: IssuedCertificate };
  /** v6: the trust list this department published last. */
  trust: { key: string; value: StoredTrustList };
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

export { DB_NAME } from './db-name';
import { DB_NAME } from './db-name';
export const DB_VERSION = 9;

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
  if (oldVersion < 6 && newVersion >= 6) {
    // v6: the company chain of trust (enrolled signers, the root, requests, issued, trust lists).
    db.createObjectStore('signers', { keyPath: 'id' });
    db.createObjectStore('ca', { keyPath: 'id' });
    db.createObjectStore('requests', { keyPath: 'id' });
    db.createObjectStore('issued', { keyPath: 'serial' });
    db.createObjectStore('trust', { keyPath: 'id' });
  }
  if (oldVersion < 7 && newVersion >= 7) {
    // v7: documents, not snapshots: the collection keyed by document hash, and this device's exports.
    const docs = db.createObjectStore('documents', { keyPath: 'hash' });
    docs.createIndex('by-record', 'recordId');
    docs.createIndex('by-month', 'month');
    db.createObjectStore('exports', { keyPath: 'hash' }).createIndex('by-record', 'recordId');
  }
  if (oldVersion < 8 && newVersion >= 8) {
    // v8: the certificates learners signed, kept for downloading again (learners are untouched).
    db.createObjectStore('certificates', { keyPath: 'id' }).createIndex('by-learner', 'learnerId');
  }
  if (oldVersion < 9 && newVersion >= 9) {
    // v9: certificates imported from learners' devices; nothing existing changes.
    db.createObjectStore('trainingDocuments', { keyPath: 'hash' }).createIndex('by-employee', 'employeeNo');
  }
}

export function openAppDB(name = DB_NAME): Promise<IDBPDatabase<AppDB>> {
  return openDB<AppDB>(name, DB_VERSION, {
    upgrade(db, oldVersion, newVersion, tx) {
      migrate(db, oldVersion, newVersion ?? DB_VERSION, tx);
    },
  });
}

export { explainStorageError, StorageError } from './storage-error';
