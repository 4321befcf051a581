// <inspection-photos>: one item's photos on the filling screen. Taking a photo downscales it and
// stores the Blob; the form owns the record and is told the new list through `commit`.
import { appStores } from '../../adapters/store';
import { downscalePhoto } from '../../adapters/files/downscale';
import { stampPhoto } from '../../adapters/files/stamp';
import { sha256Hex } from '../../adapters/hash';
import { annotatePhoto } from './photo-annotator';
import { newId, nowIso } from '../../adapters/clock';

export interface PhotoBinding {
  inspectionId: string;
  itemId: string;
  /** The stamp burnt into a photo taken now. */
  stamp(takenAt: string): string[];
  /** Stores the item's new photo list (and the new photo's hash) in the record; resolves once it is saved. */
  commit(ids: string[], added?: { id: string; sha256: string; originalOf?: string }): Promise<void>;
  /** Reports a failure in the form's save state. */
  fail(message: string): void;
}

export class InspectionPhotos extends HTMLElement {
  #binding: PhotoBinding | null = null;
  #ids: string[] = [];
  #editable = false;
  #urls = new Map<string, string>();

  connectedCallback(): void {
    this.addEventListener('change', (e) => {
      const t = e.target as HTMLInputElement;
      if (t.matches('[data-photo-input]')) void this.#add(t);
    });
    this.addEventListener('click', (e) => {
      const del = (e.target as HTMLElement).closest<HTMLButtonElement>('[data-photo-delete]');
      if (del) void this.#delete(del.dataset.photoDelete!);
      const mark = (e.target as HTMLElement).closest<HTMLButtonElement>('[data-photo-annotate]');
      if (mark) void this.#annotate(mark.dataset.photoAnnotate!);
    });
  }

  bind(binding: PhotoBinding): void {
    this.#binding = binding;
  }

  /** Shows these photos (ids in the record); delete buttons only while the record is a draft. */
  async show(ids: readonly string[], editable: boolean): Promise<void> {
    this.#ids = [...ids];
    this.#editable = editable;
    const stores = await appStores();
    const figures: HTMLElement[] = [];
    for (const [i, id] of ids.entries()) {
      const photo = await stores.photos.get(id);
      if (!photo) continue;
      let url = this.#urls.get(id);
      if (!url) this.#urls.set(id, (url = URL.createObjectURL(photo.blob)));
      const fig = document.createElement('figure');
      const img = document.createElement('img');
      img.src = url;
      img.alt = `${this.dataset.label ?? '照片'} ${i + 1}`;
      fig.append(img);
      if (photo.originalOf) fig.append(Object.assign(document.createElement('figcaption'), { textContent: '标注（原图在旁）' }));
      if (!this.hasAttribute('data-readonly')) {
        if (!photo.originalOf) {
          const mark = Object.assign(document.createElement('button'), {
            type: 'button',
            className: 'photo-annotate',
            textContent: '标注',
          });
          mark.dataset.photoAnnotate = id;
          mark.disabled = !editable;
          fig.append(mark);
        }
        const del = document.createElement('button');
        del.type = 'button';
        del.className = 'photo-delete';
        del.dataset.photoDelete = id;
        del.textContent = '删除';
        del.disabled = !editable;
        fig.append(del);
      }
      figures.push(fig);
    }
    this.querySelector('[data-photos]')!.replaceChildren(...figures);
  }

  async #add(input: HTMLInputElement): Promise<void> {
    const b = this.#binding;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (!b) return;
    const stores = await appStores();
    for (const file of files) {
      try {
        const takenAt = nowIso();
        const { blob, width, height } = await stampPhoto(await downscalePhoto(file), b.stamp(takenAt));
        const id = newId();
        const sha256 = await sha256Hex(new Uint8Array(await blob.arrayBuffer()));
        await stores.photos.put({ id, inspectionId: b.inspectionId, itemId: b.itemId, blob, width, height, createdAt: takenAt, sha256 });
        this.#ids = [...this.#ids, id];
        await b.commit(this.#ids, { id, sha256 });
      } catch (err) {
        b.fail((err as Error).message);
      }
    }
    await this.show(this.#ids, this.#editable);
  }

  /** Stores an annotated copy right after its original, which stays as it was (both hashed in the record). */
  async #annotate(photoId: string): Promise<void> {
    const b = this.#binding;
    const stores = await appStores();
    const original = await stores.photos.get(photoId);
    if (!b || !original) return;
    try {
      const blob = await annotatePhoto(original.blob);
      if (!blob) return;
      const id = newId();
      const sha256 = await sha256Hex(new Uint8Array(await blob.arrayBuffer()));
      await stores.photos.put({ ...original, id, inspectionId: b.inspectionId, blob, createdAt: nowIso(), sha256, originalOf: photoId });
      const at = this.#ids.indexOf(photoId);
      this.#ids = [...this.#ids.slice(0, at + 1), id, ...this.#ids.slice(at + 1)];
      await b.commit(this.#ids, { id, sha256, originalOf: photoId });
    } catch (err) {
      b.fail((err as Error).message);
    }
    await this.show(this.#ids, this.#editable);
  }

  async #delete(photoId: string): Promise<void> {
    const b = this.#binding;
    if (!b || !confirm('删除这张照片？')) return;
    this.#ids = this.#ids.filter((p) => p !== photoId);
    await b.commit(this.#ids);
    // A revision lists its original's photos: only a photo taken for this record is deleted.
    const stores = await appStores();
    if ((await stores.photos.get(photoId))?.inspectionId === b.inspectionId) await stores.photos.delete(photoId);
    await this.show(this.#ids, this.#editable);
  }
}

customElements.define('inspection-photos', InspectionPhotos);
