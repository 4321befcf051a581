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

/** Fills in ByteRange and Contents of a PDF saved with a placeholder. */
/**
 * Poppler (pdfsig, and viewers built on it) trims trailing zero bytes from /Contents before
 * parsing, so a CMS whose last byte is 0x00 (about 1 ECDSA signature in 256) would fail there.
 * ECDSA signatures are randomised, so we simply sign again. `allowTrailingZero` exists only for
 * the test of our own checker, which must accept such files.
 */
export async function signPdf(
  pdf: Uint8Array,
  identity: SigningIdentity,
  date: Date,
  opts: { allowTrailingZero?: boolean } = {},
): Promise<Uint8Array> {
  engine();
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

  const signed = concat(out.subarray(0, start), out.subarray(end));
  const digest = await crypto.subtle.digest('SHA-256', signed);
  const cert = pkijs.Certificate.fromBER(identity.certificate as Uint8Array<ArrayBuffer>);
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
            new pkijs.Attribute({ type: '1.2.840.113549.1.9.5', values: [new asn1js.UTCTime({ valueDate: date })] }),
            new pkijs.Attribute({ type: '1.2.840.113549.1.9.4', values: [new asn1js.OctetString({ valueHex: digest })] }),
          ],
        }),
      }),
    ],
    certificates: [cert],
  });
  let cms: ArrayBuffer;
  let tries = 0;
  do {
    await signedData.sign(identity.privateKey, 0, 'SHA-256');
    cms = new pkijs.ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: signedData.toSchema(true) }).toSchema().toBER(false);
  } while (!opts.allowTrailingZero && new Uint8Array(cms).at(-1) === 0 && ++tries < 16);
  const hex = [...new Uint8Array(cms)].map((b) => b.toString(16).padStart(2, '0')).join('');
  if (hex.length > SIGNATURE_BYTES * 2) throw new Error('签名数据超出预留空间');
  out.set(new TextEncoder().encode(hex.padEnd(SIGNATURE_BYTES * 2, '0')), start + 1);
  return out;
}
