/**
 * Fixed-point numbers with one decimal, stored as integer tenths, so scores never drift
 * (0.1 + 0.2 problems can't occur). Template points like 2.5 become 25.
 */
export type Tenths = number & { readonly __tenths: unique symbol };

/** Converts a number with at most one decimal to tenths; anything finer is a template error. */
export function toTenths(value: number): Tenths {
  const scaled = Math.round(value * 10);
  if (!Number.isFinite(value) || Math.abs(scaled - value * 10) > 1e-6) {
    throw new RangeError(`数值 ${value} 最多只能有一位小数`);
  }
  return scaled as Tenths;
}

export function tenths(n: number): Tenths {
  if (!Number.isInteger(n)) throw new RangeError(`tenths must be an integer, got ${n}`);
  return n as Tenths;
}

/** "85.5", "100.0", "-3.0" — always one decimal, as shown in reports. */
export function formatTenths(t: Tenths | number): string {
  const sign = t < 0 ? '-' : '';
  const abs = Math.abs(t);
  return `${sign}${Math.floor(abs / 10)}.${abs % 10}`;
}

/** "85.5" or "85" — one decimal only when needed, for points in prose ("扣 2.5 分"). */
export function formatPoints(t: Tenths | number): string {
  return t % 10 === 0 ? String(t / 10) : formatTenths(t);
}

/**
 * round(num / den) with halves rounded up (away from zero for positive values), in exact
 * integer arithmetic. Inputs must be non-negative integers (BigInt keeps large products exact).
 */
export function divRoundHalfUp(num: bigint, den: bigint): bigint {
  if (den <= 0n || num < 0n) throw new RangeError('divRoundHalfUp expects num ≥ 0 and den > 0');
  return (2n * num + den) / (2n * den);
}
