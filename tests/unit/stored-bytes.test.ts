// Files go into IndexedDB as bytes, never as Blobs: WebKit refuses Blobs there in private
// browsing and ephemeral web views ("Error preparing Blob/File data to be stored in object
// store"; tests/e2e/engines-webkit.test.ts meets it for real). The facades hand Blobs back.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openAppDB } from '../../src/adapters/store/db';
import { DocumentsStore } from '../../src/adapters/store/documents-store';
import { PhotosStore } from '../../src/adapters/store/photos-store';

let n = 0;
const fresh = () => openAppDB(`stored-bytes-${++n}`);
const PDF = new Uint8Array([37, 80, 68, 70, 45, 49, 46, 55, 0, 255]);
const JPEG = new Uint8Array([255, 216, 255, 224, 0, 16]);
const bytesOf = async (b: Blob) => [...new Uint8Array(await b.arrayBuffer())];
const photo = (id: string, blob: Blob) => ({ id, inspectionId: 'i1', itemId: 'a', blob, width: 4, height: 3, createdAt: 't' });
const exported = (hash: string, pdf: Blob) => ({ hash, recordId: 'r1', update: 0, fileName: `${hash}.pdf`, exportedAt: 't', pdf });

describe('files kept on the device', () => {
  it('stores a photo as bytes and gives it back as the same Blob', async () => {
    const db = await fresh();
    const photos = new PhotosStore(db);
    await photos.put(photo('p1', new Blob([JPEG], { type: 'image/jpeg' })));
    const raw = (await db.get('photos', 'p1'))!.blob;
    expect(raw).not.toBeInstanceOf(Blob);
    expect(raw).toMatchObject({ type: 'image/jpeg' });
    const [got] = await photos.byInspection('i1');
    expect(got!.blob).toBeInstanceOf(Blob);
    expect(got!.blob.type).toBe('image/jpeg');
    expect(await bytesOf(got!.blob)).toEqual([...JPEG]);
    expect(await bytesOf((await photos.get('p1'))!.blob)).toEqual([...JPEG]);
  });

  it('stores exported and collected PDFs as bytes, through every read and flag', async () => {
    const db = await fresh();
    const docs = new DocumentsStore(db);
    await docs.recordExport(exported('h1', new Blob([PDF], { type: 'application/pdf' })));
    expect((await db.get('exports', 'h1'))!.pdf).not.toBeInstanceOf(Blob);
    for (const list of [await docs.exports('r1'), await docs.allExports(), await docs.undelivered()]) {
      expect(list).toHaveLength(1);
      expect(list[0]!.pdf.type).toBe('application/pdf');
      expect(await bytesOf(list[0]!.pdf)).toEqual([...PDF]);
    }
    await docs.markDelivered(['h1'], 't2');
    expect(await docs.undelivered()).toEqual([]);
    expect(await bytesOf((await docs.allExports())[0]!.pdf)).toEqual([...PDF]);

    const doc = {
      hash: 'd1',
      document: {} as never,
      state: 'valid' as const,
      signer: '李',
      fileName: 'a.pdf',
      importedAt: 't',
      included: false,
      excluded: false,
      month: '2026-11',
      recordId: 'r1',
      pdf: new Blob([PDF], { type: 'application/pdf' }),
    };
    await docs.add(doc);
    expect((await db.get('documents', 'd1'))!.pdf).not.toBeInstanceOf(Blob);
    expect(await bytesOf((await docs.get('d1'))!.pdf)).toEqual([...PDF]);
    const before = await docs.flag('d1', { excluded: true });
    expect(await bytesOf(before!.pdf)).toEqual([...PDF]);
    const [after] = await docs.all();
    expect(after!.excluded).toBe(true);
    expect(await bytesOf(after!.pdf)).toEqual([...PDF]);
  });

  it('still reads records an older release stored as Blobs', async () => {
    const db = await fresh();
    await db.put('photos', photo('old', new Blob([JPEG], { type: 'image/jpeg' })));
    await db.put('exports', exported('old', new Blob([PDF], { type: 'application/pdf' })));
    expect(await bytesOf((await new PhotosStore(db).get('old'))!.blob)).toEqual([...JPEG]);
    expect(await bytesOf((await new DocumentsStore(db).allExports())[0]!.pdf)).toEqual([...PDF]);
  });
});
