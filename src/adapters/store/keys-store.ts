// Facade for the v3 `keys` store: this device's older self-signed signing identities, kept so
// reports signed with them can still be matched and the monthly report may still sign with one.
import type { IDBPDatabase } from 'idb';
import type { AppDB, StoredIdentity } from './db';

export class KeysStore {
  constructor(private readonly db: IDBPDatabase<AppDB>) {}

  all(): Promise<StoredIdentity[]> {
    return this.db.getAll('keys');
  }

  get(id: string): Promise<StoredIdentity | undefined> {
    return this.db.get('keys', id);
  }
}
