// Facade over the photos store: Blobs (downscaled JPEG) keyed by id, listed per inspection.
import type { IDBPDatabase } from 'idb';
import { explainStorageError, type AppDB, type PhotoRecord } from './db';

export class PhotosStore {
  constructor(private readonly db: IDBPDatabase<AppDB>) {}

  async put(photo: PhotoRecord): Promise<void> {
    try {
      await this.db.put('photos', photo);
    } catch (err) {
      throw explainStorageError(err);
    }
  }

  get(id: string): Promise<PhotoRecord | undefined> {
    return this.db.get('photos', id);
  }

  byInspection(inspectionId: string): Promise<PhotoRecord[]> {
    return this.db.getAllFromIndex('photos', 'by-inspection', inspectionId);
  }

  async delete(id: string): Promise<void> {
    await this.db.delete('photos', id);
  }
}
