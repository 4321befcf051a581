// The manager's collection of signed documents (`documents`, DB v7) and this device's exports.
// Documents are only ever added, flagged (included/excluded/deleted), given a new verdict when the
// trust list changes, or purged; their content and bytes are never rewritten.
import type { IDBPDatabase } from 'idb';
import type { AppDB, ExportedDocument, Stored, StoredDocument } from './db';
import { toBlob, toStoredBytes } from './stored-bytes';
import { reportDocumentJson } from '../../domain/report-document';
import { sha256Hex } from '../hash';

/** The stored form back into the facade's: the PDF as a Blob (stored-bytes.ts). */
function revive<T extends { pdf: Blob }>(stored: Stored<T, 'pdf'>): T {
  return { ...stored, pdf: toBlob(stored.pdf) } as T;
}

export class DocumentsStore {
  constructor(private readonly db: IDBPDatabase<AppDB>) {}

  async all(): Promise<StoredDocument[]> {
    return (await this.db.getAll('documents')).map(revive);
  }

  async get(hash: string): Promise<StoredDocument | undefined> {
    const doc = await this.db.get('documents', hash);
    return doc && revive(doc);
  }

  async add(doc: StoredDocument): Promise<void> {
    await this.db.put('documents', { ...doc, pdf: await toStoredBytes(doc.pdf) });
  }

  async flag(
    hash: string,
    change: Partial<Pick<StoredDocument, 'included' | 'excluded' | 'deletedAt'>>,
  ): Promise<StoredDocument | undefined> {
    const tx = this.db.transaction('documents', 'readwrite');
    const doc = await tx.store.get(hash);
    if (doc) {
      const next = { ...doc, ...change };
      if (change.deletedAt === undefined && 'deletedAt' in change) delete next.deletedAt;
      await tx.store.put(next);
    }
    await tx.done;
    return doc && revive(doc);
  }

  /** Stores the verdict of a re-check against another trust list (the bytes are never rewritten). */
  async setVerdict(
    hash: string,
    verdict: Pick<StoredDocument, 'trustedBy'> & Partial<Pick<StoredDocument, 'state' | 'included' | 'reason'>>,
  ): Promise<void> {
    const tx = this.db.transaction('documents', 'readwrite');
    const doc = await tx.store.get(hash);
    if (doc) await tx.store.put({ ...doc, ...verdict });
    await tx.done;
  }

  /** Moves reports collected before v7 (keyed by record id) into the document collection, once. */
  async migrateLegacy(): Promise<number> {
    const legacy = await this.db.getAll('collected');
    let moved = 0;
    for (const c of legacy) {
      if (c.state === 'tampered') continue; // a tampered file never counts; it is not carried over
      const hash = await sha256Hex(reportDocumentJson(c.document));
      await this.db.put('documents', {
        hash,
        document: c.document,
        state: c.state,
        signer: c.signer,
        fileName: c.fileName,
        importedAt: c.importedAt,
        included: c.included && c.state !== 'valid',
        excluded: !c.included && c.state === 'valid',
        month: c.month,
        recordId: c.document.record.id,
        pdf: { bytes: new ArrayBuffer(0), type: 'application/pdf' },
      });
      moved++;
    }
    if (legacy.length) await this.db.clear('collected');
    return moved;
  }

  async exports(recordId: string): Promise<ExportedDocument[]> {
    return (await this.db.getAllFromIndex('exports', 'by-record', recordId)).map(revive);
  }

  async allExports(): Promise<ExportedDocument[]> {
    return (await this.db.getAll('exports')).map(revive);
  }

  async recordExport(e: ExportedDocument): Promise<void> {
    await this.db.put('exports', { ...e, pdf: await toStoredBytes(e.pdf) });
  }

  async undelivered(): Promise<ExportedDocument[]> {
    return (await this.allExports()).filter((e) => !e.deliveredAt);
  }

  async markDelivered(hashes: readonly string[], at: string): Promise<void> {
    const tx = this.db.transaction('exports', 'readwrite');
    for (const h of hashes) {
      const e = await tx.store.get(h);
      if (e && !e.deliveredAt) await tx.store.put({ ...e, deliveredAt: at });
    }
    await tx.done;
  }
}
