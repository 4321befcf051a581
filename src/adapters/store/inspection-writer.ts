/**
 * Saves an open inspection as it is edited, per answer (a patch onto what is stored), writes never
 * overlap, and nothing is lost between a change and its commit.
 *
 * Write-ahead journal: each change is also put in localStorage (`inspection-journal:<id>`)
 * synchronously, before the IndexedDB transaction (which commits asynchronously) can finish. If
 * the tab is closed or the browser crashes in between, the next open replays the journal. It is
 * cleared once IndexedDB has the state; a failed write (full disk) keeps it.
 */
import type { InspectionRecord } from '../../domain/inspection';
import type { Rectification } from '../../domain/rectification';
import { applyPatch, diffRecord, isEmptyPatch, type RecordPatch } from '../../domain/record-patch';

interface Journal {
  record: InspectionRecord;
  rects: Rectification[];
  /** What this editor changed since its last stored state (absent in journals of older releases). */
  patch?: RecordPatch;
}

/** The part of localStorage the writer uses (a fake in tests). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface WriterStores {
  inspections: {
    /**
     * Stores `patch` onto the stored copy of `r` (per answer, never a stale whole record);
     * `onQueued` runs once the write is handed to IndexedDB, before it commits.
     */
    putPatch(r: InspectionRecord, patch: RecordPatch, onQueued?: () => void): Promise<unknown>;
    putRevision(r: InspectionRecord): Promise<void>;
  };
  rectifications: { put(r: Rectification): Promise<void>; delete(id: string): Promise<void> };
}

export type SaveState = { kind: 'saving' } | { kind: 'saved'; updatedAt: string } | { kind: 'error'; message: string };

export const journalKey = (id: string) => `inspection-journal:${id}`;

export class InspectionWriter {
  #record: InspectionRecord;
  /** This editor's view as last stored: each write sends only what changed since. */
  #stored: InspectionRecord;
  #rects = new Map<string, Rectification>();
  #dirtyRects = new Set<string>();
  #recordDirty = false;
  #writing: Promise<void> | null = null;
  #error: string | null = null;
  /** A record change not yet handed to IndexedDB, and who waits for it to be (see `queued`). */
  #unqueued = false;
  #queuedWaiters: (() => void)[] = [];

  constructor(
    private readonly stores: WriterStores,
    private readonly storage: KeyValueStorage,
    record: InspectionRecord,
    rects: readonly Rectification[],
    private readonly onState: (s: SaveState) => void = () => {},
  ) {
    this.#record = record;
    this.#stored = record;
    for (const r of rects) this.#rects.set(r.itemId, r);
  }

  get record(): InspectionRecord {
    return this.#record;
  }

  /** Rectifications by item id. */
  get rects(): ReadonlyMap<string, Rectification> {
    return this.#rects;
  }

  get error(): string | null {
    return this.#error;
  }

  /**
   * Takes over a journal newer than IndexedDB's copy of a draft and writes it; drops a stale or
   * unreadable one (IndexedDB's copy stands). Returns whether anything was replayed.
   */
  replayJournal(): boolean {
    const key = journalKey(this.#record.id);
    const raw = this.storage.getItem(key);
    if (!raw) return false;
    try {
      const j = JSON.parse(raw) as Journal;
      if (j.record.id !== this.#record.id || j.record.updatedAt <= this.#record.updatedAt || this.#record.status !== 'draft') {
        this.storage.removeItem(key);
        return false;
      }
      // A journal with its patch is replayed per answer onto what is stored now.
      const merged = j.patch ? applyPatch(this.#record, j.patch) : j.record;
      if (!merged) {
        this.storage.removeItem(key);
        return false;
      }
      this.#record = merged;
      this.#recordDirty = true;
      for (const r of j.rects) {
        this.#rects.set(r.itemId, r);
        this.#dirtyRects.add(r.itemId);
      }
      void this.write();
      return true;
    } catch {
      this.storage.removeItem(key);
      return false;
    }
  }

  setRecord(next: InspectionRecord): void {
    this.#record = next;
    this.#recordDirty = true;
    this.#unqueued = true;
    this.#journal();
    void this.write();
  }

  setRects(rects: readonly Rectification[]): void {
    if (!rects.length) return;
    for (const r of rects) {
      this.#rects.set(r.itemId, r);
      this.#dirtyRects.add(r.itemId);
    }
    this.#journal();
    void this.write();
  }

  /** Removes rectifications at once (finalising drops those no longer needed). */
  async deleteRects(itemIds: readonly string[]): Promise<void> {
    for (const itemId of itemIds) {
      const r = this.#rects.get(itemId);
      this.#rects.delete(itemId);
      this.#dirtyRects.delete(itemId);
      if (r) await this.stores.rectifications.delete(r.id);
    }
  }

  /** Writes a record through putRevision (which marks what it corrects as superseded) after every pending write. */
  async commitRevision(record: InspectionRecord): Promise<void> {
    for (const r of this.#rects.values()) this.#dirtyRects.add(r.itemId);
    await this.flush();
    if (this.#error) throw new Error(this.#error);
    await this.stores.inspections.putRevision(record);
    this.#record = record;
    this.#stored = record;
  }

  #journal(): void {
    try {
      const j: Journal = {
        record: this.#record,
        rects: [...this.#dirtyRects].map((id) => this.#rects.get(id)!).filter(Boolean),
        patch: diffRecord(this.#stored, this.#record),
      };
      this.storage.setItem(journalKey(this.#record.id), JSON.stringify(j));
    } catch {
      // localStorage full or unavailable: IndexedDB still gets the change, only the crash window is unprotected.
    }
  }

  /**
   * Resolves once the latest record change is handed to IndexedDB (its write queued, not yet
   * committed), or nothing is left to hand over, or the write failed. The screen redraws then:
   * a redraw before it would keep the main thread from the store's read and put its write, and
   * so the commit, a frame later.
   */
  queued(): Promise<void> {
    if (!this.#unqueued) return Promise.resolve();
    return new Promise((resolve) => this.#queuedWaiters.push(resolve));
  }

  /** `always`: the write loop ended (stored or failed), nobody waits longer. */
  #releaseQueued(always = false): void {
    if (this.#recordDirty && !always) return; // a newer change is still to be handed over
    this.#unqueued = false;
    for (const resolve of this.#queuedWaiters.splice(0)) resolve();
  }

  /** Writes the latest state; a change made while a write is running is written right after it. */
  write(): Promise<void> {
    if (this.#writing) return this.#writing;
    this.onState({ kind: 'saving' });
    this.#writing = (async () => {
      try {
        while (this.#recordDirty || this.#dirtyRects.size) {
          if (this.#recordDirty) {
            this.#recordDirty = false;
            const target = this.#record;
            const patch = diffRecord(this.#stored, target);
            if (!isEmptyPatch(patch)) await this.stores.inspections.putPatch(target, patch, () => this.#releaseQueued());
            else this.#releaseQueued();
            this.#stored = target;
          }
          for (const itemId of [...this.#dirtyRects]) {
            this.#dirtyRects.delete(itemId);
            const r = this.#rects.get(itemId);
            if (r) await this.stores.rectifications.put(r);
          }
        }
        this.#error = null;
        this.storage.removeItem(journalKey(this.#record.id));
        this.onState({ kind: 'saved', updatedAt: this.#record.updatedAt });
      } catch (err) {
        this.#recordDirty = true;
        this.#error = (err as Error).message;
        this.onState({ kind: 'error', message: this.#error });
      } finally {
        this.#writing = null;
        this.#releaseQueued(true);
      }
    })();
    return this.#writing;
  }

  /** Resolves once everything is stored, or at the first failed write (see `error`). */
  async flush(): Promise<void> {
    while (this.#writing || this.#recordDirty || this.#dirtyRects.size) {
      await (this.#writing ?? this.write());
      if (this.#error) return;
    }
  }
}
