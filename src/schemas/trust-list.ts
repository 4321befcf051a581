import { z } from './zod';
import { isoInstant } from './time';

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, '不是有效的 base64 数据');

/** One revoked certificate: reports it signed after `revokedAt` are flagged. */
export const revocationSchema = z.object({
  /** Certificate serial number, lower-case hex. */
  serial: z.string().regex(/^[0-9a-f]{2,64}$/),
  /** SHA-256 of the certificate DER, upper-case hex with colons (as shown on screens). */
  fingerprint: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
  name: z.string().min(1).max(100),
  device: z.string().max(200),
  revokedAt: isoInstant,
  /** Why, in Chinese: 设备遗失, 人员离职… */
  reason: z.string().min(1).max(200),
});

/**
 * The company trust list (信任列表): the signing root and its revocations, published by the
 * quality department and imported on every manager's device and any /verify/ page.
 */
export const trustListSchema = z.object({
  format: z.literal('wuye-trust-list'),
  version: z.literal(1),
  company: z.string().min(1).max(100),
  /** Increases with every publication; a device never goes back to a lower one. */
  sequence: z.number().int().min(1),
  issuedAt: isoInstant,
  /** DER of the company root certificate, base64. */
  root: base64,
  revocations: z.array(revocationSchema).max(10000),
});

/** The trust list with the root key's ECDSA P-256 / SHA-256 signature over its canonical JSON. */
export const signedTrustListSchema = z.object({
  list: trustListSchema,
  /** IEEE P1363 (r‖s) signature, base64. */
  signature: base64,
});

export type Revocation = z.output<typeof revocationSchema>;
export type TrustList = z.output<typeof trustListSchema>;
export type SignedTrustList = z.output<typeof signedTrustListSchema>;
