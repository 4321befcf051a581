// How safe this device's stored data is, and when to remind the user that documents exist only
// here. Pure: the browser facts and the time are passed in.

/**
 * - persistent: the browser agreed to keep the data (persist() granted, and not Safari's 7-day rule).
 * - may-evict: persistence refused; the browser may clear the data when the device runs low.
 * - seven-day: Safari/WebKit in a browser tab: script-writable storage is deleted after 7 days
 *   without a visit, whatever persist() answered; only a home-screen web app is exempt.
 */
export type StorageRisk = 'persistent' | 'may-evict' | 'seven-day';

export interface StorageFacts {
  /** navigator.storage.persisted() after asking persist(); false where the API is missing. */
  persisted: boolean;
  /** The page runs on WebKit (Safari, and every browser on iPad/iPhone). */
  webkit: boolean;
  /** Opened from the home screen (display-mode standalone / navigator.standalone). */
  standalone: boolean;
}

export function storageRisk({ persisted, webkit, standalone }: StorageFacts): StorageRisk {
  if (webkit && !standalone) return 'seven-day';
  return persisted ? 'persistent' : 'may-evict';
}

/**
 * WebKit without Chromium or Gecko in the user agent. iPadOS Safari reports itself as macOS
 * Safari, which this still catches; Chrome and Edge on iOS say CriOS/EdgiOS and are WebKit too.
 */
export function isWebKitUserAgent(ua: string): boolean {
  if (/CriOS|FxiOS|EdgiOS/.test(ua)) return true;
  return /AppleWebKit/.test(ua) && !/Chrome|Chromium|Edg\//.test(ua) && !/Gecko\/\d/.test(ua);
}

/** A document that exists only on this device, and since when it has been waiting. */
export interface DeviceOnlyDocument {
  recordId: string;
  /** unexported: a finalised inspection with no signed PDF yet; undelivered: a PDF not yet handed over. */
  kind: 'unexported' | 'undelivered';
  since: string;
}

export function deviceOnlyDocuments(
  records: readonly { id: string; status: 'draft' | 'final'; finalizedAt?: string | undefined; updatedAt: string }[],
  exports: readonly { recordId: string; exportedAt: string; deliveredAt?: string | undefined }[],
): DeviceOnlyDocument[] {
  const exported = new Set(exports.map((e) => e.recordId));
  const out: DeviceOnlyDocument[] = [];
  for (const r of records)
    if (r.status === 'final' && !exported.has(r.id)) out.push({ recordId: r.id, kind: 'unexported', since: r.finalizedAt ?? r.updatedAt });
  for (const e of exports) if (!e.deliveredAt) out.push({ recordId: e.recordId, kind: 'undelivered', since: e.exportedAt });
  return out.sort((a, b) => Date.parse(a.since) - Date.parse(b.since));
}

const DAY_MS = 86_400_000;

export interface ReminderInput {
  risk: StorageRisk;
  pending: readonly DeviceOnlyDocument[];
  now: string;
  /** storage.exportReminderDays */
  afterDays: number;
  /** When the user last dismissed the reminder on this device. */
  dismissedAt?: string | undefined;
}

export interface Reminder {
  unexported: number;
  undelivered: number;
  /** Whole days the oldest document has waited. */
  oldestDays: number;
}

/**
 * A reminder is due when the browser may delete the data, some document has waited at least
 * `afterDays`, and the user has not dismissed a reminder within the last `afterDays`.
 */
export function exportReminder({ risk, pending, now, afterDays, dismissedAt }: ReminderInput): Reminder | null {
  if (!(afterDays > 0)) throw new RangeError('afterDays must be positive');
  if (risk === 'persistent' || pending.length === 0) return null;
  const nowMs = Date.parse(now);
  const oldest = Math.min(...pending.map((p) => Date.parse(p.since)));
  const waited = nowMs - oldest;
  if (!(waited >= afterDays * DAY_MS)) return null;
  if (dismissedAt !== undefined) {
    const since = nowMs - Date.parse(dismissedAt);
    // A dismissal "in the future" (clock changed) does not silence the reminder forever.
    if (since >= 0 && since < afterDays * DAY_MS) return null;
  }
  return {
    unexported: pending.filter((p) => p.kind === 'unexported').length,
    undelivered: pending.filter((p) => p.kind === 'undelivered').length,
    oldestDays: Math.floor(waited / DAY_MS),
  };
}
