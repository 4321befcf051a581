// A standard PDF signature (adbe.pkcs7.detached, CMS SignedData over the whole file but the
// signature itself), so pdfsig and PDF viewers can verify the report. pdf-lib cannot save
// incrementally, so the placeholder is added before the one and only save, and signing patches
// the saved bytes in place: the ByteRange numbers and the hex /Contents.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import { engine, type SigningIdentity } from './certificate';

/** Room for the CMS blob (hex doubles it); an ECDSA signature with one certificate needs ~1.5 KB. */
export const SIGNATURE_BYTES = 8192;
const RANGE_PLACEHOLDER = '**********';

export interface SignatureInfo {
  name: string;
  reason: string;
  location: string;
  date: Date;
}

/** Adds an invisible signature field whose value is a signature dictionary awaiting its bytes. */
export function addSignaturePlaceholder(doc: PDFDocument, info: SignatureInfo): void {
  const ctx = doc.context;
  const byteRange = PDFArray.withContext(ctx);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of(RANGE_PLACEHOLDER));
  const sig = ctx.register(
    ctx.obj({
      Type: 'Sig',
      Filter: 'Adobe.PPKLite',
      SubFilter: 'adbe.pkcs7.detached',
      ByteRange: byteRange,
      Contents: PDFHexString.of('0'.repeat(SIGNATURE_BYTES * 2)),
      // Chinese text goes in UTF-16 hex strings; literal strings would garble it.
      Name: PDFHexString.fromText(info.name),
      Reason: PDFHexString.fromText(info.reason),
      Location: PDFHexString.fromText(info.location),
      M: PDFString.fromDate(info.date),
    }),
  );
  const page = doc.getPage(0);
  const widget = ctx.register(
    ctx.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      Rect: [0, 0, 0, 0],
      V: sig,
      T: PDFHexString.fromText('检查报告签名'),
      F: 4,
      P: page.ref,
    }),
  );
  page.node.set(PDFName.of('Annots'), ctx.obj([widget]));
  doc.catalog.set(PDFName.of('AcroForm'), ctx.obj({ SigFlags: 3, Fields: [widget] }));
}

const latin1 = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** RFC 5652 signing time: UTCTime through 2049, GeneralizedTime from 2050. */
function signingTimeValue(date: Date): asn1js.BaseBlock {
  return date.getUTCFullYear() >= 2050 ? new asn1js.GeneralizedTime({ valueDate: date }) : new asn1js.UTCTime({ valueDate: date });
}

/**
 * ESS signing-certificate-v2 (RFC 5035; required by PAdES): the SHA-256 of the signer's
 * certificate and its issuer and serial, inside the signed attributes, so the certificate
 * shown as the signer cannot be swapped for another one carrying the same key.
 */
async function signingCertificateV2(der: Uint8Array, cert: pkijs.Certificate): Promise<asn1js.Sequence> {
  const hash = await crypto.subtle.digest('SHA-256', der as Uint8Array<ArrayBuffer>);
  const issuerSerial = new asn1js.Sequence({
    value: [
      // GeneralNames with one directoryName [4] holding the issuer Name.
      new asn1js.Sequence({ value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [cert.issuer.toSchema()] })] }),
      cert.serialNumber,
    ],
  });
  // ESSCertIDv2 with the default hash algorithm (SHA-256) omitted, as DER requires.
  const certId = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: hash }), issuerSerial] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [certId] })] });
}

/** A saved PDF whose ByteRange is filled in, waiting for its CMS. */
export interface PreparedPdf {
  bytes: Uint8Array;
  /** Offset of the `<` of /Contents and just past its `>`. */
  contentsStart: number;
  contentsEnd: number;
  /** The bytes the signature covers (everything but /Contents). */
  signed: Uint8Array<ArrayBuffer>;
}

/** Fills in the ByteRange of a PDF saved with a placeholder. */
export function prepareSignature(pdf: Uint8Array): PreparedPdf {
  const text = latin1(pdf);
  const rangeStart = text.indexOf('/ByteRange [');
  const rangeEnd = text.indexOf(']', rangeStart) + 1;
  const contentsAt = text.indexOf('/Contents <', rangeStart - 20000 > 0 ? rangeStart - 20000 : 0);
  if (rangeStart < 0 || contentsAt < 0 || !text.slice(rangeStart, rangeEnd).includes(RANGE_PLACEHOLDER)) {
    throw new Error('PDF 中没有待签名的占位（签名须在保存前添加占位）');
  }
  const start = contentsAt + '/Contents '.length; // the '<'
  const end = text.indexOf('>', start) + 1;
  const ranges = [0, start, end, pdf.length - end];
  const rangeText = `/ByteRange [${ranges.join(' ')}]`;
  const slot = rangeEnd - rangeStart;
  if (rangeText.length > slot) throw new Error('签名占位空间不足');
  const out = new Uint8Array(pdf);
  out.set(new TextEncoder().encode(rangeText.padEnd(slot, ' ')), rangeStart);
  return { bytes: out, contentsStart: start, contentsEnd: end, signed: concat(out.subarray(0, start), out.subarray(end)) };
}

/** Writes the CMS as hex into /Contents, zero-padded to the reserved size. */
export function embedSignature(p: PreparedPdf, cms: Uint8Array): Uint8Array {
  const hex = [...cms].map((b) => b.toString(16).padStart(2, '0')).join('');
  if (hex.length > SIGNATURE_BYTES * 2) throw new Error('签名数据超出预留空间');
  const out = new Uint8Array(p.bytes);
  out.set(new TextEncoder().encode(hex.padEnd(SIGNATURE_BYTES * 2, '0')), p.contentsStart + 1);
  return out;
}

/** Certificates parsed once per DER buffer: a device signs many reports with the same ones, and
 * pkijs's schema matching made parsing them most of the cost of signing (issue 18). */
const parsedCertificates = new WeakMap<Uint8Array, pkijs.Certificate>();
function parsedCertificate(der: Uint8Array): pkijs.Certificate {
  let cert = parsedCertificates.get(der);
  if (!cert) parsedCertificates.set(der, (cert = pkijs.Certificate.fromBER(der as Uint8Array<ArrayBuffer>)));
  return cert;
}

/** The CMS SignedData (detached) over `signed`: signer certificate, chain, ESS binding, time. */
export async function buildCms(signed: Uint8Array<ArrayBuffer>, identity: SigningIdentity, date: Date): Promise<Uint8Array> {
  engine();
  const digest = await crypto.subtle.digest('SHA-256', signed);
  const cert = parsedCertificate(identity.certificate);
  const chain = (identity.chain ?? []).map(parsedCertificate);
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: '1.2.840.113549.1.7.1' }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({ type: '1.2.840.113549.1.9.3', values: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.1' })] }),
            new pkijs.Attribute({ type: '1.2.840.113549.1.9.5', values: [signingTimeValue(date)] }),
            new pkijs.Attribute({ type: '1.2.840.113549.1.9.4', values: [new asn1js.OctetString({ valueHex: digest })] }),
            new pkijs.Attribute({
              type: '1.2.840.113549.1.9.16.2.47',
              values: [await signingCertificateV2(identity.certificate, cert)],
            }),
          ],
        }),
      }),
    ],
    certificates: [cert, ...chain],
  });
  await signedData.sign(identity.privateKey, 0, 'SHA-256');
  return new Uint8Array(
    new pkijs.ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: signedData.toSchema(true) }).toSchema().toBER(false),
  );
}

/**
 * Fills in ByteRange and Contents of a PDF saved with a placeholder.
 *
 * Poppler (pdfsig, and viewers built on it) trims trailing zero bytes from /Contents before
 * parsing, so a CMS whose last byte is 0x00 (about 1 ECDSA signature in 256) would fail there.
 * ECDSA signatures are randomised, so we simply sign again. `allowTrailingZero` exists only for
 * the test of our own checker, which must accept such files; `makeCms` lets a test supply the
 * signatures (to check the re-signing without waiting for chance).
 */
export async function signPdf(
  pdf: Uint8Array,
  identity: SigningIdentity,
  date: Date,
  opts: { allowTrailingZero?: boolean; makeCms?: (signed: Uint8Array<ArrayBuffer>) => Promise<Uint8Array> } = {},
): Promise<Uint8Array> {
  const prepared = prepareSignature(pdf);
  const make = opts.makeCms ?? ((signed: Uint8Array<ArrayBuffer>) => buildCms(signed, identity, date));
  let cms: Uint8Array;
  let tries = 0;
  do cms = await make(prepared.signed);
  while (!opts.allowTrailingZero && cms.at(-1) === 0 && ++tries < 16);
  return embedSignature(prepared, cms);
}
