// The tablet's side of enrolment, and unlocking an enrolled key with its inspector's PIN.
import { afterRightPin, afterWrongPin, pinGate, type PinRule } from '../../domain/pin-lockout';
import type { StoredSigner } from '../store/db';
import * as stores from '../store/enrolment-store';
import type { IdentityNames, SigningIdentity } from './certificate';
import { checkResponse, EnrolmentError, makeEnrolment, readEnrolmentMessage } from './enrolment';
import { unwrapPrivateKey, WrongSecretError } from './secret-wrap';

/** Makes the key and request for an inspector on this tablet and keeps them (waiting for the certificate). */
export async function enrolInspector(
  names: IdentityNames,
  pin: string,
  id: string,
  now: string,
  iterations?: number,
): Promise<StoredSigner> {
  const made = await makeEnrolment(names, pin, iterations);
  const signer: StoredSigner = { id, ...names, ...made, createdAt: now, pin: { failures: 0 } };
  await stores.saveSigner(signer);
  return signer;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Imports an issued certificate (file text or scanned QR) for the key on this tablet it was made for. */
export async function acceptCertificate(text: string, now: string): Promise<StoredSigner> {
  const msg = readEnrolmentMessage(text);
  if (msg.kind !== 'response') throw new EnrolmentError('这是登记申请，不是签发的证书。请把它交给品质部。');
  const { Certificate } = await import('pkijs');
  let spki: Uint8Array;
  try {
    spki = new Uint8Array(
      Certificate.fromBER(msg.certificate as Uint8Array<ArrayBuffer>)
        .subjectPublicKeyInfo.toSchema()
        .toBER(false),
    );
  } catch {
    throw new EnrolmentError('证书无法读取（数据不完整）。');
  }
  const signer = (await stores.listSigners()).find((s) => sameBytes(s.spki, spki));
  if (!signer) throw new EnrolmentError('这份证书不是为本设备上任何一位检查员的密钥签发的（可能属于别的平板或别人），未导入。');
  const checked = await checkResponse(msg.certificate, msg.root, signer.spki);
  if (signer.certificate && sameBytes(signer.certificate, checked.certificate)) return signer;
  const enrolled: StoredSigner = {
    ...signer,
    certificate: checked.certificate,
    chain: [checked.root],
    serial: checked.serial,
    notAfter: checked.notAfter,
    enrolledAt: now,
  };
  await stores.saveSigner(enrolled);
  return enrolled;
}

export class PinError extends Error {}

function clock(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getMonth() + 1} 月 ${d.getDate()} 日 ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * Opens an enrolled key with the inspector's PIN, for one signature. A wrong PIN counts against
 * the lockout rule and throws PinError with the tries left, or until when the key is locked.
 */
export async function unlockSigner(id: string, pin: string, rule: PinRule, now: Date): Promise<SigningIdentity & { signer: StoredSigner }> {
  const signer = await stores.getSigner(id);
  if (!signer?.certificate) throw new PinError('所选检查员在本设备上还没有登记完成（缺少品质部签发的证书）。');
  // Keys enrolled before the latest time seen was kept start from when they were made or enrolled.
  const pinState = { ...signer.pin, lastSeen: signer.pin.lastSeen ?? signer.enrolledAt ?? signer.createdAt };
  const gate = pinGate(pinState, now.getTime());
  if (!gate.allowed) throw new PinError(`PIN 错误次数过多，「${signer.commonName}」的签名已锁定，请于 ${clock(gate.until)} 后再试。`);
  try {
    const privateKey = await unwrapPrivateKey(signer.wrapped, pin);
    // Always written: the time of this signature is the floor of any later lock.
    const opened = { ...signer, pin: afterRightPin(pinState, now.getTime()) };
    await stores.saveSigner(opened);
    return { privateKey, publicKey: signer.publicKey, certificate: signer.certificate, chain: signer.chain ?? [], signer: opened };
  } catch (err) {
    if (!(err instanceof WrongSecretError)) throw err;
    // Re-read so two tabs trying at once both count.
    const fresh = (await stores.getSigner(id)) ?? signer;
    const failure = afterWrongPin({ ...fresh.pin, lastSeen: fresh.pin.lastSeen ?? pinState.lastSeen }, now.getTime(), rule);
    await stores.saveSigner({ ...fresh, pin: failure.state });
    if ('lockedUntil' in failure)
      throw new PinError(
        `PIN 不正确。已连续错误 ${rule.maxTries} 次，「${signer.commonName}」的签名锁定到 ${clock(failure.lockedUntil)}。`,
      );
    throw new PinError(`PIN 不正确，未签名。还可再试 ${failure.remaining} 次。`);
  }
}
