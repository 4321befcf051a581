// The device's signing identity per inspector, kept in IndexedDB (CryptoKey objects are stored as
// they are; the private key was created non-extractable and stays so).
import type { IDBPDatabase } from 'idb';
import type { AppDB, StoredIdentity } from '../store/db';
import { createIdentity } from './certificate';

export async function identityFor(db: IDBPDatabase<AppDB>, inspector: string, organization: string, now: Date): Promise<StoredIdentity> {
  const id = `inspector:${inspector}`;
  const existing = await db.get('keys', id);
  if (existing) return existing;
  const device = `${navigator.platform || '设备'} · ${now.toISOString().slice(0, 10)}`;
  const made = await createIdentity({ commonName: inspector, device, organization }, now);
  const stored: StoredIdentity = { id, commonName: inspector, device, ...made, createdAt: now.toISOString() };
  await db.put('keys', stored);
  return stored;
}

export function allIdentities(db: IDBPDatabase<AppDB>): Promise<StoredIdentity[]> {
  return db.getAll('keys');
}
