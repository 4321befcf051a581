// One open database per page (connection.ts), shared by the facades. Also asks the browser to keep our data.
import { appDB, onConnectionLost } from './connection';
import { InspectionsStore } from './inspections-store';
import { PhotosStore } from './photos-store';
import { RectificationsStore } from './rectifications-store';
import { DocumentsStore } from './documents-store';
import { KeysStore } from './keys-store';
import { STORAGE_UNAVAILABLE_EVENT, StorageUnavailableError } from './availability';

export interface AppStores {
  inspections: InspectionsStore;
  photos: PhotosStore;
  rectifications: RectificationsStore;
  documents: DocumentsStore;
  keys: KeysStore;
}

let stores: Promise<AppStores> | undefined;
onConnectionLost(() => (stores = undefined));

export function appStores(): Promise<AppStores> {
  stores ??= appDB()
    .then((db) => {
      // Best effort: persistent storage protects drafts from eviction when the device runs low.
      void navigator.storage?.persist?.();
      return {
        inspections: new InspectionsStore(db),
        photos: new PhotosStore(db),
        rectifications: new RectificationsStore(db),
        documents: new DocumentsStore(db),
        keys: new KeysStore(db),
      };
    })
    .catch(unavailable);
  return stores;
}

/**
 * No IndexedDB, or one that refuses to open (private browsing, some in-app browsers): the page is
 * told (storage-notice.ts explains it in Chinese) and callers get a Chinese error, never a raw one.
 * A later call tries again. Other failures (a newer database version…) pass through unchanged.
 */
function unavailable(err: unknown): never {
  const name = (err as { name?: string } | null)?.name;
  const missing = typeof globalThis.indexedDB === 'undefined';
  if (missing || name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError') {
    stores = undefined;
    window.dispatchEvent(new CustomEvent(STORAGE_UNAVAILABLE_EVENT, { detail: missing ? 'missing' : 'refused' }));
    throw new StorageUnavailableError({ cause: err });
  }
  throw err;
}

/** "已用 12.3 MB / 可用约 1.2 GB", or null where the browser doesn't say. */
export async function storageUsage(): Promise<{ usage: number; quota: number; persisted: boolean } | null> {
  if (!navigator.storage?.estimate) return null;
  const { usage = 0, quota = 0 } = await navigator.storage.estimate();
  const persisted = (await navigator.storage.persisted?.()) ?? false;
  return { usage, quota, persisted };
}
