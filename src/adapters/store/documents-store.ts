// The manager's collection of signed documents (`documents`, DB v7) and this device's exports.
// Documents are only ever added, flagged (included/excluded/deleted), given a new verdict when the
// trust list changes, or purged; their content and bytes are never rewritten.
import type { IDBPDatabase } from 'idb';
import type { AppDB, ExportedDocument, StoredDocument } from './db';
import { reportDocumentJson } from '../../domain/report-document';
import { sha256Hex } from '../hash';

export class DocumentsStore {
  constructor(private readonly db: IDBPDatabase<AppDB>) {}

  all(): Promise<StoredDocument[]> {
    return this.db.getAll('documents');
  }

  get(hash: string): Promise<StoredDocument | undefined> {
    return this.db.get('documents', hash);
  }

  async add(doc: StoredDocument): Promise<void> {
    await this.db.put('documents', doc);
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
    return doc;
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
        pdf: new Blob([], { type: 'application/pdf' }),
      });
      moved++;
    }
    if (legacy.length) await this.db.clear('collected');
    return moved;
  }

  exports(recordId: string): Promise<ExportedDocument[]> {
    return this.db.getAllFromIndex('exports', 'by-record', recordId);
  }

  allExports(): Promise<ExportedDocument[]> {
    return this.db.getAll('exports');
  }

  async recordExport(e: ExportedDocument): Promise<void> {
    await this.db.put('exports', e);
  }

  async undelivered(): Promise<ExportedDocument[]> {
    return (await this.db.getAll('exports')).filter((e) => !e.deliveredAt);
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
