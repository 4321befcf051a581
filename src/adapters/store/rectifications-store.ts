// Facade over the rectifications store. Ids are "<inspectionId>:<itemId>" so an item has at most one.
import type { IDBPDatabase } from 'idb';
import type { Rectification } from '../../domain/rectification';
import { explainStorageError, type AppDB } from './db';

export const rectificationId = (inspectionId: string, itemId: string) => `${inspectionId}:${itemId}`;

export class RectificationsStore {
  constructor(private readonly db: IDBPDatabase<AppDB>) {}

  async put(r: Rectification): Promise<void> {
    try {
      await this.db.put('rectifications', r);
    } catch (err) {
      throw explainStorageError(err);
    }
  }

  get(id: string): Promise<Rectification | undefined> {
    return this.db.get('rectifications', id);
  }

  byInspection(inspectionId: string): Promise<Rectification[]> {
    return this.db.getAllFromIndex('rectifications', 'by-inspection', inspectionId);
  }

  all(): Promise<Rectification[]> {
    return this.db.getAll('rectifications');
  }

  async delete(id: string): Promise<void> {
    await this.db.delete('rectifications', id);
  }
}
