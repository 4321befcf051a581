/**
 * The company trust list as a document in the company database (`wuye-company`, issue 19): the
 * administrator's device publishes each signed list once, its `_id` the SHA-256 of the attached
 * list, and managers' devices pull them. The server is untrusted here too: an arriving list goes
 * through the same checks as a list imported by hand (root signature, same root, newer than the
 * one in use), and the very first list is never taken from the server — it is what tells the
 * device which root to trust, so it arrives by hand from the quality department.
 */
import type { TrustList } from '../schemas/trust-list';
import type { TrustListUpdate } from './trust-list';

export const TRUST_DOC_TYPE = 'wuye-trust-list';
export const TRUST_ATTACHMENT = 'trust-list.json';
/** A trust list is a few kilobytes; anything much larger is not one. */
export const TRUST_MAX_BYTES = 1024 * 1024;

export interface TrustDocFields {
  _id: string;
  type: typeof TRUST_DOC_TYPE;
  v: 1;
  sequence: number;
  company: string;
}

const HASH = /^[0-9a-f]{64}$/;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function trustDocFields(hash: string, list: TrustList): TrustDocFields {
  if (!HASH.test(hash)) throw new Error('信任列表编号无效');
  return { _id: hash, type: TRUST_DOC_TYPE, v: 1, sequence: list.sequence, company: list.company };
}

export type TrustDocRead = { ok: true; fields: TrustDocFields; length: number } | { ok: false; reason: string };

/** The shape check of a trust-list document as it arrives (attachment stub). */
export function readTrustDoc(raw: unknown): TrustDocRead {
  if (!isRecord(raw) || typeof raw._id !== 'string' || !HASH.test(raw._id)) return { ok: false, reason: '服务器上的条目不是信任列表' };
  if (raw.type !== TRUST_DOC_TYPE || raw.v !== 1) return { ok: false, reason: '服务器上的条目不是信任列表' };
  if (!Number.isSafeInteger(raw.sequence) || (raw.sequence as number) < 1 || typeof raw.company !== 'string') {
    return { ok: false, reason: '服务器上的信任列表说明不完整' };
  }
  const atts = raw._attachments;
  const att = isRecord(atts) && Object.keys(atts).length === 1 ? atts[TRUST_ATTACHMENT] : undefined;
  if (!isRecord(att) || att.content_type !== 'application/json') return { ok: false, reason: '服务器上的条目应当只含一份信任列表文件' };
  const length = typeof att.length === 'number' ? att.length : NaN;
  if (!Number.isFinite(length) || length <= 0 || length > TRUST_MAX_BYTES) return { ok: false, reason: '服务器上的信任列表文件大小不对' };
  const fields: TrustDocFields = { _id: raw._id, type: TRUST_DOC_TYPE, v: 1, sequence: raw.sequence as number, company: raw.company };
  return { ok: true, fields, length };
}

/**
 * What a device does with a list from the server, once its signature checked out: null to take
 * it (newer, same root) or to count it as already in use (the same list); otherwise why not.
 */
export function trustArrivalProblem(
  fields: TrustDocFields,
  hash: string,
  incoming: TrustList,
  update: TrustListUpdate,
  current: TrustList | null,
): string | null {
  if (hash !== fields._id) return '服务器上的信任列表与其编号不符';
  if (fields.sequence !== incoming.sequence || fields.company !== incoming.company) return '服务器上的说明与信任列表内容不符';
  switch (update.kind) {
    case 'new':
      return '本设备还没有信任列表：第一份须由品质部交给本设备手动导入，不从服务器取得';
    case 'other-root':
      return '这份信任列表属于另一个根证书，未采用（更换根证书只能在本设备上手动导入并确认）';
    case 'older':
      return `较旧的信任列表（第 ${incoming.sequence} 版），本设备已有第 ${current?.sequence ?? '?'} 版，未采用`;
    case 'same':
    case 'newer':
      return null;
  }
}
