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
      state: { failures: 5, lockedUntil: new Date(t0 + 10 + 15 * MIN).toISOString() },
      lockedUntil: new Date(t0 + 10 + 15 * MIN).toISOString(),
    });
    expect(pinGate(fifth.state, t0 + 10)).toEqual({ allowed: false, until: new Date(t0 + 10 + 15 * MIN).toISOString() });
    expect(pinGate(fifth.state, t0 + 10 + 15 * MIN - 1).allowed).toBe(false);
  });

  it('gives the full number of tries again once the lock has run out', () => {
    const locked: PinState = { failures: 5, lockedUntil: new Date(t0).toISOString() };
    expect(pinGate(locked, t0)).toEqual({ allowed: true, state: { failures: 0 } });
    const f = afterWrongPin(locked, t0 + 1, rule);
    expect(f).toEqual({ state: { failures: 1 }, remaining: 4 });
  });

  it('a right PIN clears the count', () => {
    expect(afterRightPin()).toEqual({ failures: 0 });
    expect(pinGate({ failures: 3 }, t0)).toEqual({ allowed: true, state: { failures: 3 } });
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
