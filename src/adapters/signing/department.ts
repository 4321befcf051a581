// The quality department's side of the chain of trust: the root, requests, issuing, revocation
// and the published trust list. Every step checks first and writes only when all is well.
import { withRevocation } from '../../domain/trust-list';
import type { TrustList } from '../../schemas/trust-list';
import { certificateSerial, issueCertificate } from './ca';
import { certificateFingerprint } from './certificate';
import { checkRequest, EnrolmentError, keyFingerprint, readEnrolmentMessage } from './enrolment';
import { backupWithRecords, createRootWithBackup, restoreRootBackup, RootBackupError } from './root-backup';
import { parseCertificate, signedBy } from './x509';
import { readTrustList, signTrustList, toBase64 } from './trust-list';
import type { EnrolmentRequest, IssuedCertificate, StoredRoot } from '../store/db';
import * as stores from '../store/enrolment-store';
import * as pkijs from 'pkijs';

async function publish(root: StoredRoot, list: TrustList): Promise<void> {
  await stores.savePublishedTrustList(await signTrustList(list, root.privateKey), list.issuedAt);
}

function firstList(root: StoredRoot, issuedAt: string): TrustList {
  return {
    format: 'wuye-trust-list',
    version: 1,
    company: root.company,
    sequence: 1,
    issuedAt,
    root: toBase64(root.certificate),
    revocations: [],
  };
}

/** Creates the root and returns the text of its one backup file (the caller offers it for download). */
export async function createRoot(company: string, passphrase: string, now: Date): Promise<string> {
  if (await stores.getRoot()) throw new Error('本设备已有公司签名根证书，不能再创建。');
  const { root, backup } = await createRootWithBackup(company, passphrase, now);
  // The file's text is kept (its key part is encrypted under the passphrase) so later copies can
  // add the issued certificates and revocations without the key ever being extractable again.
  const stored: StoredRoot = { id: 'root', ...root, createdAt: now.toISOString(), origin: 'created', backup };
  await stores.saveRoot(stored);
  await publish(stored, firstList(stored, now.toISOString()));
  return backup;
}

/** The backup file as it stands now: the same encrypted key, the issued certificates and the last trust list. */
export async function currentBackup(now: Date): Promise<string> {
  const root = await stores.getRoot();
  if (!root) throw new Error('本设备还没有公司签名根证书。');
  if (!root.backup)
    throw new Error('本设备的根证书由旧版本创建或恢复，无法生成新的备份。请保管好原备份文件，并在每次吊销后保存导出的信任列表。');
  const issued = (await stores.listIssued()).sort((a, b) => a.issuedAt.localeCompare(b.issuedAt));
  return backupWithRecords(root.backup, { issued, trustList: (await stores.getPublishedTrustList()) ?? null }, now);
}

/** The issued certificates a backup lists, each checked to be this root's. */
async function checkedIssued(rootDer: Uint8Array, listed: { certificate: Uint8Array; issuedAt: string }[]): Promise<IssuedCertificate[]> {
  const root = parseCertificate(rootDer);
  const out: IssuedCertificate[] = [];
  for (const c of listed) {
    let leaf: ReturnType<typeof parseCertificate>;
    try {
      leaf = parseCertificate(c.certificate);
    } catch {
      throw new RootBackupError('备份中的已签发证书无法读取，未恢复。');
    }
    if (!(await signedBy(leaf, root))) throw new RootBackupError('备份中有不是本根证书签发的证书（文件被改动过），未恢复。');
    out.push({
      serial: certificateSerial(c.certificate),
      fingerprint: await certificateFingerprint(c.certificate),
      keyFingerprint: await keyFingerprint(leaf.spki),
      commonName: leaf.names.commonName,
      device: leaf.names.device,
      certificate: c.certificate,
      issuedAt: c.issuedAt,
      notAfter: leaf.notAfter.toISOString(),
    });
  }
  return out;
}

/**
 * Restores the root on a replacement device, with the certificates it issued and its revocations
 * as the backup lists them. The newest of the backup's trust list and the last exported one (if
 * given) carries the revocations and the sequence on; with neither the list starts again at 1.
 */
export async function restoreRoot(backupText: string, passphrase: string, trustListText: string | null, now: Date): Promise<void> {
  if (await stores.getRoot()) throw new Error('本设备已有公司签名根证书。');
  const { issued: listed, trustList: carried, ...root } = await restoreRootBackup(backupText, passphrase);
  const stored: StoredRoot = { id: 'root', ...root, createdAt: now.toISOString(), origin: 'restored', backup: backupText };
  const issued = await checkedIssued(root.certificate, listed);
  let list: TrustList = firstList(stored, now.toISOString());
  const lists: TrustList[] = [];
  if (carried) {
    let signed;
    try {
      signed = await readTrustList(JSON.stringify(carried));
    } catch {
      throw new RootBackupError('备份中的信任列表签名不符（文件被改动过），未恢复。');
    }
    if (signed.list.root !== toBase64(root.certificate)) throw new RootBackupError('备份中的信任列表属于另一个根证书，未恢复。');
    lists.push(signed.list);
  }
  if (trustListText) {
    const signed = await readTrustList(trustListText);
    if (signed.list.root !== toBase64(root.certificate)) throw new Error('所选信任列表属于另一个根证书，未恢复。');
    lists.push(signed.list);
  }
  const newest = lists.sort((a, b) => b.sequence - a.sequence)[0];
  if (newest) list = { ...newest, sequence: newest.sequence + 1, issuedAt: now.toISOString() };
  await stores.saveRoot(stored);
  for (const c of issued) await stores.saveIssued(c);
  await publish(stored, list);
}

/** Reads and checks a request (file text or scanned QR); stores it as pending. */
export async function receiveRequest(text: string, now: string): Promise<EnrolmentRequest> {
  const msg = readEnrolmentMessage(text);
  if (msg.kind !== 'request') throw new EnrolmentError('这是已签发的证书，不是登记申请。请在检查员的平板上导入它。');
  const checked = await checkRequest(msg.request);
  const existing = await stores.getRequest(checked.fingerprint);
  if (existing?.status === 'issued') throw new EnrolmentError(`这个密钥已为「${existing.commonName}」签发过证书，无需再次签发。`);
  const r: EnrolmentRequest = {
    id: checked.fingerprint,
    request: msg.request,
    commonName: checked.names.commonName,
    device: checked.names.device,
    organization: checked.names.organization,
    receivedAt: now,
    status: 'pending',
  };
  await stores.saveRequest(r);
  return r;
}

/** Issues the certificate for a pending request; returns leaf and root for the way back. */
export async function approveRequest(
  id: string,
  now: Date,
): Promise<{ certificate: Uint8Array; root: Uint8Array; issued: IssuedCertificate }> {
  const root = await stores.getRoot();
  if (!root) throw new Error('本设备还没有公司签名根证书。');
  const req = await stores.getRequest(id);
  if (!req || req.status !== 'pending') throw new Error('找不到这份待批准的登记申请。');
  // Checked again: the stored bytes are what is signed, not what the screen showed.
  const checked = await checkRequest(req.request);
  const certificate = await issueCertificate(
    root,
    { publicKey: checked.spki, names: { commonName: checked.names.commonName, device: checked.names.device, organization: root.company } },
    now,
  );
  const cert = pkijs.Certificate.fromBER(certificate as Uint8Array<ArrayBuffer>);
  const issued: IssuedCertificate = {
    serial: certificateSerial(certificate),
    fingerprint: await certificateFingerprint(certificate),
    keyFingerprint: await keyFingerprint(checked.spki),
    commonName: checked.names.commonName,
    device: checked.names.device,
    certificate,
    issuedAt: now.toISOString(),
    notAfter: cert.notAfter.value.toISOString(),
  };
  await stores.recordIssued(issued, { ...req, status: 'issued', serial: issued.serial });
  return { certificate, root: root.certificate, issued };
}

export async function rejectRequest(id: string): Promise<void> {
  const req = await stores.getRequest(id);
  if (req && req.status === 'pending') await stores.saveRequest({ ...req, status: 'rejected' });
}

/** Revokes an issued certificate from `revokedAt` on and publishes the next trust list. */
export async function revoke(serial: string, revokedAt: string, reason: string, now: Date): Promise<TrustList> {
  const root = await stores.getRoot();
  const published = await stores.getPublishedTrustList();
  const cert = await stores.getIssued(serial);
  if (!root || !published || !cert) throw new Error('找不到这张证书或本设备的信任列表。');
  if (!reason.trim()) throw new Error('请填写吊销原因。');
  if (Number.isNaN(Date.parse(revokedAt))) throw new Error('吊销日期不正确。');
  if (published.list.revocations.some((r) => r.serial === serial)) throw new Error('这张证书已经吊销。');
  const next = withRevocation(
    published.list,
    { serial, fingerprint: cert.fingerprint, name: cert.commonName, device: cert.device, revokedAt, reason: reason.trim() },
    now.toISOString(),
  );
  await publish(root, next);
  return next;
}
