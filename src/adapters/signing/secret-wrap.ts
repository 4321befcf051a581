// Private keys at rest under a secret a person knows (an inspector's PIN, the root's backup
// passphrase): PBKDF2-SHA-256 with a high iteration count derives an AES-GCM key that wraps the
// PKCS#8. Unwrapping yields a non-extractable signing key, so the plain key never sits in storage.

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. Stored with each wrapped key so it can rise later. */
export const PBKDF2_ITERATIONS = 600_000;

export interface WrappedKey {
  kdf: 'PBKDF2-SHA-256';
  iterations: number;
  salt: Uint8Array;
  iv: Uint8Array;
  /** AES-GCM ciphertext of the PKCS#8 (with its tag). */
  data: Uint8Array;
}

/** The secret was wrong (or the data was altered): AES-GCM's tag did not match. */
export class WrongSecretError extends Error {}

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;

async function aesKey(secret: string, salt: Uint8Array, iterations: number, usages: KeyUsage[]): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    usages,
  );
}

/** Wraps an extractable ECDSA private key under the secret. */
export async function wrapPrivateKey(privateKey: CryptoKey, secret: string, iterations = PBKDF2_ITERATIONS): Promise<WrappedKey> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await aesKey(secret, salt, iterations, ['wrapKey']);
  const data = new Uint8Array(await crypto.subtle.wrapKey('pkcs8', privateKey, key, { name: 'AES-GCM', iv }));
  return { kdf: 'PBKDF2-SHA-256', iterations, salt, iv, data };
}

/** Unwraps to a non-extractable signing key; a wrong secret throws WrongSecretError. */
export async function unwrapPrivateKey(wrapped: WrappedKey, secret: string): Promise<CryptoKey> {
  const key = await aesKey(secret, wrapped.salt, wrapped.iterations, ['unwrapKey']);
  try {
    return await crypto.subtle.unwrapKey(
      'pkcs8',
      wrapped.data as Uint8Array<ArrayBuffer>,
      key,
      { name: 'AES-GCM', iv: wrapped.iv as Uint8Array<ArrayBuffer> },
      EC,
      false,
      ['sign'],
    );
  } catch (err) {
    throw new WrongSecretError('secret does not open the key', { cause: err });
  }
}

/** True when the private key belongs to the public key (signs something the public key accepts). */
export async function keysMatch(privateKey: CryptoKey, publicKey: CryptoKey): Promise<boolean> {
  const probe = crypto.getRandomValues(new Uint8Array(32));
  const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, probe);
  return crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, sig, probe);
}
