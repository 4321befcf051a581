// A strict reader for signed PDFs of ours. It reads the document the way a validator must: from
// the one cross-reference table the final `startxref` points to, objects only at the offsets
// that table gives (never "the last definition in the file"), the one signature field the
// AcroForm names, and a ByteRange that covers every byte but that field's /Contents, which must
// hold exactly one DER element followed only by zero padding. Incremental updates, cross-
// reference streams and encryption are refused: the app never writes them.

export class PdfError extends Error {
  constructor(
    readonly problem: PdfProblem,
    message: string = problem,
  ) {
    super(message);
  }
}

export type PdfProblem =
  | 'not-pdf'
  | 'truncated'
  | 'too-large'
  | 'structure'
  | 'incremental-update'
  | 'signature-field'
  | 'byte-range'
  | 'contents'
  | 'attachment-too-large';

export const LIMITS = {
  /** Largest file accepted (a report with many photos is a few MB). */
  fileBytes: 64 * 1024 * 1024,
  /** Largest attachment, compressed and inflated (the record JSON is tens of KB). */
  attachmentBytes: 8 * 1024 * 1024,
  xrefEntries: 200_000,
} as const;

type Obj = number | boolean | null | Name | PdfString | Ref | Obj[] | Dict;
export class Name {
  constructor(readonly value: string) {}
}
export class Ref {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
export class PdfString {
  constructor(
    readonly bytes: Uint8Array,
    readonly hex: boolean,
    /** Offsets of the string's delimiters in the file: `<` and just past `>`. */
    readonly start: number,
    readonly end: number,
  ) {}
}
export type Dict = Map<string, Obj>;

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

class Lexer {
  pos: number;
  constructor(
    readonly b: Uint8Array,
    at: number,
  ) {
    this.pos = at;
  }
  skip(): void {
    const b = this.b;
    for (;;) {
      while (this.pos < b.length && WS.has(b[this.pos]!)) this.pos++;
      if (b[this.pos] === 0x25) {
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      } else return;
    }
  }
  word(): string {
    this.skip();
    const s = this.pos;
    while (this.pos < this.b.length && !WS.has(this.b[this.pos]!) && !DELIM.has(this.b[this.pos]!)) this.pos++;
    return latin1(this.b.subarray(s, this.pos));
  }
  peekByte(): number | undefined {
    this.skip();
    return this.b[this.pos];
  }
  expect(word: string): void {
    if (this.word() !== word) throw new PdfError('structure', `expected ${word}`);
  }
  value(depth = 0): Obj {
    if (depth > 32) throw new PdfError('structure', 'nesting');
    const c = this.peekByte();
    const b = this.b;
    if (c === undefined) throw new PdfError('truncated');
    if (c === 0x2f) {
      this.pos++;
      return new Name(decodeName(this.word()));
    }
    if (c === 0x3c && b[this.pos + 1] === 0x3c) {
      this.pos += 2;
      const d: Dict = new Map();
      for (;;) {
        const n = this.peekByte();
        if (n === 0x3e && b[this.pos + 1] === 0x3e) {
          this.pos += 2;
          return d;
        }
        const key = this.value(depth + 1);
        if (!(key instanceof Name)) throw new PdfError('structure', 'dict key');
        if (d.has(key.value)) throw new PdfError('structure', 'duplicate key');
        d.set(key.value, this.value(depth + 1));
      }
    }
    if (c === 0x3c) {
      const start = this.pos;
      const close = b.indexOf(0x3e, start);
      if (close < 0) throw new PdfError('truncated');
      this.pos = close + 1;
      return new PdfString(hexBytes(b.subarray(start + 1, close)), true, start, close + 1);
    }
    if (c === 0x28) return this.literal();
    if (c === 0x5b) {
      this.pos++;
      const arr: Obj[] = [];
      for (;;) {
        if (this.peekByte() === 0x5d) {
          this.pos++;
          return arr;
        }
        arr.push(this.value(depth + 1));
      }
    }
    const w = this.word();
    if (w === 'true') return true;
    if (w === 'false') return false;
    if (w === 'null') return null;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(w)) throw new PdfError('structure', `token ${w.slice(0, 20)}`);
    const n = Number(w);
    if (/^\d+$/.test(w)) {
      // "n g R" is a reference; look ahead without consuming otherwise.
      const save = this.pos;
      const g = this.word();
      if (/^\d+$/.test(g) && this.word() === 'R') return new Ref(n, Number(g));
      this.pos = save;
    }
    return n;
  }
  literal(): PdfString {
    const b = this.b;
    const start = this.pos;
    this.pos++;
    const out: number[] = [];
    let depth = 1;
    while (this.pos < b.length) {
      const c = b[this.pos++]!;
      if (c === 0x5c) {
        const e = b[this.pos++]!;
        const map: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
        if (map[e] !== undefined) out.push(map[e]);
        else if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30;
          for (let k = 0; k < 2 && b[this.pos]! >= 0x30 && b[this.pos]! <= 0x37; k++) v = v * 8 + (b[this.pos++]! - 0x30);
          out.push(v & 0xff);
        } else if (e === 0x0d) {
          if (b[this.pos] === 0x0a) this.pos++;
        } else if (e !== 0x0a) out.push(e);
      } else if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        if (--depth === 0) return new PdfString(new Uint8Array(out), false, start, this.pos);
        out.push(c);
      } else out.push(c);
    }
    throw new PdfError('truncated');
  }
}

const latin1 = (b: Uint8Array) => new TextDecoder('latin1').decode(b);

function decodeName(s: string): string {
  return s.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function hexBytes(b: Uint8Array): Uint8Array {
  const digits: number[] = [];
  for (const c of b) {
    if (WS.has(c)) continue;
    const v = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 55 : c >= 0x61 && c <= 0x66 ? c - 87 : -1;
    if (v < 0) throw new PdfError('contents', 'not hex');
    digits.push(v);
  }
  if (digits.length % 2) digits.push(0);
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = digits[2 * i]! * 16 + digits[2 * i + 1]!;
  return out;
}

/** Text of a PDF string: UTF-16BE with a BOM, else PDFDocEncoding (Latin-1 is close enough here). */
export function pdfText(s: Obj | undefined): string {
  if (!(s instanceof PdfString)) return '';
  const b = s.bytes;
  if (b[0] === 0xfe && b[1] === 0xff) {
    let out = '';
    for (let i = 2; i + 1 < b.length; i += 2) out += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
    return out;
  }
  return latin1(b);
}

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
