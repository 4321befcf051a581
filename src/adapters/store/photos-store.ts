// Facade over the photos store: Blobs (downscaled JPEG) keyed by id, listed per inspection.
import type { IDBPDatabase } from 'idb';
import { explainStorageError, type AppDB, type PhotoRecord, type Stored } from './db';
import { toBlob, toStoredBytes } from './stored-bytes';

const revive = (p: Stored<PhotoRecord, 'blob'>): PhotoRecord => ({ ...p, blob: toBlob(p.blob) });

export class PhotosStore {
  constructor(private readonly db: IDBPDatabase<AppDB>) {}

  async put(photo: PhotoRecord): Promise<void> {
    const stored = { ...photo, blob: await toStoredBytes(photo.blob) }; // read before the transaction
    try {
      await this.db.put('photos', stored);
    } catch (err) {
      throw explainStorageError(err);
    }
  }

  async get(id: string): Promise<PhotoRecord | undefined> {
    const p = await this.db.get('photos', id);
    return p && revive(p);
  }

  async byInspection(inspectionId: string): Promise<PhotoRecord[]> {
    return (await this.db.getAllFromIndex('photos', 'by-inspection', inspectionId)).map(revive);
  }

  async delete(id: string): Promise<void> {
    await this.db.delete('photos', id);
  }
}
