// Signing and checking the company trust list with the root key (WebCrypto, browser and Node).
import * as pkijs from 'pkijs';
import { canonicalJson } from '../../domain/canonical-json';
import { signedTrustListSchema, type SignedTrustList, type TrustList } from '../../schemas/trust-list';

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

const ECDSA = { name: 'ECDSA', hash: 'SHA-256' } as const;

export async function signTrustList(list: TrustList, rootPrivateKey: CryptoKey): Promise<SignedTrustList> {
  const sig = await crypto.subtle.sign(ECDSA, rootPrivateKey, new TextEncoder().encode(canonicalJson(list)));
  return { list, signature: toBase64(new Uint8Array(sig)) };
}

export class TrustListError extends Error {}

/** Parses and checks a trust-list file: schema, then the root's signature over the list. */
export async function readTrustList(text: string): Promise<SignedTrustList> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TrustListError('文件不是有效的信任列表（无法读取 JSON）。');
  }
  const parsed = signedTrustListSchema.safeParse(json);
  if (!parsed.success) throw new TrustListError('文件不是有效的信任列表（格式不符）。');
  const { list, signature } = parsed.data;
  try {
    const root = pkijs.Certificate.fromBER(fromBase64(list.root) as Uint8Array<ArrayBuffer>);
    const key = await crypto.subtle.importKey(
      'spki',
      root.subjectPublicKeyInfo.toSchema().toBER(false),
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    const ok = await crypto.subtle.verify(
      ECDSA,
      key,
      fromBase64(signature) as Uint8Array<ArrayBuffer>,
      new TextEncoder().encode(canonicalJson(list)),
    );
    if (!ok) throw new TrustListError('信任列表的签名不符：文件被改动过，或不是根证书持有者发布的。');
  } catch (err) {
    if (err instanceof TrustListError) throw err;
    throw new TrustListError('信任列表中的根证书无法读取。');
  }
  return parsed.data;
}
