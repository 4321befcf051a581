// The tokens of the strict PDF reader (pdf-strict.ts): names, numbers, strings, arrays,
// dictionaries and references, read at a given offset with nesting and size limits; any other
// token is a structure error. Split from pdf-strict.ts (issue 16).

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

export type Obj = number | boolean | null | Name | PdfString | Ref | Obj[] | Dict;
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

export class Lexer {
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

export const latin1 = (b: Uint8Array) => new TextDecoder('latin1').decode(b);

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
