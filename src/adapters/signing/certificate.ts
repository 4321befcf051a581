// A device signing identity: an ECDSA P-256 key made by WebCrypto (the private key is not
// extractable and stays in IndexedDB in the browser) and a self-signed X.509 certificate naming
// the inspector and the device. Works the same in the browser and in Node 24.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { randomSerial, subjectName, x509Time } from './x509-name';

export interface SigningIdentity {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** DER of the signer's certificate (self-signed, or issued by the company root). */
  certificate: Uint8Array;
  /** DER of the issuing certificates, nearest first (the company root last); empty when self-signed. */
  chain?: Uint8Array[];
}

export interface IdentityNames {
  /** Inspector's name, the certificate's common name. */
  commonName: string;
  /** The device, e.g. "平板 · 翠湖花园服务中心". */
  device: string;
  organization: string;
}

export function engine(): pkijs.ICryptoEngine {
  pkijs.setEngine('webcrypto', new pkijs.CryptoEngine({ name: 'webcrypto', crypto: globalThis.crypto }));
  return pkijs.getCrypto(true);
}

/** A self-signed identity; `keys` (default: a fresh non-extractable pair) lets tests build a known one. */
export async function createIdentity(names: IdentityNames, now: Date, validYears = 10, keys?: CryptoKeyPair): Promise<SigningIdentity> {
  engine();
  const { privateKey, publicKey } =
    keys ?? ((await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair);
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = randomSerial();
  // Self-signed: issuer = subject. Names and times come from x509-name (one RDN per attribute,
  // GeneralizedTime from 2050), shared with the company CA.
  cert.subject = subjectName(names);
  cert.issuer = subjectName(names);
  cert.notBefore = x509Time(now);
  cert.notAfter = x509Time(new Date(now.getTime() + validYears * 365 * 24 * 3600 * 1000));
  const basic = new pkijs.BasicConstraints({ cA: false });
  const usage = new asn1js.BitString({ valueHex: new Uint8Array([0xc0]).buffer, unusedBits: 6 }); // digitalSignature, nonRepudiation
  cert.extensions = [
    new pkijs.Extension({ extnID: '2.5.29.19', critical: true, extnValue: basic.toSchema().toBER(false), parsedValue: basic }),
    new pkijs.Extension({ extnID: '2.5.29.15', critical: true, extnValue: usage.toBER(false) }),
  ];
  await cert.subjectPublicKeyInfo.importKey(publicKey);
  await cert.sign(privateKey, 'SHA-256');
  return { privateKey, publicKey, certificate: new Uint8Array(cert.toSchema(true).toBER(false)) };
}

/** PEM text for an administrator to recognise the device's certificate. */
export function certificatePem(der: Uint8Array): string {
  let s = '';
  for (const b of der) s += String.fromCharCode(b);
  const b64 = btoa(s).replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${b64.trimEnd()}\n-----END CERTIFICATE-----\n`;
}

export { certificateFingerprint } from '../hash';
