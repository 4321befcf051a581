// X.509 certificates as the verifier needs them, read with the strict DER reader and checked
// with WebCrypto: names, validity, key usage, key identifiers, and the issuer's signature.
import { children, content, DerError, expectTag, integerHex, oid, raw, readTlv, smallInteger, TAG, text, time, type Tlv } from './der';
import { NAME_OID } from './x509-name';
import { checkEcdsa, EC_CURVES, SIGNATURE_HASH } from './algorithms';

export interface Certificate {
  der: Uint8Array;
  tbs: Uint8Array;
  signatureAlgorithm: string;
  signature: Uint8Array;
  serial: string;
  issuer: Uint8Array;
  subject: Uint8Array;
  names: { commonName: string; organization: string; device: string };
  notBefore: Date;
  notAfter: Date;
  spki: Uint8Array;
  keyAlgorithm: string;
  curve: string;
  ca: boolean;
  /** keyUsage bits as a number (bit 0 = digitalSignature … bit 6 = cRLSign), or null when absent. */
  keyUsage: number | null;
  subjectKeyId: string | null;
  authorityKeyId: string | null;
  /** Critical extensions this verifier does not understand (a certificate with any is refused). */
  unknownCritical: string[];
}

const EXT = {
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
} as const;

export const KEY_USAGE = { digitalSignature: 0, nonRepudiation: 1, keyCertSign: 5, cRLSign: 6 } as const;
export const hasUsage = (c: Certificate, bit: number): boolean => c.keyUsage !== null && (c.keyUsage & (1 << bit)) !== 0;

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');

function readName(t: Tlv): Certificate['names'] {
  const out = { commonName: '', organization: '', device: '' };
  for (const rdn of children(expectTag(t, TAG.sequence))) {
    for (const atv of children(expectTag(rdn, TAG.set))) {
      const [type, value] = children(expectTag(atv, TAG.sequence));
      if (!type || !value) throw new DerError('bad name');
      const o = oid(type);
      const v = o === NAME_OID.commonName || o === NAME_OID.organization || o === NAME_OID.organizationalUnit ? text(value) : '';
      if (o === NAME_OID.commonName) out.commonName = v;
      if (o === NAME_OID.organization) out.organization = v;
      if (o === NAME_OID.organizationalUnit) out.device = v;
    }
  }
  return out;
}

function bitStringBytes(t: Tlv): Uint8Array {
  const b = content(expectTag(t, TAG.bitString));
  if (!b.length || b[0]! > 7) throw new DerError('bad bit string');
  return b.subarray(1);
}

export function parseCertificate(der: Uint8Array): Certificate {
  const top = readTlv(der, 0);
  if (top.end !== der.length) throw new DerError('trailing bytes');
  const [tbsT, algT, sigT, extra] = children(expectTag(top, TAG.sequence));
  if (!tbsT || !algT || !sigT || extra) throw new DerError('bad certificate');
  const f = children(expectTag(tbsT, TAG.sequence));
  let i = 0;
  if (f[0]?.tag === 0xa0) {
    const [v] = children(f[0]);
    if (smallInteger(v!) !== 2) throw new DerError('not v3');
    i = 1;
  } else throw new DerError('not v3');
  const serial = integerHex(f[i++]!);
  const innerAlg = oid(children(expectTag(f[i++], TAG.sequence))[0]!);
  const issuer = expectTag(f[i++], TAG.sequence);
  const [nb, na] = children(expectTag(f[i++], TAG.sequence));
  const subject = expectTag(f[i++], TAG.sequence);
  const spki = expectTag(f[i++], TAG.sequence);
  const [keyAlgT] = children(spki);
  const [keyOid, curveOid] = children(expectTag(keyAlgT, TAG.sequence));
  const signatureAlgorithm = oid(children(expectTag(algT, TAG.sequence))[0]!);
  if (innerAlg !== signatureAlgorithm) throw new DerError('signature algorithm mismatch');
  const cert: Certificate = {
    der,
    tbs: raw(tbsT),
    signatureAlgorithm,
    signature: bitStringBytes(sigT),
    serial,
    issuer: raw(issuer),
    subject: raw(subject),
    names: readName(subject),
    notBefore: time(nb!),
    notAfter: time(na!),
    spki: raw(spki),
    keyAlgorithm: oid(keyOid!),
    curve: curveOid?.tag === TAG.oid ? oid(curveOid) : '',
    ca: false,
    keyUsage: null,
    subjectKeyId: null,
    authorityKeyId: null,
    unknownCritical: [],
  };
  for (; i < f.length; i++) {
    const t = f[i]!;
    if (t.tag === 0x81 || t.tag === 0x82) continue; // unique identifiers (unused)
    if (t.tag !== 0xa3) throw new DerError('unexpected field');
    const [exts] = children(t);
    const seen = new Set<string>();
    for (const e of children(expectTag(exts, TAG.sequence))) {
      const parts = children(expectTag(e, TAG.sequence));
      const id = oid(parts[0]!);
      if (seen.has(id)) throw new DerError('duplicate extension');
      seen.add(id);
      const critical = parts[1]?.tag === 0x01 ? content(parts[1])[0] === 0xff : false;
      const value = content(expectTag(parts.at(-1), TAG.octetString));
      const inner = readTlv(value, 0);
      if (inner.end !== value.length) throw new DerError('trailing bytes in extension');
      switch (id) {
        case EXT.basicConstraints: {
          const [ca] = children(expectTag(inner, TAG.sequence));
          cert.ca = ca?.tag === 0x01 && content(ca)[0] === 0xff;
          break;
        }
        case EXT.keyUsage: {
          const bits = bitStringBytes(inner);
          let n = 0;
          for (let b = 0; b < 16; b++) if ((bits[b >> 3] ?? 0) & (0x80 >> (b & 7))) n |= 1 << b;
          cert.keyUsage = n;
          break;
        }
        case EXT.subjectKeyId:
          cert.subjectKeyId = hex(content(expectTag(inner, TAG.octetString)));
          break;
        case EXT.authorityKeyId: {
          const kid = children(expectTag(inner, TAG.sequence)).find((c) => c.tag === 0x80);
          cert.authorityKeyId = kid ? hex(content(kid)) : null;
          break;
        }
        case EXT.extKeyUsage:
          break; // allowed; not needed for document signing here
        default:
          if (critical) cert.unknownCritical.push(id);
      }
    }
  }
  return cert;
}

/** Imports a certificate's public key for ECDSA verification (P-256 / P-384 only). */
export async function publicKeyOf(cert: Certificate): Promise<CryptoKey> {
  const namedCurve = EC_CURVES[cert.curve];
  if (cert.keyAlgorithm !== '1.2.840.10045.2.1' || !namedCurve) throw new DerError('unsupported key');
  return crypto.subtle.importKey('spki', cert.spki as Uint8Array<ArrayBuffer>, { name: 'ECDSA', namedCurve }, false, ['verify']);
}

/** Does `issuer`'s key verify `cert`'s signature (with an allowed algorithm)? */
export async function signedBy(cert: Certificate, issuer: Certificate): Promise<boolean> {
  if (!SIGNATURE_HASH[cert.signatureAlgorithm]) return false;
  try {
    return await checkEcdsa(await publicKeyOf(issuer), issuer.curve, cert.signatureAlgorithm, cert.signature, cert.tbs);
  } catch {
    return false;
  }
}
