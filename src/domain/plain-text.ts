// User text is stored and signed as plain text: no bidirectional overrides or isolates (which
// can make a name or an amount read differently from what is stored, "Trojan Source" style) and
// no zero-width characters (invisible, pasted from chat apps, and not in the report font).

// LRE RLE PDF LRO RLO, LRI RLI FSI PDI, LRM RLM ALM; ZWSP ZWNJ ZWJ, word joiner, BOM, MVS.
const INVISIBLE = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060\ufeff\u180e]/gu;

/** `text` in NFC without bidi controls or zero-width characters. */
export function plainText(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '');
}

/** plainText over the string fields of a flat object; other fields are kept as they are. */
export function plainFields<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? plainText(v) : v])) as T;
}
