// The CMS SignedData inside a PDF signature (adbe.pkcs7.detached), read strictly and checked
// with WebCrypto. The signer certificate is the one the SignerInfo names (sid), never simply the
// first certificate; the signed attributes must bind the content digest, the signing time and
// (ESS signing-certificate-v2, as PAdES requires) the signer certificate itself.
import {
  children,
  content,
  DerError,
  equalBytes,
  expectTag,
  integerHex,
  oid,
  raw,
  readTlv,
  smallInteger,
  TAG,
  time,
  type Tlv,
} from './der';
import { checkEcdsa, digest, DIGEST, SIGNATURE_HASH } from './algorithms';
import { parseCertificate, publicKeyOf, type Certificate } from './x509';

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  ecPublicKey: '1.2.840.10045.2.1',
} as const;

export type CmsProblem =
  | 'malformed'
  | 'algorithm'
  | 'no-signer-certificate'
  | 'digest-mismatch'
  | 'signature-invalid'
  | 'no-signing-certificate-attribute'
  | 'signing-certificate-mismatch'
  | 'no-signing-time';

export interface CmsResult {
  ok: boolean;
  problem?: CmsProblem;
  signer?: Certificate;
  /** All certificates the CMS carries (the signer among them). */
  certificates: Certificate[];
  signingTime?: Date;
}

function attributes(t: Tlv): Map<string, Tlv[]> {
  const out = new Map<string, Tlv[]>();
  for (const a of children(t)) {
    const [type, values] = children(expectTag(a, TAG.sequence));
    const id = oid(type!);
    if (out.has(id)) throw new DerError('duplicate attribute');
    out.set(id, children(expectTag(values, TAG.set)));
  }
  return out;
}

/** Checks a DER CMS blob that must sign `data` (the PDF bytes of the ByteRange). */
export async function verifyCms(der: Uint8Array, data: Uint8Array): Promise<CmsResult> {
  const fail = (problem: CmsProblem, extra: Partial<CmsResult> = {}): CmsResult => ({ ok: false, problem, certificates: [], ...extra });
  let certificates: Certificate[] = [];
  try {
    const top = readTlv(der, 0);
    if (top.end !== der.length) return fail('malformed');
    const [type, explicit, more] = children(expectTag(top, TAG.sequence));
    if (more || oid(type!) !== OID.signedData || explicit?.tag !== 0xa0) return fail('malformed');
    const [sd, more2] = children(explicit);
    if (more2) return fail('malformed');
    const parts = children(expectTag(sd, TAG.sequence));
    let i = 0;
    smallInteger(expectTag(parts[i++], TAG.integer));
    const digestAlgs = children(expectTag(parts[i++], TAG.set)).map((a) => oid(children(expectTag(a, TAG.sequence))[0]!));
    const [eType, eContent] = children(expectTag(parts[i++], TAG.sequence));
    if (oid(eType!) !== OID.data || eContent) return fail('malformed'); // detached: no content inside
    if (parts[i]?.tag === 0xa0) certificates = children(parts[i++]!).map((c) => parseCertificate(raw(c).slice()));
    if (parts[i]?.tag === 0xa1) i++; // CRLs: unused
    const signerInfos = children(expectTag(parts[i++], TAG.set));
    if (i !== parts.length || signerInfos.length !== 1) return fail('malformed');
    if (digestAlgs.some((a) => !DIGEST[a])) return fail('algorithm', { certificates });

    const si = children(expectTag(signerInfos[0], TAG.sequence));
    let j = 0;
    const version = smallInteger(expectTag(si[j++], TAG.integer));
    const sid = si[j++]!;
    const digestAlg = oid(children(expectTag(si[j++], TAG.sequence))[0]!);
    const signedAttrsT = si[j]?.tag === 0xa0 ? si[j++]! : undefined;
    const sigAlg = oid(children(expectTag(si[j++], TAG.sequence))[0]!);
    const signature = content(expectTag(si[j++], TAG.octetString));
    if (si[j]?.tag === 0xa1) j++;
    if (j !== si.length) return fail('malformed', { certificates });

    // The signer: the certificate the sid names.
    let signer: Certificate | undefined;
    if (version === 1 && sid.tag === TAG.sequence) {
      const [issuer, serial] = children(sid);
      const serialHex = integerHex(serial!);
      signer = certificates.find((c) => c.serial === serialHex && equalBytes(c.issuer, raw(issuer!)));
    } else if (version === 3 && sid.tag === 0x80) {
      const ski = [...content(sid)].map((b) => b.toString(16).padStart(2, '0')).join('');
      signer = certificates.find((c) => c.subjectKeyId === ski);
    } else return fail('malformed', { certificates });
    if (!signer) return fail('no-signer-certificate', { certificates });

    const hash = DIGEST[digestAlg];
    const sigHash = SIGNATURE_HASH[sigAlg];
    // ecdsa-with-SHAxxx must agree with the digest algorithm; bare id-ecPublicKey uses it.
    if (!hash || (sigAlg !== OID.ecPublicKey && sigHash !== hash)) return fail('algorithm', { certificates, signer });
    if (!signedAttrsT) return fail('malformed', { certificates, signer });

    const attrs = attributes(signedAttrsT);
    const ct = attrs.get(OID.contentType);
    if (!ct || ct.length !== 1 || oid(ct[0]!) !== OID.data) return fail('malformed', { certificates, signer });
    const md = attrs.get(OID.messageDigest);
    if (!md || md.length !== 1) return fail('malformed', { certificates, signer });
    if (!equalBytes(content(expectTag(md[0], TAG.octetString)), await digest(hash, data))) {
      return fail('digest-mismatch', { certificates, signer });
    }
    const st = attrs.get(OID.signingTime);
    const signingTime = st && st.length === 1 ? time(st[0]!) : undefined;
    if (!signingTime) return fail('no-signing-time', { certificates, signer });

    // ESS signing-certificate-v2: the hash of the signer certificate, under the signature.
    const sc = attrs.get(OID.signingCertificateV2);
    if (!sc || sc.length !== 1) return fail('no-signing-certificate-attribute', { certificates, signer, signingTime });
    const [certIds] = children(expectTag(sc[0], TAG.sequence));
    const [first] = children(expectTag(certIds, TAG.sequence));
    const idParts = children(expectTag(first, TAG.sequence));
    let essHash: 'SHA-256' | 'SHA-384' | 'SHA-512' | undefined = 'SHA-256';
    let k = 0;
    if (idParts[0]?.tag === TAG.sequence) essHash = DIGEST[oid(children(idParts[k++]!)[0]!)];
    const certHash = content(expectTag(idParts[k], TAG.octetString));
    if (!essHash || !equalBytes(certHash, await digest(essHash, signer.der))) {
      return fail('signing-certificate-mismatch', { certificates, signer, signingTime });
    }

    // The signature is over the DER of the signed attributes as a SET (RFC 5652 §5.4).
    const signedBytes = raw(signedAttrsT).slice();
    signedBytes[0] = TAG.set;
    const algorithm = sigAlg === OID.ecPublicKey ? Object.keys(SIGNATURE_HASH).find((k2) => SIGNATURE_HASH[k2] === hash)! : sigAlg;
    const ok = await checkEcdsa(await publicKeyOf(signer), signer.curve, algorithm, signature, signedBytes);
    if (!ok) return fail('signature-invalid', { certificates, signer, signingTime });
    return { ok: true, signer, certificates, signingTime };
  } catch {
    return fail('malformed', { certificates });
  }
}
