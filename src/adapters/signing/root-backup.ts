// The company root on the quality department's device: created with one passphrase-encrypted
// backup file, stored non-extractable, and restorable from that file on a replacement device.
import * as pkijs from 'pkijs';
import { rootBackupSchema, type RootBackup } from '../../schemas/root-backup';
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

/** Reads a backup file and opens it with the passphrase; every failure is a Chinese RootBackupError. */
export async function restoreRootBackup(text: string, passphrase: string): Promise<CompanyRoot> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RootBackupError('文件不是根证书备份（无法读取）。');
  }
  const parsed = rootBackupSchema.safeParse(json);
  if (!parsed.success) throw new RootBackupError('文件不是本系统的根证书备份，或已损坏。');
  const b = parsed.data;
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
  return { company: b.company, privateKey, publicKey, certificate };
}
