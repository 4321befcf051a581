import { z } from './zod';
import { isoInstant } from './time';
import { signedTrustListSchema } from './trust-list';

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, '不是有效的 base64 数据');

/**
 * The backup of the company signing root (公司签名根证书备份): the private key's PKCS#8, encrypted
 * once when the root is created with AES-GCM under a key derived from a passphrase, and — in the
 * later copies the department downloads after issuing or revoking — the certificates issued and
 * the last trust list, so a replacement device can go on showing and revoking them. Those records
 * prove themselves (each is signed by the root), so they sit beside the ciphertext, not inside it.
 */
export const rootBackupSchema = z.object({
  format: z.literal('wuye-root-backup'),
  version: z.literal(1),
  company: z.string().min(1).max(100),
  createdAt: isoInstant,
  /** DER of the root certificate, base64. */
  certificate: base64,
  kdf: z.object({
    name: z.literal('PBKDF2'),
    hash: z.literal('SHA-256'),
    iterations: z.number().int().min(100_000).max(10_000_000),
    salt: base64,
  }),
  cipher: z.object({ name: z.literal('AES-GCM'), iv: base64 }),
  /** AES-GCM ciphertext of the root's PKCS#8 private key, base64. */
  key: base64,
  /** When this copy was written (absent in the first one, written at createdAt). */
  writtenAt: isoInstant.optional(),
  /** Certificates the root issued (DER, base64), each checked against the root on restore. */
  issued: z
    .array(z.object({ certificate: base64, issuedAt: isoInstant }))
    .max(10000)
    .optional(),
  /** The trust list the department published last (revocations, sequence), signed by the root. */
  trustList: signedTrustListSchema.optional(),
});

export type RootBackup = z.output<typeof rootBackupSchema>;
