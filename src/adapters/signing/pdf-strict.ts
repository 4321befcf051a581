// A strict reader for signed PDFs of ours. It reads the document the way a validator must: from
// the one cross-reference table the final `startxref` points to, objects only at the offsets
// that table gives (never "the last definition in the file"), the one signature field the
// AcroForm names, and a ByteRange that covers every byte but that field's /Contents, which must
// hold exactly one DER element followed only by zero padding. Incremental updates, cross-
// reference streams and encryption are refused: the app never writes them.

import { LIMITS, Lexer, Name, PdfError, PdfString, Ref, latin1, pdfText, type Dict, type Obj } from './pdf-lexer';

export { LIMITS, Name, PdfError, PdfString, Ref, pdfText, type Dict, type PdfProblem } from './pdf-lexer';

export interface Stream {
  dict: Dict;
  data: Uint8Array;
}

export class StrictPdf {
  readonly offsets = new Map<number, number>();
  trailer: Dict = new Map();
  constructor(readonly bytes: Uint8Array) {}

  static open(bytes: Uint8Array): StrictPdf {
    if (bytes.length > LIMITS.fileBytes) throw new PdfError('too-large');
    if (latin1(bytes.subarray(0, 8)).slice(0, 7) !== '%PDF-1.' && latin1(bytes.subarray(0, 8)).slice(0, 7) !== '%PDF-2.') {
      throw new PdfError('not-pdf');
    }
    const pdf = new StrictPdf(bytes);
    pdf.#readXref();
    return pdf;
  }

  #readXref(): void {
    const b = this.bytes;
    const tail = latin1(b.subarray(Math.max(0, b.length - 64)));
    const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
    if (!m) throw new PdfError('truncated');
    const at = Number(m[1]);
    if (at >= b.length) throw new PdfError('structure');
    const lx = new Lexer(b, at);
    if (lx.word() !== 'xref') throw new PdfError('structure', 'xref stream or bad offset');
    for (;;) {
      const save = lx.pos;
      const w = lx.word();
      if (w === 'trailer') break;
      const first = Number(w);
      const count = Number(lx.word());
      if (!Number.isInteger(first) || !Number.isInteger(count) || count < 0 || save === lx.pos) throw new PdfError('structure');
      if (this.offsets.size + count > LIMITS.xrefEntries) throw new PdfError('too-large');
      lx.skip();
      for (let k = 0; k < count; k++) {
        const line = latin1(b.subarray(lx.pos, lx.pos + 20));
        const e = /^(\d{10}) (\d{5}) ([nf])[ \r\n]{2}$/.exec(line);
        if (!e) throw new PdfError('structure', 'xref entry');
        if (e[3] === 'n') {
          if (this.offsets.has(first + k)) throw new PdfError('structure', 'duplicate xref entry');
          this.offsets.set(first + k, Number(e[1]));
        }
        lx.pos += 20;
      }
    }
    const trailer = lx.value();
    if (!(trailer instanceof Map)) throw new PdfError('structure');
    if (trailer.has('Prev') || trailer.has('XRefStm')) throw new PdfError('incremental-update');
    if (trailer.has('Encrypt')) throw new PdfError('structure', 'encrypted');
    this.trailer = trailer;
  }

  /** The object the cross-reference table names, read at its offset (never elsewhere). */
  object(num: number): { value: Obj; stream?: Uint8Array } {
    const at = this.offsets.get(num);
    if (at === undefined) throw new PdfError('structure', `object ${num} missing`);
    const lx = new Lexer(this.bytes, at);
    if (Number(lx.word()) !== num) throw new PdfError('structure', 'object number');
    lx.word();
    lx.expect('obj');
    const value = lx.value();
    const save = lx.pos;
    const w = lx.word();
    if (w === 'endobj') return { value };
    if (w !== 'stream' || !(value instanceof Map)) {
      lx.pos = save;
      throw new PdfError('structure', 'endobj');
    }
    if (this.bytes[lx.pos] === 0x0d) lx.pos++;
    if (this.bytes[lx.pos] !== 0x0a) throw new PdfError('structure', 'stream eol');
    lx.pos++;
    const lenObj = value.get('Length');
    const len = typeof lenObj === 'number' ? lenObj : lenObj instanceof Ref ? this.resolve(lenObj) : NaN;
    if (typeof len !== 'number' || !Number.isInteger(len) || len < 0 || lx.pos + len > this.bytes.length)
      throw new PdfError('structure', 'length');
    if (len > LIMITS.fileBytes) throw new PdfError('too-large');
    const data = this.bytes.subarray(lx.pos, lx.pos + len);
    lx.pos += len;
    if (lx.word() !== 'endstream') throw new PdfError('structure', 'endstream');
    lx.expect('endobj');
    return { value, stream: data };
  }

  resolve(o: Obj | undefined): Obj | undefined {
    let v = o;
    for (let i = 0; v instanceof Ref; i++) {
      if (i > 8) throw new PdfError('structure', 'reference chain');
      v = this.object(v.num).value;
    }
    return v;
  }

  dict(o: Obj | undefined): Dict | undefined {
    const v = this.resolve(o);
    return v instanceof Map ? v : undefined;
  }
}

const nameIs = (o: Obj | undefined, n: string) => o instanceof Name && o.value === n;

export interface SignatureSlot {
  byteRange: [number, number, number, number];
  /** The CMS, exactly one DER element. */
  cms: Uint8Array;
  /** The bytes the ByteRange covers, in order. */
  signed: Uint8Array;
}

/** Finds the one signature field and checks its ByteRange and /Contents; null when unsigned. */
export function signatureSlot(pdf: StrictPdf): SignatureSlot | null {
  const catalog = pdf.dict(pdf.trailer.get('Root'));
  if (!catalog) throw new PdfError('structure', 'catalog');
  const form = pdf.dict(catalog.get('AcroForm'));
  const fields = pdf.resolve(form?.get('Fields'));
  const sigFields: Dict[] = [];
  if (Array.isArray(fields)) {
    const visit = (list: Obj[], depth: number) => {
      if (depth > 4) throw new PdfError('structure');
      for (const f of list) {
        const d = pdf.dict(f);
        if (!d) continue;
        if (nameIs(d.get('FT'), 'Sig')) sigFields.push(d);
        const kids = pdf.resolve(d.get('Kids'));
        if (Array.isArray(kids)) visit(kids, depth + 1);
      }
    };
    visit(fields, 0);
  }
  if (!sigFields.length) {
    if (latin1(pdf.bytes).includes('/ByteRange')) throw new PdfError('signature-field', 'signature outside the form');
    return null;
  }
  if (sigFields.length !== 1) throw new PdfError('signature-field', 'more than one signature field');
  const sig = pdf.dict(sigFields[0]!.get('V'));
  if (!sig) throw new PdfError('signature-field', 'no value');
  const sub = sig.get('SubFilter');
  if (!nameIs(sig.get('Filter'), 'Adobe.PPKLite') || !(nameIs(sub, 'adbe.pkcs7.detached') || nameIs(sub, 'ETSI.CAdES.detached'))) {
    throw new PdfError('signature-field', 'filter');
  }
  const range = pdf.resolve(sig.get('ByteRange'));
  const contents = sig.get('Contents');
  if (!Array.isArray(range) || range.length !== 4 || !range.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0)) {
    throw new PdfError('byte-range');
  }
  if (!(contents instanceof PdfString) || !contents.hex) throw new PdfError('contents');
  const [a, b, c, d] = range as [number, number, number, number];
  const len = pdf.bytes.length;
  if (a !== 0 || b !== contents.start || c !== contents.end || c + d !== len) throw new PdfError('byte-range');
  // The slot: hex digits only, one DER element, then nothing but '0' digits.
  const hex = latin1(pdf.bytes.subarray(b + 1, c - 1));
  if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2) throw new PdfError('contents');
  const bytes = contents.bytes;
  if (bytes[0] !== 0x30 || bytes.length < 2) throw new PdfError('contents');
  let elementEnd: number;
  const l = bytes[1]!;
  if (l < 0x80) elementEnd = 2 + l;
  else {
    const n = l & 0x7f;
    if (n < 1 || n > 4) throw new PdfError('contents');
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + bytes[2 + i]!;
    elementEnd = 2 + n + v;
  }
  if (elementEnd > bytes.length) throw new PdfError('contents');
  if (!/^0*$/.test(hex.slice(elementEnd * 2))) throw new PdfError('contents', 'data after the signature');
  const signed = new Uint8Array(b + d);
  signed.set(pdf.bytes.subarray(0, b), 0);
  signed.set(pdf.bytes.subarray(c, c + d), b);
  return { byteRange: [a, b, c, d], cms: bytes.slice(0, elementEnd), signed };
}

async function inflate(data: Uint8Array, cap: number): Promise<Uint8Array> {
  const ds = new DecompressionStream('deflate');
  const writer = ds.writable.getWriter();
  writer.write(data as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  const reader = ds.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let r: ReadableStreamReadResult<Uint8Array>;
    try {
      r = await reader.read();
    } catch {
      throw new PdfError('structure', 'deflate');
    }
    if (r.done) break;
    total += r.value.length;
    if (total > cap) {
      await reader.cancel().catch(() => {});
      throw new PdfError('attachment-too-large');
    }
    chunks.push(r.value);
  }
  const out = new Uint8Array(total);
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

/** An embedded file by name, from the signed revision's name tree, inflated within the cap. */
export async function attachment(pdf: StrictPdf, names: readonly string[]): Promise<{ name: string; bytes: Uint8Array } | null> {
  const catalog = pdf.dict(pdf.trailer.get('Root'));
  const tree = pdf.dict(pdf.dict(catalog?.get('Names'))?.get('EmbeddedFiles'));
  const list = pdf.resolve(tree?.get('Names'));
  if (!Array.isArray(list)) return null;
  for (let i = 0; i + 1 < list.length; i += 2) {
    const key = pdfText(pdf.resolve(list[i]));
    if (!names.includes(key)) continue;
    const spec = pdf.dict(list[i + 1]);
    const ef = pdf.dict(spec?.get('EF'));
    const ref = ef?.get('F');
    if (!(ref instanceof Ref)) throw new PdfError('structure', 'embedded file');
    const { value, stream } = pdf.object(ref.num);
    if (!(value instanceof Map) || !stream) throw new PdfError('structure', 'embedded file');
    if (stream.length > LIMITS.attachmentBytes) throw new PdfError('attachment-too-large');
    const filter = pdf.resolve(value.get('Filter'));
    const bytes =
      filter === undefined ? stream.slice() : nameIs(filter, 'FlateDecode') ? await inflate(stream, LIMITS.attachmentBytes) : null;
    if (!bytes) throw new PdfError('structure', 'filter');
    return { name: key, bytes };
  }
  return null;
}

/** The document information dictionary's Keywords (where the fingerprint is written). */
export function keywords(pdf: StrictPdf): string {
  return pdfText(pdf.resolve(pdf.dict(pdf.trailer.get('Info'))?.get('Keywords')));
}
