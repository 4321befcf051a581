// One open database per page, shared by the facades. Also asks the browser to keep our data.
import { openAppDB } from './db';
import { InspectionsStore } from './inspections-store';
import { PhotosStore } from './photos-store';
import { RectificationsStore } from './rectifications-store';
import { DocumentsStore } from './documents-store';

export interface AppStores {
  inspections: InspectionsStore;
  photos: PhotosStore;
  rectifications: RectificationsStore;
  documents: DocumentsStore;
}

let stores: Promise<AppStores> | undefined;

export function appStores(): Promise<AppStores> {
  stores ??= openAppDB().then((db) => {
    // Best effort: persistent storage protects drafts from eviction when the device runs low.
    void navigator.storage?.persist?.();
    return {
      inspections: new InspectionsStore(db),
      photos: new PhotosStore(db),
      rectifications: new RectificationsStore(db),
      documents: new DocumentsStore(db),
    };
  });
  return stores;
}

/** "已用 12.3 MB / 可用约 1.2 GB", or null where the browser doesn't say. */
export async function storageUsage(): Promise<{ usage: number; quota: number; persisted: boolean } | null> {
  if (!navigator.storage?.estimate) return null;
  const { usage = 0, quota = 0 } = await navigator.storage.estimate();
  const persisted = (await navigator.storage.persisted?.()) ?? false;
  return { usage, quota, persisted };
}
