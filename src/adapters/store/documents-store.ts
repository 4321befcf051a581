// The manager's collection of signed documents (`documents`, DB v7) and this device's exports.
// Documents are only ever added, flagged (included/excluded/deleted), given a new verdict when the
// trust list changes, or purged; their content and bytes are never rewritten.
import type { IDBPDatabase } from 'idb';
import type { AppDB, ExportedDocument, Stored, StoredDocument } from './db';
import { toBlob, toStoredBytes } from './stored-bytes';
import { reportDocumentJson } from '../../domain/report-document';
import { sha256Hex } from '../hash';
import { explainStorageError } from './storage-error';

/** The stored form back into the facade's: the PDF as a Blob (stored-bytes.ts), made when first
 * read: listing the collection copied every PDF into a Blob it never used (issue 18). */
function revive<T extends { pdf: Blob }>(stored: Stored<T, 'pdf'>): T {
  const raw = stored.pdf;
  let blob: Blob | undefined;
  return Object.defineProperty({ ...stored }, 'pdf', {
    get: () => (blob ??= toBlob(raw)),
    enumerable: true,
    configurable: true,
  }) as unknown as T;
}

/** Documents read per request by all(). */
const PAGE = 16;

export class DocumentsStore {
  constructor(private readonly db: IDBPDatabase<AppDB>) {}

  /** Read a page at a time: each page is deserialised in its own task, so a large collection
   * never blocks the page in one long task (issue 18: 120 reports took one 166 ms task). */
  async all(): Promise<StoredDocument[]> {
    const out: StoredDocument[] = [];
    for (let after: string | undefined; ;) {
      const page = await this.db.getAll('documents', after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), PAGE);
      for (const d of page) out.push(revive(d));
      if (page.length < PAGE) return out;
      after = page[page.length - 1]!.hash;
    }
  }

  async get(hash: string): Promise<StoredDocument | undefined> {
    const doc = await this.db.get('documents', hash);
    return doc && revive(doc);
  }

  async add(doc: StoredDocument): Promise<void> {
    await this.db.put('documents', { ...doc, pdf: await toStoredBytes(doc.pdf) });
  }

  /** Several documents in one transaction (an import stores its files in batches). `bytes`, when
   * given, is the PDF's content already in memory, stored as is instead of reading `pdf` again. */
  async addAll(entries: readonly { doc: StoredDocument; bytes?: ArrayBuffer }[]): Promise<void> {
    const stored = await Promise.all(
      entries.map(async ({ doc, bytes }) => ({ ...doc, pdf: bytes ? { bytes, type: 'application/pdf' } : await toStoredBytes(doc.pdf) })),
    );
    const tx = this.db.transaction('documents', 'readwrite');
    await Promise.all([...stored.map((d) => tx.store.put(d)), tx.done]);
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

  /**
   * Stores an import's documents in batches of `size`, one transaction each, while the caller goes
   * on checking files (one transaction per file kept a whole import waiting on the database).
   * At most two batches are in flight, so the bytes waiting to be stored stay bounded. `done()`
   * says which ids (the caller's) could not be stored, with the error's message.
   */
  batchedWriter(size = 16) {
    let batch: { doc: StoredDocument; bytes?: ArrayBuffer; id: number }[] = [];
    const writes: Promise<void>[] = [];
    const unsaved = new Map<number, string>();
    const flush = () => {
      if (!batch.length) return;
      const b = batch;
      batch = [];
      const fail = (err: unknown) => b.forEach((x) => unsaved.set(x.id, explainStorageError(err).message));
      writes.push(this.addAll(b).catch(fail));
    };
    return {
      /** Queues one document; resolves when there is room for more. */
      add: async (id: number, doc: StoredDocument, bytes?: ArrayBuffer): Promise<void> => {
        batch.push({ doc, bytes, id });
        if (batch.length >= size) flush();
        if (writes.length > 2) await writes.shift();
      },
      done: async (): Promise<Map<number, string>> => {
        flush();
        await Promise.all(writes);
        return unsaved;
      },
    };
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
