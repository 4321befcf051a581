// The algorithm allow-list: ECDSA on P-256 or P-384 with SHA-256 or stronger. SHA-1, MD5 and
// RSA are refused outright (no document of ours uses them; a forgery might).
import { ecdsaDerToP1363 } from './der';

/** Signature algorithm OID → hash. */
export const SIGNATURE_HASH: Record<string, 'SHA-256' | 'SHA-384' | 'SHA-512'> = {
  '1.2.840.10045.4.3.2': 'SHA-256',
  '1.2.840.10045.4.3.3': 'SHA-384',
  '1.2.840.10045.4.3.4': 'SHA-512',
};

/** Digest algorithm OID → hash. */
export const DIGEST: Record<string, 'SHA-256' | 'SHA-384' | 'SHA-512'> = {
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

/** Named curve OID → WebCrypto name. */
export const EC_CURVES: Record<string, 'P-256' | 'P-384'> = {
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
};

const CURVE_BYTES = { 'P-256': 32, 'P-384': 48 } as const;

export async function checkEcdsa(
  key: CryptoKey,
  curveOid: string,
  algorithm: string,
  derSignature: Uint8Array,
  data: Uint8Array,
): Promise<boolean> {
  const hash = SIGNATURE_HASH[algorithm];
  const curve = EC_CURVES[curveOid];
  if (!hash || !curve) return false;
  const sig = ecdsaDerToP1363(derSignature, CURVE_BYTES[curve]);
  return crypto.subtle.verify({ name: 'ECDSA', hash }, key, sig as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>);
}

export async function digest(hash: 'SHA-256' | 'SHA-384' | 'SHA-512', data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest(hash, data as Uint8Array<ArrayBuffer>));
}
