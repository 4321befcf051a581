import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { afterRightPin, afterWrongPin, pinGate, type PinState } from '../../src/domain/pin-lockout';
import { passphraseProblem, pinProblem } from '../../src/domain/secret-rules';

const rule = { maxTries: 5, lockMinutes: 15 };
const t0 = Date.parse('2026-11-20T08:00:00Z');
const MIN = 60_000;

describe('PIN lockout', () => {
  it('counts down the tries left, then locks for the configured time', () => {
    let state: PinState = { failures: 0 };
    const remaining: number[] = [];
    for (let i = 0; i < 4; i++) {
      const f = afterWrongPin(state, t0 + i, rule);
      expect('remaining' in f).toBe(true);
      remaining.push((f as { remaining: number }).remaining);
      state = f.state;
    }
    expect(remaining).toEqual([4, 3, 2, 1]);
    const fifth = afterWrongPin(state, t0 + 10, rule);
    expect(fifth).toEqual({
      state: { failures: 5, lockedUntil: new Date(t0 + 10 + 15 * MIN).toISOString(), lastSeen: new Date(t0 + 10).toISOString() },
      lockedUntil: new Date(t0 + 10 + 15 * MIN).toISOString(),
    });
    expect(pinGate(fifth.state, t0 + 10)).toEqual({ allowed: false, until: new Date(t0 + 10 + 15 * MIN).toISOString() });
    expect(pinGate(fifth.state, t0 + 10 + 15 * MIN - 1).allowed).toBe(false);
  });

  it('gives the full number of tries again once the lock has run out', () => {
    const locked: PinState = { failures: 5, lockedUntil: new Date(t0).toISOString() };
    expect(pinGate(locked, t0)).toEqual({ allowed: true, state: { failures: 0, lastSeen: new Date(t0).toISOString() } });
    const f = afterWrongPin(locked, t0 + 1, rule);
    expect(f).toEqual({ state: { failures: 1, lastSeen: new Date(t0 + 1).toISOString() }, remaining: 4 });
  });

  it('a right PIN clears the count', () => {
    expect(afterRightPin()).toEqual({ failures: 0 });
    expect(pinGate({ failures: 3 }, t0)).toEqual({ allowed: true, state: { failures: 3 } });
  });

  it('a clock set back never shortens a lock: it runs from the latest time the key has seen', () => {
    const iso = (ms: number) => new Date(ms).toISOString();
    // The inspector signed at t0 (the right PIN remembers the time); then the clock is set back a year.
    let state = afterRightPin({ failures: 0 }, t0);
    expect(state).toEqual({ failures: 0, lastSeen: iso(t0) });
    const back = t0 - 365 * 24 * 60 * MIN;
    for (let i = 0; i < 4; i++) state = afterWrongPin(state, back + i, rule).state;
    const locked = afterWrongPin(state, back + 5, rule);
    expect(locked).toMatchObject({ lockedUntil: iso(t0 + 15 * MIN) });
    // Putting the clock right again does not end it early; nor does setting it back further.
    expect(pinGate(locked.state, t0 + 1)).toEqual({ allowed: false, until: iso(t0 + 15 * MIN) });
    expect(pinGate(locked.state, back - 1000 * MIN).allowed).toBe(false);
    expect(pinGate(locked.state, t0 + 15 * MIN).allowed).toBe(true);
    // Locked at the right time, then the clock set back: still locked until the same end.
    const honest = afterWrongPin({ failures: 4, lastSeen: iso(t0) }, t0 + MIN, rule);
    expect(pinGate(honest.state, t0 - 60 * MIN)).toEqual({ allowed: false, until: iso(t0 + 16 * MIN) });
    // A lock that has run out starts the count again but keeps the latest time seen.
    expect(pinGate(honest.state, t0 + 20 * MIN)).toEqual({ allowed: true, state: { failures: 0, lastSeen: iso(t0 + 20 * MIN) } });
    expect(afterRightPin({ failures: 2, lastSeen: iso(t0 + 60 * MIN) }, t0)).toEqual({ failures: 0, lastSeen: iso(t0 + 60 * MIN) });
  });

  it('whatever the clock does, a lock never ends before lockMinutes after the latest time seen', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -400 * 24 * 60 * MIN, max: 40 * MIN }), { minLength: 1, maxLength: 60 }), (jumps) => {
        let state: PinState = afterRightPin({ failures: 0 }, t0);
        let now = t0;
        let latest = t0;
        for (const j of jumps) {
          now += j;
          const gate = pinGate(state, now);
          if (!gate.allowed) continue;
          const f = afterWrongPin(state, now, rule);
          latest = Math.max(latest, now);
          state = f.state;
          if ('lockedUntil' in f) expect(Date.parse(f.lockedUntil)).toBe(latest + rule.lockMinutes * MIN);
        }
      }),
    );
  });

  it('never allows more than maxTries wrong PINs inside one lock window', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 * MIN }), { minLength: 1, maxLength: 60 }), (gaps) => {
        let state: PinState = { failures: 0 };
        let now = t0;
        const tried: number[] = [];
        for (const g of gaps) {
          now += g;
          const gate = pinGate(state, now);
          if (!gate.allowed) continue;
          tried.push(now);
          state = afterWrongPin(state, now, rule).state;
        }
        // Any maxTries + 1 consecutive wrong tries span at least the lock time.
        for (let i = 0; i + rule.maxTries < tried.length; i++)
          expect(tried[i + rule.maxTries]! - tried[i]!).toBeGreaterThanOrEqual(rule.lockMinutes * MIN);
      }),
    );
  });
});

describe('PIN and passphrase rules', () => {
  it('accepts 6–12 digits that are not trivial', () => {
    expect(pinProblem('302417')).toBeNull();
    expect(pinProblem('302417', '302417')).toBeNull();
    expect(pinProblem('30241')).toMatch(/6–12/);
    expect(pinProblem('3024170000001')).toMatch(/6–12/);
    expect(pinProblem('30a417')).toMatch(/数字/);
    expect(pinProblem('111111')).toMatch(/容易/);
    expect(pinProblem('123456')).toMatch(/容易/);
    expect(pinProblem('876543')).toMatch(/容易/);
    expect(pinProblem('302417', '302418')).toMatch(/不一致/);
  });

  it('wants a backup passphrase of at least 12 characters', () => {
    expect(passphraseProblem('翠湖花园品质部二〇二六年')).toBeNull();
    expect(passphraseProblem('短口令')).toMatch(/12/);
    expect(passphraseProblem('aaaaaaaaaaaaaa')).toMatch(/简单/);
    expect(passphraseProblem('翠湖花园品质部二〇二六年', '翠湖花园品质部二〇二六')).toMatch(/不一致/);
  });
});
