import { z } from './zod';
import { isoInstant } from './time';

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, '不是有效的 base64 数据');

/**
 * The one backup of the company signing root's private key (公司签名根证书备份), written when the
 * root is created: the PKCS#8 encrypted with AES-GCM under a key derived from a passphrase.
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
});

export type RootBackup = z.output<typeof rootBackupSchema>;
