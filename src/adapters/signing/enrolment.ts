// Enrolment of an inspector's tablet key with the company root: the tablet makes a key pair and a
// PKCS#10 certificate request naming inspector and device; the department checks the request's
// own signature and issues a certificate; the tablet checks the answer is for its key.
// The messages travel as files (JSON) or QR codes (one compact line of text).
import * as pkijs from 'pkijs';
import { engine, type IdentityNames } from './certificate';
import { NAME_OID, subjectName } from './x509-name';
import { fromBase64, toBase64 } from './trust-list';
import { wrapPrivateKey, type WrappedKey } from './secret-wrap';

const OID = { ecPublicKey: '1.2.840.10045.2.1', p256: '1.2.840.10045.3.1.7', ecdsaSha256: '1.2.840.10045.4.3.2' } as const;

export class EnrolmentError extends Error {}

export interface NewEnrolment {
  /** DER of the signed certificate request. */
  request: Uint8Array;
  publicKey: CryptoKey;
  /** DER of the public key (SubjectPublicKeyInfo): what a certificate must carry to be ours. */
  spki: Uint8Array;
  /** The private key, wrapped under the inspector's PIN; the plain key is never stored. */
  wrapped: WrappedKey;
}

/** Makes the tablet's key pair and certificate request, and wraps the private key under the PIN. */
export async function makeEnrolment(names: IdentityNames, pin: string, iterations?: number): Promise<NewEnrolment> {
  engine();
  // Extractable only so it can be wrapped; the caller keeps just the wrapped form.
  const { privateKey, publicKey } = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const csr = new pkijs.CertificationRequest();
  csr.version = 0;
  csr.subject = subjectName(names);
  await csr.subjectPublicKeyInfo.importKey(publicKey);
  csr.attributes = [];
  await csr.sign(privateKey, 'SHA-256');
  const request = new Uint8Array(csr.toSchema(true).toBER(false));
  const spki = new Uint8Array(csr.subjectPublicKeyInfo.toSchema().toBER(false));
  const wrapped = await wrapPrivateKey(privateKey, pin, iterations);
  return { request, publicKey, spki, wrapped };
}

/** SHA-256 of a public key, as the two screens show it to be compared by eye: "AB12 CD34 …". */
export async function keyFingerprint(spki: Uint8Array): Promise<string> {
  const h = new Uint8Array(await crypto.subtle.digest('SHA-256', spki as Uint8Array<ArrayBuffer>));
  const hex = [...h].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join('');
  return hex.match(/.{4}/g)!.join(' ');
}

function nameOf(rdn: pkijs.RelativeDistinguishedNames): IdentityNames {
  const get = (oid: string) => String(rdn.typesAndValues.find((t) => t.type === oid)?.value.valueBlock.value ?? '');
  return { commonName: get(NAME_OID.commonName), device: get(NAME_OID.organizationalUnit), organization: get(NAME_OID.organization) };
}

export interface CheckedRequest {
  names: IdentityNames;
  spki: Uint8Array;
  fingerprint: string;
}

/** Reads a certificate request and checks its own signature (proof the sender holds the key). */
export async function checkRequest(der: Uint8Array): Promise<CheckedRequest> {
  engine();
  let csr: pkijs.CertificationRequest;
  try {
    csr = pkijs.CertificationRequest.fromBER(der as Uint8Array<ArrayBuffer>);
  } catch {
    throw new EnrolmentError('登记申请无法读取（数据不完整或不是证书申请）。');
  }
  const alg = csr.subjectPublicKeyInfo.algorithm;
  const curve = (alg.algorithmParams as { valueBlock?: { toString(): string } } | undefined)?.valueBlock?.toString();
  if (alg.algorithmId !== OID.ecPublicKey || curve !== OID.p256 || csr.signatureAlgorithm.algorithmId !== OID.ecdsaSha256)
    throw new EnrolmentError('登记申请使用了本系统不接受的算法（只接受 ECDSA P-256 / SHA-256）。');
  let ok = false;
  try {
    ok = await csr.verify();
  } catch {
    ok = false;
  }
  if (!ok) throw new EnrolmentError('登记申请的签名验证失败：申请在传送中被改动过，或不是由申请中的密钥生成的。请让检查员重新生成申请。');
  const names = nameOf(csr.subject);
  if (!names.commonName.trim() || !names.device.trim()) throw new EnrolmentError('登记申请缺少检查员姓名或设备名称。');
  const spki = new Uint8Array(csr.subjectPublicKeyInfo.toSchema().toBER(false));
  return { names, spki, fingerprint: await keyFingerprint(spki) };
}

export interface CheckedResponse {
  names: IdentityNames;
  serial: string;
  notAfter: string;
  certificate: Uint8Array;
  root: Uint8Array;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Checks an issued certificate against the tablet's own key and the root that signed it. */
export async function checkResponse(leafDer: Uint8Array, rootDer: Uint8Array, spki: Uint8Array): Promise<CheckedResponse> {
  engine();
  let leaf: pkijs.Certificate;
  let root: pkijs.Certificate;
  try {
    leaf = pkijs.Certificate.fromBER(leafDer as Uint8Array<ArrayBuffer>);
    root = pkijs.Certificate.fromBER(rootDer as Uint8Array<ArrayBuffer>);
  } catch {
    throw new EnrolmentError('证书无法读取（数据不完整）。');
  }
  if (!equalBytes(new Uint8Array(leaf.subjectPublicKeyInfo.toSchema().toBER(false)), spki))
    throw new EnrolmentError('这份证书不是为这位检查员在本设备上的密钥签发的（可能是别人的证书），未导入。');
  const signedByRoot = await leaf.verify(root).catch(() => false);
  const rootSelf = await root.verify().catch(() => false);
  if (!signedByRoot || !rootSelf) throw new EnrolmentError('证书的签发者签名验证失败：证书被改动过，或不是公司签名根证书签发的，未导入。');
  return {
    names: nameOf(leaf.subject),
    serial: [...leaf.serialNumber.valueBlock.valueHexView].map((b) => b.toString(16).padStart(2, '0')).join(''),
    notAfter: leaf.notAfter.value.toISOString(),
    certificate: leafDer,
    root: rootDer,
  };
}

// Messages. A QR code carries one line: a prefix and base64; a file carries the same as JSON.
const REQ = 'WUYE-REQ1:';
const CERT = 'WUYE-CERT1:';

export type EnrolmentMessage = { kind: 'request'; request: Uint8Array } | { kind: 'response'; certificate: Uint8Array; root: Uint8Array };

export const requestQrText = (request: Uint8Array): string => REQ + toBase64(request);
export const responseQrText = (certificate: Uint8Array, root: Uint8Array): string => `${CERT}${toBase64(certificate)}~${toBase64(root)}`;

export function requestFile(request: Uint8Array): string {
  return JSON.stringify({ format: 'wuye-enrolment-request', version: 1, request: toBase64(request) }, null, 2);
}

export function responseFile(certificate: Uint8Array, root: Uint8Array): string {
  return JSON.stringify(
    { format: 'wuye-enrolment-certificate', version: 1, certificate: toBase64(certificate), root: toBase64(root) },
    null,
    2,
  );
}

const B64 = /^[A-Za-z0-9+/]+={0,2}$/;

function bytes(b64: unknown): Uint8Array {
  if (typeof b64 !== 'string' || !B64.test(b64)) throw new EnrolmentError('内容不完整或已损坏。');
  return fromBase64(b64);
}

/** Reads a request or a response, from a file's text or a scanned QR code. */
export function readEnrolmentMessage(text: string): EnrolmentMessage {
  const t = text.trim();
  try {
    if (t.startsWith(REQ)) return { kind: 'request', request: bytes(t.slice(REQ.length)) };
    if (t.startsWith(CERT)) {
      const [leaf, root] = t.slice(CERT.length).split('~');
      return { kind: 'response', certificate: bytes(leaf), root: bytes(root) };
    }
    if (t.startsWith('{')) {
      const j = JSON.parse(t) as Record<string, unknown>;
      if (j.format === 'wuye-enrolment-request' && j.version === 1) return { kind: 'request', request: bytes(j.request) };
      if (j.format === 'wuye-enrolment-certificate' && j.version === 1)
        return { kind: 'response', certificate: bytes(j.certificate), root: bytes(j.root) };
    }
  } catch (err) {
    if (err instanceof EnrolmentError) throw new EnrolmentError(`登记数据${err.message}`);
  }
  throw new EnrolmentError('这不是本系统的登记申请或证书（文件或二维码内容不符）。');
}
