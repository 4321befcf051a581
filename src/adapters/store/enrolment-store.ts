// Facades for the v6 chain-of-trust stores: the department's root, requests and issued
// certificates, the tablet's enrolled signers, and the trust lists (published / imported).
import type { SignedTrustList } from '../../schemas/trust-list';
import { explainStorageError, type AppDB, type EnrolmentRequest, type IssuedCertificate, type StoredRoot, type StoredSigner } from './db';
import type { StoreNames } from 'idb';
import { appDB } from './connection';

async function put<S extends StoreNames<AppDB>>(store: S, value: AppDB[S]['value']): Promise<void> {
  try {
    await (await appDB()).put(store, value);
  } catch (err) {
    throw explainStorageError(err);
  }
}

export const getRoot = async (): Promise<StoredRoot | undefined> => (await appDB()).get('ca', 'root') as Promise<StoredRoot | undefined>;
export const saveRoot = (root: StoredRoot): Promise<void> => put('ca', root);

export const listRequests = async (): Promise<EnrolmentRequest[]> => (await appDB()).getAll('requests');
export const getRequest = async (id: string): Promise<EnrolmentRequest | undefined> => (await appDB()).get('requests', id);
export const saveRequest = (r: EnrolmentRequest): Promise<void> => put('requests', r);

export const listIssued = async (): Promise<IssuedCertificate[]> => (await appDB()).getAll('issued');
/** A certificate restored from the root's backup (its request stayed on the lost device). */
export const saveIssued = (c: IssuedCertificate): Promise<void> => put('issued', c);
export const getIssued = async (serial: string): Promise<IssuedCertificate | undefined> => (await appDB()).get('issued', serial);

/** Issuing writes the certificate and marks its request in one transaction. */
export async function recordIssued(cert: IssuedCertificate, request: EnrolmentRequest): Promise<void> {
  try {
    const db = await appDB();
    const tx = db.transaction(['issued', 'requests'], 'readwrite');
    await Promise.all([tx.objectStore('issued').put(cert), tx.objectStore('requests').put(request), tx.done]);
  } catch (err) {
    throw explainStorageError(err);
  }
}

export const listSigners = async (): Promise<StoredSigner[]> =>
  (await (await appDB()).getAll('signers')).sort((a, b) => a.commonName.localeCompare(b.commonName, 'zh-CN'));
export const getSigner = async (id: string): Promise<StoredSigner | undefined> => (await appDB()).get('signers', id);
export const saveSigner = (s: StoredSigner): Promise<void> => put('signers', s);
export async function deleteSigner(id: string): Promise<void> {
  await (await appDB()).delete('signers', id);
}

/** The trust list this department published last (devices keep theirs in signing/trust-store.ts). */
export async function getPublishedTrustList(): Promise<SignedTrustList | undefined> {
  return (await (await appDB()).get('trust', 'published'))?.signed;
}
export const savePublishedTrustList = (signed: SignedTrustList, storedAt: string): Promise<void> =>
  put('trust', { id: 'published', signed, storedAt });
