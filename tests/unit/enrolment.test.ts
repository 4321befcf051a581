import { describe, expect, it } from 'vitest';
import * as pkijs from 'pkijs';
import { createCompanyRoot, issueCertificate } from '../../src/adapters/signing/ca';
import {
  checkRequest,
  checkResponse,
  EnrolmentError,
  makeEnrolment,
  readEnrolmentMessage,
  requestFile,
  requestQrText,
  responseFile,
  responseQrText,
} from '../../src/adapters/signing/enrolment';
import { PBKDF2_ITERATIONS, unwrapPrivateKey, WrongSecretError } from '../../src/adapters/signing/secret-wrap';
import { createRootWithBackup, restoreRootBackup, RootBackupError } from '../../src/adapters/signing/root-backup';

const now = new Date('2026-11-20T08:00:00Z');
const names = { commonName: '李检查', device: '平板 03 · 翠湖花园', organization: '示例物业' };
const ECDSA = { name: 'ECDSA', hash: 'SHA-256' } as const;
const FAST = 1000; // iterations for tests that are not about the key derivation itself

async function signsFor(privateKey: CryptoKey, publicKey: CryptoKey): Promise<boolean> {
  const data = new TextEncoder().encode('报告');
  return crypto.subtle.verify(ECDSA, publicKey, await crypto.subtle.sign(ECDSA, privateKey, data), data);
}

describe('certificate request (PKCS#10)', () => {
  it('names inspector and device, and its own signature verifies', async () => {
    const e = await makeEnrolment(names, '302417', FAST);
    const checked = await checkRequest(e.request);
    expect(checked.names).toEqual(names);
    expect(checked.spki).toEqual(e.spki);
    expect(checked.fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
  });

  it('refuses a request whose bytes were changed (signature fails) or that is not a request', async () => {
    const e = await makeEnrolment(names, '302417', FAST);
    // Change one character of the inspector's name inside the signed part.
    const at = Buffer.from(e.request).indexOf(Buffer.from('李检查'));
    expect(at).toBeGreaterThan(0);
    const edited = e.request.slice();
    edited.set(Buffer.from('王'), at);
    await expect(checkRequest(edited)).rejects.toThrow(/签名验证失败/);
    const sig = e.request.slice();
    sig[sig.length - 3]! ^= 0x01;
    await expect(checkRequest(sig)).rejects.toThrow(EnrolmentError);
    await expect(checkRequest(new Uint8Array([0x30, 0x03, 1, 2, 3]))).rejects.toThrow(/无法读取/);
  });

  it('round-trips through the QR text and the file, and refuses anything else', async () => {
    const e = await makeEnrolment(names, '302417', FAST);
    expect(readEnrolmentMessage(requestQrText(e.request))).toEqual({ kind: 'request', request: e.request });
    expect(readEnrolmentMessage(requestFile(e.request))).toEqual({ kind: 'request', request: e.request });
    const leaf = new Uint8Array([1, 2, 3]);
    const root = new Uint8Array([4, 5]);
    expect(readEnrolmentMessage(responseQrText(leaf, root))).toEqual({ kind: 'response', certificate: leaf, root });
    expect(readEnrolmentMessage(` ${responseFile(leaf, root)}\n`)).toEqual({ kind: 'response', certificate: leaf, root });
    expect(() => readEnrolmentMessage('https://example.com')).toThrow(/不是本系统/);
    expect(() => readEnrolmentMessage('WUYE-REQ1:***')).toThrow(/损坏/);
    expect(() => readEnrolmentMessage('{"format":"wuye-enrolment-request","version":1}')).toThrow(/损坏/);
  });
});

describe('issued certificate back on the tablet', () => {
  it('is accepted for the key it was made for and refused for another key or another issuer', async () => {
    const root = await createCompanyRoot('示例物业', now);
    const mine = await makeEnrolment(names, '302417', FAST);
    const other = await makeEnrolment({ ...names, commonName: '张三' }, '302417', FAST);
    const leaf = await issueCertificate(root, { publicKey: mine.spki, names }, now);
    const ok = await checkResponse(leaf, root.certificate, mine.spki);
    expect(ok.names.commonName).toBe('李检查');
    expect(ok.serial).toMatch(/^[0-9a-f]{32}$/);
    await expect(checkResponse(leaf, root.certificate, other.spki)).rejects.toThrow(/不是为这位检查员/);
    const stranger = await createCompanyRoot('别家物业', now);
    await expect(checkResponse(leaf, stranger.certificate, mine.spki)).rejects.toThrow(/签发者签名验证失败/);
    const forged = await issueCertificate(stranger, { publicKey: mine.spki, names }, now);
    await expect(checkResponse(forged, root.certificate, mine.spki)).rejects.toThrow(/签发者签名验证失败/);
  });
});

describe('PIN-wrapped key', () => {
  it('uses PBKDF2 with ≥ 600,000 iterations by default, and opens only with the right PIN, non-extractable', async () => {
    const e = await makeEnrolment(names, '302417');
    expect(e.wrapped.iterations).toBeGreaterThanOrEqual(600_000);
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(e.wrapped.salt.length).toBe(16);
    const key = await unwrapPrivateKey(e.wrapped, '302417');
    expect(key.extractable).toBe(false);
    expect(key.usages).toEqual(['sign']);
    expect(await signsFor(key, e.publicKey)).toBe(true);
    await expect(unwrapPrivateKey(e.wrapped, '302418')).rejects.toThrow(WrongSecretError);
    // The stored form holds no plain PKCS#8 (an EC private key's DER starts 30 81 87 02 01 00).
    expect(Buffer.from(e.wrapped.data).includes(Buffer.from([0x02, 0x01, 0x00, 0x30, 0x13]))).toBe(false);
  }, 30_000);

  it('refuses a wrapped key whose ciphertext was altered', async () => {
    const e = await makeEnrolment(names, '302417', FAST);
    const data = e.wrapped.data.slice();
    data[5]! ^= 0xff;
    await expect(unwrapPrivateKey({ ...e.wrapped, data }, '302417')).rejects.toThrow(WrongSecretError);
  });
});

describe('root backup', () => {
  const pass = '翠湖花园品质部二〇二六年';

  it('is written once at creation and restores a working, non-extractable root', async () => {
    const { root, backup } = await createRootWithBackup('示例物业', pass, now);
    expect(root.privateKey.extractable).toBe(false);
    const file = JSON.parse(backup);
    expect(file).toMatchObject({ format: 'wuye-root-backup', version: 1, company: '示例物业', kdf: { name: 'PBKDF2', hash: 'SHA-256' } });
    expect(file.kdf.iterations).toBeGreaterThanOrEqual(600_000);
    expect(typeof file.kdf.salt).toBe('string');
    const restored = await restoreRootBackup(backup, pass);
    expect(restored.privateKey.extractable).toBe(false);
    expect(restored.certificate).toEqual(root.certificate);
    expect(await signsFor(restored.privateKey, root.publicKey)).toBe(true);
    // The restored root issues certificates that chain to the original root certificate.
    const leafKey = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    const leaf = await issueCertificate(restored, { publicKey: leafKey.publicKey, names }, now);
    expect(
      await pkijs.Certificate.fromBER(leaf as Uint8Array<ArrayBuffer>).verify(
        pkijs.Certificate.fromBER(root.certificate as Uint8Array<ArrayBuffer>),
      ),
    ).toBe(true);
  }, 30_000);

  it('refuses a wrong passphrase, an edited file and something that is not a backup', async () => {
    const { backup } = await createRootWithBackup('示例物业', pass, now);
    await expect(restoreRootBackup(backup, `${pass}x`)).rejects.toThrow(/口令不正确/);
    const file = JSON.parse(backup);
    const other = await createCompanyRoot('示例物业', now);
    const swapped = JSON.stringify({ ...file, certificate: Buffer.from(other.certificate).toString('base64') });
    await expect(restoreRootBackup(swapped, pass)).rejects.toThrow(/不匹配/);
    await expect(restoreRootBackup(JSON.stringify({ ...file, kdf: { ...file.kdf, iterations: 10 } }), pass)).rejects.toThrow(/不是本系统/);
    await expect(restoreRootBackup('not json', pass)).rejects.toThrow(RootBackupError);
  }, 30_000);
});
