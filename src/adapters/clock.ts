// The app's only reads of the clock and the random-id source; domain code gets these passed in.
function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Local time as ISO 8601 with milliseconds and the device's UTC offset, e.g. 2026-11-23T10:05:00.123+08:00.
 * Milliseconds matter: updatedAt orders changes made within the same second. */
export function toLocalIso(d: Date): string {
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The current instant (for PDF signing dates and certificates). */
export function now(): Date {
  return new Date();
}

export function nowIso(): string {
  return toLocalIso(now());
}

/** Milliseconds since the epoch, e.g. to seed a shuffle. */
export function nowMs(): number {
  return Date.now();
}

/** Today's local date, YYYY-MM-DD. */
export function today(): string {
  return nowIso().slice(0, 10);
}

/** A datetime-local input value ("2026-11-23T10:05") to local ISO with offset; null if invalid. */
export function fromDatetimeLocal(value: string): string | null {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : toLocalIso(d);
}

/** Local ISO to a datetime-local input value. */
export function toDatetimeLocal(iso: string): string {
  return iso.slice(0, 16);
}

export function newId(): string {
  return crypto.randomUUID();
}
