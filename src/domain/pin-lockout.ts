/**
 * The PIN rule for an inspector's key on a shared tablet: a number of wrong tries, then the key
 * is locked for a while; once the lock has run out the inspector gets the full number of tries
 * again. Pure: the time is passed in (milliseconds), the state is plain data stored with the key.
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
}

export type PinGate = { allowed: true; state: PinState } | { allowed: false; until: string };

/** May a PIN be tried now? A lock that has run out clears the count. */
export function pinGate(state: PinState, now: number): PinGate {
  if (state.lockedUntil) {
    if (Date.parse(state.lockedUntil) > now) return { allowed: false, until: state.lockedUntil };
    return { allowed: true, state: { failures: 0 } };
  }
  return { allowed: true, state };
}

export type PinFailure = { state: PinState; remaining: number } | { state: PinState; lockedUntil: string };

/** The state after a wrong PIN (call only when pinGate allowed the try). */
export function afterWrongPin(state: PinState, now: number, rule: PinRule): PinFailure {
  const gate = pinGate(state, now);
  const base = gate.allowed ? gate.state : state;
  const failures = base.failures + 1;
  if (failures >= rule.maxTries) {
    const lockedUntil = new Date(now + rule.lockMinutes * 60_000).toISOString();
    return { state: { failures, lockedUntil }, lockedUntil };
  }
  return { state: { failures }, remaining: rule.maxTries - failures };
}

/** The state after the right PIN. */
export function afterRightPin(): PinState {
  return { failures: 0 };
}
