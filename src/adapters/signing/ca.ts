// The company's certificate authority: the quality department's signing root (公司签名根证书)
// and the certificates it issues to enrolled inspectors. ECDSA P-256 with SHA-256 throughout.
// The profile is what poppler/NSS and Acrobat expect of a small private PKI: the root has
// basicConstraints CA:TRUE and keyCertSign; a leaf has CA:FALSE, digitalSignature +
// nonRepudiation, and key identifiers linking it to the root. No AIA/OCSP (devices are offline).
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { engine } from './certificate';
import { randomSerial, subjectName, x509Time } from './x509-name';

const DAY = 24 * 3600 * 1000;
const OID = {
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
} as const;

export interface KeyPairAndCertificate {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** DER of the certificate. */
  certificate: Uint8Array;
}

export interface LeafNames {
  /** The inspector's (or manager's) name: the certificate's common name. */
  commonName: string;
  /** The device, e.g. "平板 03 · 翠湖花园服务中心". */
  device: string;
  organization: string;
}

async function keyId(spki: pkijs.PublicKeyInfo): Promise<ArrayBuffer> {
  // RFC 7093 method 1 with SHA-256: the leftmost 160 bits of the hash of the key bits.
  const bits = spki.subjectPublicKey.valueBlock.valueHexView;
  return (await crypto.subtle.digest('SHA-256', bits as Uint8Array<ArrayBuffer>)).slice(0, 20);
}

/** keyUsage bits in DER order: bit 0 = digitalSignature … bit 6 = cRLSign. */
function keyUsage(bits: number[]): asn1js.BitString {
  let byte = 0;
  for (const b of bits) byte |= 0x80 >> b;
  const last = Math.max(...bits);
  return new asn1js.BitString({ valueHex: new Uint8Array([byte]).buffer, unusedBits: 7 - last });
}

function ext(extnID: string, critical: boolean, value: asn1js.BaseBlock): pkijs.Extension {
  return new pkijs.Extension({ extnID, critical, extnValue: value.toBER(false) });
}

/**
 * Creates the company's signing root. `extractable` is true only for the moment the root is made,
 * so that one passphrase-encrypted backup can be written; the stored key is re-imported
 * non-extractable by the caller.
 */
export async function createCompanyRoot(
  company: string,
  now: Date,
  opts: { extractable?: boolean; validYears?: number } = {},
): Promise<KeyPairAndCertificate> {
  engine();
  const { privateKey, publicKey } = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, opts.extractable ?? false, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = randomSerial();
  const name = subjectName({ commonName: `${company} 签名根证书`, organization: company });
  cert.subject = name;
  cert.issuer = subjectName({ commonName: `${company} 签名根证书`, organization: company });
  cert.notBefore = x509Time(new Date(now.getTime() - DAY));
  cert.notAfter = x509Time(new Date(now.getTime() + (opts.validYears ?? 20) * 365 * DAY));
  await cert.subjectPublicKeyInfo.importKey(publicKey);
  const ski = await keyId(cert.subjectPublicKeyInfo);
  cert.extensions = [
    ext(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: true, pathLenConstraint: 0 }).toSchema()),
    ext(OID.keyUsage, true, keyUsage([5, 6])), // keyCertSign, cRLSign
    ext(OID.subjectKeyId, false, new asn1js.OctetString({ valueHex: ski })),
  ];
  await cert.sign(privateKey, 'SHA-256');
  return { privateKey, publicKey, certificate: new Uint8Array(cert.toSchema(true).toBER(false)) };
}

/**
 * Issues an end-entity certificate for a public key the department has checked (for example from
 * an approved certificate request): serial, 2-year validity, digitalSignature + nonRepudiation.
 */
export async function issueCertificate(
  root: { privateKey: CryptoKey; certificate: Uint8Array },
  subject: { publicKey: CryptoKey | Uint8Array; names: LeafNames },
  now: Date,
  opts: { validYears?: number; notBefore?: Date } = {},
): Promise<Uint8Array> {
  engine();
  const rootCert = pkijs.Certificate.fromBER(root.certificate as Uint8Array<ArrayBuffer>);
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = randomSerial();
  cert.subject = subjectName(subject.names);
  cert.issuer = rootCert.subject;
  const from = opts.notBefore ?? new Date(now.getTime() - 3600 * 1000);
  cert.notBefore = x509Time(from);
  cert.notAfter = x509Time(new Date(from.getTime() + (opts.validYears ?? 2) * 365 * DAY));
  if (subject.publicKey instanceof Uint8Array) {
    cert.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(subject.publicKey as Uint8Array<ArrayBuffer>);
  } else {
    await cert.subjectPublicKeyInfo.importKey(subject.publicKey);
  }
  const aki = await keyId(rootCert.subjectPublicKeyInfo);
  const ski = await keyId(cert.subjectPublicKeyInfo);
  cert.extensions = [
    ext(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: false }).toSchema()),
    ext(OID.keyUsage, true, keyUsage([0, 1])), // digitalSignature, nonRepudiation
    ext(OID.subjectKeyId, false, new asn1js.OctetString({ valueHex: ski })),
    ext(
      OID.authorityKeyId,
      false,
      new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: aki }) }).toSchema(),
    ),
  ];
  await cert.sign(root.privateKey, 'SHA-256');
  return new Uint8Array(cert.toSchema(true).toBER(false));
}

/** Serial number of a certificate as lower-case hex (how revocations name it). */
export function certificateSerial(der: Uint8Array): string {
  const cert = pkijs.Certificate.fromBER(der as Uint8Array<ArrayBuffer>);
  return [...cert.serialNumber.valueBlock.valueHexView].map((b) => b.toString(16).padStart(2, '0')).join('');
}
