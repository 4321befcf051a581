// Files kept in IndexedDB (photos, signed PDFs) are stored as bytes plus their type, never as
// Blobs: WebKit (Safari, iPad in-app browsers) refuses Blobs in IndexedDB in private browsing and
// ephemeral web views, and intermittently elsewhere ("UnknownError: Error preparing Blob/File
// data to be stored in object store"), while an ArrayBuffer always stores. The facades turn
// them back into Blobs, so callers never see the difference; records written as Blobs by older
// releases still read.

export interface StoredBytes {
  bytes: ArrayBuffer;
  type: string;
}

export async function toStoredBytes(blob: Blob): Promise<StoredBytes> {
  return { bytes: await blob.arrayBuffer(), type: blob.type };
}

export function toBlob(value: Blob | StoredBytes): Blob {
  return value instanceof Blob ? value : new Blob([value.bytes], { type: value.type });
}
