/**
 * What one editor changed in an inspection record, per answer, so a write never puts back a stale
 * copy of what someone else changed since (two tabs, a journal replayed late, a backup).
 *
 * The keyed fields (answers, notes, photos, photoHashes) are diffed per key — `null` deletes the
 * key — and every other field is taken as a whole when it changed. Applying a patch to the stored
 * record touches only the keys the patch names; `updatedAt` becomes the later of the two.
 */
import type { InspectionRecord } from './inspection';

const KEYED = ['answers', 'notes', 'photos', 'photoHashes'] as const;
type KeyedField = (typeof KEYED)[number];
type ScalarField = Exclude<keyof InspectionRecord, KeyedField>;

export interface RecordPatch {
  /** Whole fields that changed (header, status, result…); `undefined` values remove the field. */
  set: { [K in ScalarField]?: InspectionRecord[K] | null };
  /** Per-key changes of the keyed fields; `null` removes the key. */
  keyed: { [K in KeyedField]?: Record<string, NonNullable<InspectionRecord[K]>[string] | null> };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function emptyPatch(): RecordPatch {
  return { set: {}, keyed: {} };
}

export function isEmptyPatch(p: RecordPatch): boolean {
  return Object.keys(p.set).length === 0 && Object.values(p.keyed).every((m) => !m || Object.keys(m).length === 0);
}

/** The changes that turn `base` into `next` (both views of the same record by one editor). */
export function diffRecord(base: InspectionRecord, next: InspectionRecord): RecordPatch {
  const patch = emptyPatch();
  const keys = new Set([...Object.keys(base), ...Object.keys(next)]) as Set<keyof InspectionRecord>;
  for (const k of keys) {
    if ((KEYED as readonly string[]).includes(k)) {
      const f = k as KeyedField;
      const a: Record<string, unknown> = base[f] ?? {};
      const b: Record<string, unknown> = next[f] ?? {};
      const changes: Record<string, unknown> = {};
      for (const id of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (!same(a[id], b[id])) changes[id] = b[id] ?? null;
      }
      if (Object.keys(changes).length) (patch.keyed as Record<string, unknown>)[f] = changes;
    } else if (!same(base[k], next[k])) {
      (patch.set as Record<string, unknown>)[k] = next[k] ?? null;
    }
  }
  return patch;
}

/** `later` after `earlier`, as one patch (a journal accumulates the changes not yet stored). */
export function mergePatches(earlier: RecordPatch, later: RecordPatch): RecordPatch {
  const keyed: Record<string, Record<string, unknown>> = {};
  for (const f of KEYED) {
    const m = { ...(earlier.keyed[f] ?? {}), ...(later.keyed[f] ?? {}) };
    if (Object.keys(m).length) keyed[f] = m;
  }
  return { set: { ...earlier.set, ...later.set }, keyed } as RecordPatch;
}

/**
 * The stored record with the patch's changes and nothing else. A patch never reopens a finalised
 * record: that is a conflict (null), the caller keeps its changes and says so.
 */
export function applyPatch(stored: InspectionRecord, patch: RecordPatch): InspectionRecord | null {
  if (stored.status === 'final' && patch.set.status !== undefined && patch.set.status !== 'final') return null;
  if (stored.status === 'final' && !patch.set.status) return isEmptyPatch(patch) ? stored : null;
  const out: Record<string, unknown> = { ...stored };
  for (const [k, v] of Object.entries(patch.set)) {
    if (v === null || v === undefined) delete out[k];
    else out[k] = v;
  }
  for (const f of KEYED) {
    const changes = patch.keyed[f];
    if (!changes) continue;
    const m: Record<string, unknown> = { ...((stored[f] as Record<string, unknown> | undefined) ?? {}) };
    for (const [id, v] of Object.entries(changes)) {
      if (v === null) delete m[id];
      else m[id] = v;
    }
    if (f === 'photoHashes' && !Object.keys(m).length && stored.photoHashes === undefined) continue;
    out[f] = m;
  }
  const patched = patch.set.updatedAt;
  out.updatedAt = typeof patched === 'string' && patched > stored.updatedAt ? patched : stored.updatedAt;
  return out as InspectionRecord;
}
