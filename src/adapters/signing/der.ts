// A strict DER reader for the few structures the verifier needs (CMS SignedData, X.509).
// Definite lengths only, minimal length encodings, no trailing bytes: BER leniency is where
// forged signatures hide, so anything that is not exact DER is refused.

export class DerError extends Error {}

export interface Tlv {
  /** The identifier octet (single-byte tags only: everything CMS and X.509 use). */
  tag: number;
  /** Offset of the identifier octet in the buffer. */
  start: number;
  /** Offset of the first content octet. */
  contentStart: number;
  /** Offset just past the element. */
  end: number;
  bytes: Uint8Array;
}

export function readTlv(bytes: Uint8Array, at: number, limit = bytes.length): Tlv {
  if (at + 2 > limit) throw new DerError('truncated');
  const tag = bytes[at]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tag');
  let len = bytes[at + 1]!;
  let p = at + 2;
  if (len === 0x80) throw new DerError('indefinite length');
  if (len > 0x80) {
    const n = len & 0x7f;
    if (n > 4 || p + n > limit) throw new DerError('bad length');
    if (bytes[p] === 0) throw new DerError('non-minimal length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + bytes[p + i]!;
    if (len < 0x80) throw new DerError('non-minimal length');
    p += n;
  }
  if (p + len > limit) throw new DerError('truncated');
  return { tag, start: at, contentStart: p, end: p + len, bytes };
}

/** The element's whole encoding (identifier, length and content). */
export const raw = (t: Tlv): Uint8Array => t.bytes.subarray(t.start, t.end);
export const content = (t: Tlv): Uint8Array => t.bytes.subarray(t.contentStart, t.end);

/** Children of a constructed element; their encodings must fill it exactly. */
export function children(t: Tlv): Tlv[] {
  if (!(t.tag & 0x20)) throw new DerError('not constructed');
  const out: Tlv[] = [];
  let p = t.contentStart;
  while (p < t.end) {
    const c = readTlv(t.bytes, p, t.end);
    out.push(c);
    p = c.end;
  }
  return out;
}

export function expectTag(t: Tlv | undefined, tag: number): Tlv {
  if (!t || t.tag !== tag) throw new DerError(`expected tag ${tag.toString(16)}`);
  return t;
}

export const TAG = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  bmpString: 0x1e,
  sequence: 0x30,
  set: 0x31,
} as const;

export function oid(t: Tlv): string {
  const b = content(expectTag(t, TAG.oid));
  if (!b.length) throw new DerError('empty oid');
  const parts: number[] = [];
  let v = 0;
  for (let i = 0; i < b.length; i++) {
    if (v === 0 && b[i] === 0x80) throw new DerError('non-minimal oid');
    v = v * 128 + (b[i]! & 0x7f);
    if (!(b[i]! & 0x80)) {
      parts.push(v);
      v = 0;
    } else if (i === b.length - 1) throw new DerError('truncated oid');
  }
  const first = parts.shift()!;
  const a = first < 40 ? 0 : first < 80 ? 1 : 2;
  return [a, first - a * 40, ...parts].join('.');
}

/** INTEGER as lower-case hex of its content octets (serial numbers). */
export function integerHex(t: Tlv): string {
  const b = content(expectTag(t, TAG.integer));
  if (!b.length || (b.length > 1 && ((b[0] === 0 && !(b[1]! & 0x80)) || (b[0] === 0xff && b[1]! & 0x80)))) {
    throw new DerError('non-minimal integer');
  }
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

export function smallInteger(t: Tlv): number {
  const hex = integerHex(t);
  if (hex.length > 8) throw new DerError('integer too large');
  return parseInt(hex, 16);
}

/** UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSSZ), as RFC 5280 restricts them. */
export function time(t: Tlv): Date {
  const s = new TextDecoder('latin1').decode(content(t));
  let m: RegExpExecArray | null;
  let year: number;
  if (t.tag === TAG.utcTime && (m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s))) {
    const yy = Number(m[1]);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
  } else if (t.tag === TAG.generalizedTime && (m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s))) {
    year = Number(m[1]);
  } else throw new DerError('bad time');
  const [mo, d, h, mi, sec] = m.slice(2).map(Number) as [number, number, number, number, number];
  const date = new Date(Date.UTC(year, mo - 1, d, h, mi, sec));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || sec > 59) throw new DerError('bad time');
  return date;
}

export function text(t: Tlv): string {
  const b = content(t);
  switch (t.tag) {
    case TAG.utf8String:
      return new TextDecoder('utf-8', { fatal: true }).decode(b);
    case TAG.printableString:
    case TAG.ia5String:
      return new TextDecoder('latin1').decode(b);
    case TAG.bmpString: {
      let s = '';
      for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
      return s;
    }
    default:
      throw new DerError('unsupported string type');
  }
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** An ECDSA signature as DER SEQUENCE { r, s } → IEEE P1363 r‖s, as WebCrypto wants it. */
export function ecdsaDerToP1363(der: Uint8Array, size: number): Uint8Array {
  const seq = readTlv(der, 0);
  if (seq.end !== der.length) throw new DerError('trailing bytes');
  const [r, s, extra] = children(expectTag(seq, TAG.sequence));
  if (!r || !s || extra) throw new DerError('bad ecdsa signature');
  const out = new Uint8Array(size * 2);
  for (const [i, part] of [r, s].entries()) {
    integerHex(part); // minimal and well-formed
    let v = content(part);
    if (v[0]! & 0x80) throw new DerError('negative ecdsa value');
    while (v.length > 1 && v[0] === 0) v = v.subarray(1);
    if (v.length > size) throw new DerError('ecdsa value too large');
    out.set(v, i * size + size - v.length);
  }
  return out;
}
