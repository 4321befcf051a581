// The company root on the quality department's device: created with a passphrase-encrypted
// backup file, stored non-extractable, and restorable from that file on a replacement device.
// The key is encrypted once, at creation; later copies of the file carry the same ciphertext plus
// the certificates issued and the last trust list (see src/schemas/root-backup.ts).
import * as pkijs from 'pkijs';
import { rootBackupSchema, type RootBackup } from '../../schemas/root-backup';
import type { SignedTrustList } from '../../schemas/trust-list';
import { createCompanyRoot } from './ca';
import { engine } from './certificate';
import { PBKDF2_ITERATIONS, WrongSecretError, keysMatch, unwrapPrivateKey, wrapPrivateKey } from './secret-wrap';
import { fromBase64, toBase64 } from './trust-list';

export interface CompanyRoot {
  company: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  certificate: Uint8Array;
}

export class RootBackupError extends Error {}

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** Makes the root; returns it with a non-extractable private key and the backup file's text. */
export async function createRootWithBackup(
  company: string,
  passphrase: string,
  now: Date,
  iterations = PBKDF2_ITERATIONS,
): Promise<{ root: CompanyRoot; backup: string }> {
  const made = await createCompanyRoot(company, now, { extractable: true });
  const wrapped = await wrapPrivateKey(made.privateKey, passphrase, iterations);
  // Re-import so the key kept on the device can never be exported again.
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', made.privateKey));
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, EC, false, ['sign']);
  pkcs8.fill(0);
  const file: RootBackup = {
    format: 'wuye-root-backup',
    version: 1,
    company,
    createdAt: now.toISOString(),
    certificate: toBase64(made.certificate),
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: wrapped.iterations, salt: toBase64(wrapped.salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(wrapped.iv) },
    key: toBase64(wrapped.data),
  };
  return { root: { company, privateKey, publicKey: made.publicKey, certificate: made.certificate }, backup: JSON.stringify(file, null, 2) };
}

function readBackup(text: string): RootBackup {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RootBackupError('文件不是根证书备份（无法读取）。');
  }
  const parsed = rootBackupSchema.safeParse(json);
  if (!parsed.success) throw new RootBackupError('文件不是本系统的根证书备份，或已损坏。');
  return parsed.data;
}

/** A new copy of a backup (same encrypted key) carrying the issued certificates and the last trust list. */
export function backupWithRecords(
  text: string,
  records: { issued: { certificate: Uint8Array; issuedAt: string }[]; trustList: SignedTrustList | null },
  now: Date,
): string {
  const { issued: _i, trustList: _t, writtenAt: _w, ...key } = readBackup(text);
  const file: RootBackup = {
    ...key,
    writtenAt: now.toISOString(),
    issued: records.issued.map((c) => ({ certificate: toBase64(c.certificate), issuedAt: c.issuedAt })),
    ...(records.trustList ? { trustList: records.trustList } : {}),
  };
  return JSON.stringify(file, null, 2);
}

export interface RestoredRoot extends CompanyRoot {
  /** Certificates the backup lists, not yet checked against the root (the caller does). */
  issued: { certificate: Uint8Array; issuedAt: string }[];
  trustList: SignedTrustList | null;
}

/** Reads a backup file and opens it with the passphrase; every failure is a Chinese RootBackupError. */
export async function restoreRootBackup(text: string, passphrase: string): Promise<RestoredRoot> {
  const b = readBackup(text);
  let privateKey: CryptoKey;
  try {
    privateKey = await unwrapPrivateKey(
      {
        kdf: 'PBKDF2-SHA-256',
        iterations: b.kdf.iterations,
        salt: fromBase64(b.kdf.salt),
        iv: fromBase64(b.cipher.iv),
        data: fromBase64(b.key),
      },
      passphrase,
    );
  } catch (err) {
    if (err instanceof WrongSecretError) throw new RootBackupError('备份口令不正确（或备份文件被改动过），未恢复。');
    throw err;
  }
  engine();
  const certificate = fromBase64(b.certificate);
  let publicKey: CryptoKey;
  try {
    const cert = pkijs.Certificate.fromBER(certificate as Uint8Array<ArrayBuffer>);
    publicKey = await crypto.subtle.importKey('spki', cert.subjectPublicKeyInfo.toSchema().toBER(false), EC, true, ['verify']);
  } catch {
    throw new RootBackupError('备份中的根证书无法读取。');
  }
  if (!(await keysMatch(privateKey, publicKey))) throw new RootBackupError('备份中的私钥与根证书不匹配，未恢复。');
  return {
    company: b.company,
    privateKey,
    publicKey,
    certificate,
    issued: (b.issued ?? []).map((c) => ({ certificate: fromBase64(c.certificate), issuedAt: c.issuedAt })),
    trustList: b.trustList ?? null,
  };
}
