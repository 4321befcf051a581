// Checks a report file without any network: the PDF signature (CMS over the ByteRange), the
// attached inspection-record.json, and the fingerprint the signed file carries in its Info dict.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } from 'pdf-lib';
import { engine } from './certificate';
import { sha256Hex } from '../hash';
import { verdictOf, type ReportFacts, type Verdict } from '../../domain/report-verdict';
import type { ReportDocument } from '../../domain/report-document';
import { reportDocumentSchema } from '../../schemas/backup';

export const FINGERPRINT_KEY = 'WuyeFingerprint';
const ATTACHMENT = 'inspection-record.json';

const latin1 = (b: Uint8Array) => new TextDecoder('latin1').decode(b);

async function checkSignature(bytes: Uint8Array): Promise<ReportFacts['signature']> {
  const text = latin1(bytes);
  const at = text.lastIndexOf('/ByteRange');
  if (at < 0) return null;
  const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text.slice(at, at + 120));
  if (!m) return { valid: false, signer: '', coversWholeFile: false };
  const [a, b, c, d] = m.slice(1).map(Number) as [number, number, number, number];
  const coversWholeFile = a === 0 && b > 0 && c > b && c + d === bytes.length && text[b] === '<' && text[c - 1] === '>';
  if (!coversWholeFile) return { valid: false, signer: '', coversWholeFile: false };
  try {
    engine();
    // The slot is zero-padded; BER parsing reads the one CMS element and ignores the padding.
    // (Stripping trailing "00" would corrupt a signature whose last byte happens to be zero.)
    const hex = text.slice(b + 1, c - 1);
    const der = new Uint8Array(hex.length / 2 + (hex.length % 2));
    for (let i = 0; i < der.length; i++) der[i] = parseInt(hex.slice(i * 2, i * 2 + 2).padEnd(2, '0'), 16);
    const asn = asn1js.fromBER(der.buffer);
    const info = new pkijs.ContentInfo({ schema: asn.result });
    const signed = new pkijs.SignedData({ schema: info.content });
    const data = new Uint8Array(b + d);
    data.set(bytes.subarray(0, b), 0);
    data.set(bytes.subarray(c, c + d), b);
    const ok = await signed.verify({ signer: 0, data: data.buffer, checkChain: false, extendedMode: false });
    const cert = signed.certificates?.[0] as pkijs.Certificate | undefined;
    const cn = cert?.subject.typesAndValues.find((t) => t.type === '2.5.4.3')?.value.valueBlock.value as string | undefined;
    const timeAttr = signed.signerInfos[0]?.signedAttrs?.attributes.find((x) => x.type === '1.2.840.113549.1.9.5');
    const signedAt = (timeAttr?.values[0] as asn1js.UTCTime | undefined)?.toDate();
    return {
      valid: ok === true,
      signer: cn ?? '（未知）',
      signedAt: signedAt ? signedAt.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : undefined,
      coversWholeFile,
    };
  } catch {
    return { valid: false, signer: '', coversWholeFile };
  }
}

type AttachmentCheck = ReportFacts['attachment'] & { document?: ReportDocument };

async function checkAttachment(doc: PDFDocument): Promise<AttachmentCheck | null> {
  if (!doc.catalog) return null;
  const root = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const files = root?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const names = files?.lookupMaybe(PDFName.of('Names'), PDFArray);
  if (!names) return null;
  for (let i = 0; i + 1 < names.size(); i += 2) {
    const key = names.lookup(i);
    const name = key instanceof PDFString || key instanceof PDFHexString ? key.decodeText() : '';
    if (name !== ATTACHMENT) continue;
    try {
      const spec = names.lookup(i + 1, PDFDict);
      const stream = spec.lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F'));
      if (!(stream instanceof PDFRawStream)) return { readable: false, matchesFingerprint: false };
      const bytes = decodePDFRawStream(stream).decode();
      const json = new TextDecoder().decode(bytes);
      const parsed = reportDocumentSchema.safeParse(JSON.parse(json));
      if (!parsed.success) return { readable: false, matchesFingerprint: false };
      const doc2 = parsed.data as unknown as ReportDocument;
      const fp = new RegExp(`${FINGERPRINT_KEY}:([0-9a-f]{16})`).exec(doc.getKeywords() ?? '')?.[1] ?? '';
      const sha = await sha256Hex(bytes);
      return {
        readable: true,
        matchesFingerprint: fp.length >= 16 && sha.startsWith(fp),
        project: doc2.record.project,
        template: doc2.record.templateTitle,
        inspectedAt: doc2.record.inspectedAt,
        recordId: doc2.record.id,
        document: doc2,
      };
    } catch {
      return { readable: false, matchesFingerprint: false };
    }
  }
  return null;
}

export async function verifyReport(bytes: Uint8Array): Promise<{ verdict: Verdict; facts: ReportFacts; document?: ReportDocument }> {
  const isPdf = latin1(bytes.subarray(0, 1024)).includes('%PDF-');
  if (!isPdf) {
    const facts: ReportFacts = { isPdf: false, signature: null, attachment: null };
    return { verdict: verdictOf(facts), facts };
  }
  // The signature is checked on the raw bytes first: a file damaged after signing may no longer parse.
  const signature = await checkSignature(bytes);
  let checked: AttachmentCheck | null = null;
  let parsed = true;
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
    checked = await checkAttachment(doc);
  } catch {
    parsed = false;
  }
  const { document, ...attachment } = checked ?? {};
  const facts: ReportFacts = {
    isPdf: parsed || signature !== null,
    signature,
    attachment: checked ? (attachment as ReportFacts['attachment']) : null,
  };
  return { verdict: verdictOf(facts), facts, document };
}
