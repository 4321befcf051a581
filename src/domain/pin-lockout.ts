/**
 * The PIN rule for an inspector's key on a shared tablet: a number of wrong tries, then the key
 * is locked for a while; once the lock has run out the inspector gets the full number of tries
 * again. Pure: the time is passed in (milliseconds), the state is plain data stored with the key.
 *
 * The device clock is not trusted to run forwards: the state keeps the latest time it has seen,
 * and a lock runs from that time, never from an earlier clock reading. So setting the clock back
 * before or after the wrong tries never shortens a lock (it only makes it look longer). A clock set
 * forward does end a lock early; an offline tablet has no trusted time to tell.
 */

export interface PinRule {
  /** Wrong tries allowed before the key locks (content/params.yaml signing.pinMaxTries). */
  maxTries: number;
  /** How long the key stays locked, in minutes (signing.pinLockMinutes). */
  lockMinutes: number;
}

export interface PinState {
  /** Wrong tries since the last correct PIN or the end of the last lock. */
  failures: number;
  /** ISO time until which the key is locked, if it is. */
  lockedUntil?: string;
  /** ISO time: the latest clock reading of any PIN try on this key (absent in older states). */
  lastSeen?: string;
}

export type PinGate = { allowed: true; state: PinState } | { allowed: false; until: string };

const seen = (state: PinState, now: number): string =>
  new Date(Math.max(now, state.lastSeen ? Date.parse(state.lastSeen) : -Infinity)).toISOString();

/** May a PIN be tried now? A lock that has run out clears the count. */
export function pinGate(state: PinState, now: number): PinGate {
  if (state.lockedUntil) {
    if (Date.parse(state.lockedUntil) > now) return { allowed: false, until: state.lockedUntil };
    return { allowed: true, state: { failures: 0, lastSeen: seen(state, now) } };
  }
  return { allowed: true, state };
}

export type PinFailure = { state: PinState; remaining: number } | { state: PinState; lockedUntil: string };

/** The state after a wrong PIN (call only when pinGate allowed the try). */
export function afterWrongPin(state: PinState, now: number, rule: PinRule): PinFailure {
  const gate = pinGate(state, now);
  const base = gate.allowed ? gate.state : state;
  const failures = base.failures + 1;
  const lastSeen = seen(state, now);
  if (failures >= rule.maxTries) {
    // From the latest time seen: a clock set back does not move the end of the lock back.
    const lockedUntil = new Date(Date.parse(lastSeen) + rule.lockMinutes * 60_000).toISOString();
    return { state: { failures, lockedUntil, lastSeen }, lockedUntil };
  }
  return { state: { failures, lastSeen }, remaining: rule.maxTries - failures };
}

/** The state after the right PIN (it still remembers the latest time seen). */
export function afterRightPin(state: PinState = { failures: 0 }, now?: number): PinState {
  return now === undefined && !state.lastSeen ? { failures: 0 } : { failures: 0, lastSeen: seen(state, now ?? -Infinity) };
}
