// What the chain of trust keeps in IndexedDB (DB v3 keys, v6 signers, ca, requests, issued,
// trust): the records' shapes, apart from the schema in db.ts so that file stays one screenful.
import type { PinState } from '../../domain/pin-lockout';
import type { SignedTrustList } from '../../schemas/trust-list';
import type { WrappedKey } from '../signing/secret-wrap';

export interface StoredIdentity {
  id: string;
  commonName: string;
  device: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  certificate: Uint8Array;
  createdAt: string;
}

/** An inspector's enrolled key on a (shared) tablet: usable only with that inspector's PIN. */
export interface StoredSigner {
  id: string;
  commonName: string;
  device: string;
  organization: string;
  publicKey: CryptoKey;
  /** DER SubjectPublicKeyInfo: an issued certificate must carry exactly this. */
  spki: Uint8Array;
  /** The PKCS#10 request, kept to show or send again until the certificate arrives. */
  request: Uint8Array;
  wrapped: WrappedKey;
  createdAt: string;
  pin: PinState;
  /** Set once the department's certificate has been imported. */
  certificate?: Uint8Array;
  /** Issuers nearest first, the company root last. */
  chain?: Uint8Array[];
  serial?: string;
  notAfter?: string;
  enrolledAt?: string;
}

/** The company signing root on the quality department's device; the private key is not extractable. */
export interface StoredRoot {
  id: 'root';
  company: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  certificate: Uint8Array;
  createdAt: string;
  /** 'created' here (its one backup was written then) or 'restored' from that backup. */
  origin: 'created' | 'restored';
  /** The backup file's text (key encrypted under the passphrase), to write later copies with the records. */
  backup?: string;
}

export interface EnrolmentRequest {
  /** The key's fingerprint: one request per key. */
  id: string;
  request: Uint8Array;
  commonName: string;
  device: string;
  organization: string;
  receivedAt: string;
  status: 'pending' | 'issued' | 'rejected';
  serial?: string;
}

export interface IssuedCertificate {
  /** Serial, lower-case hex (as revocations name it). */
  serial: string;
  /** SHA-256 of the certificate DER, upper-case hex with colons. */
  fingerprint: string;
  keyFingerprint: string;
  commonName: string;
  device: string;
  certificate: Uint8Array;
  issuedAt: string;
  notAfter: string;
}

export interface StoredTrustList {
  /** The department's own list (what it signed last). Imported lists live in signing/trust-store.ts. */
  id: 'published';
  signed: SignedTrustList;
  storedAt: string;
}
