/**
 * Rules of the company trust list: which revocation applies to a signature, and whether an
 * incoming list may replace the one a device holds. Pure; signatures are checked by the adapter.
 */
import type { Revocation, TrustList } from '../schemas/trust-list';

/** The revocation that makes a signature made at `signedAt` untrustworthy, if any. */
export function revocationAt(list: TrustList | null, serial: string, signedAt: Date): Revocation | null {
  if (!list) return null;
  const r = list.revocations.find((x) => x.serial === serial.toLowerCase());
  if (!r) return null;
  return Date.parse(r.revokedAt) <= signedAt.getTime() ? r : null;
}

export type TrustListUpdate =
  { kind: 'new' } | { kind: 'newer'; added: Revocation[] } | { kind: 'same' } | { kind: 'older' } | { kind: 'other-root' };

/** How an imported list relates to the current one (both already signature-checked). */
export function compareTrustLists(current: TrustList | null, incoming: TrustList): TrustListUpdate {
  if (!current) return { kind: 'new' };
  if (current.root !== incoming.root) return { kind: 'other-root' };
  if (incoming.sequence < current.sequence) return { kind: 'older' };
  if (incoming.sequence === current.sequence) return { kind: 'same' };
  const known = new Set(current.revocations.map((r) => r.serial));
  return { kind: 'newer', added: incoming.revocations.filter((r) => !known.has(r.serial)) };
}

/** The next list after revoking one certificate (revocations are never removed). */
export function withRevocation(list: TrustList, revocation: Revocation, issuedAt: string): TrustList {
  if (list.revocations.some((r) => r.serial === revocation.serial)) return list;
  return { ...list, sequence: list.sequence + 1, issuedAt, revocations: [...list.revocations, revocation] };
}
