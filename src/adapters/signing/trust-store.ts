// The company trust list this device uses, kept in localStorage (a small public document; no
// database migration needed) and checked again with the root's signature every time it is read.
import { compareTrustLists, type TrustListUpdate } from '../../domain/trust-list';
import type { SignedTrustList, TrustList } from '../../schemas/trust-list';
import { canonicalJson } from '../../domain/canonical-json';
import { sha256Hex } from '../hash';
import { readTrustList, TrustListError } from './trust-list';

const KEY = 'wuye-trust-list';

export async function loadTrustList(): Promise<SignedTrustList | null> {
  const text = localStorage.getItem(KEY);
  if (!text) return null;
  try {
    return await readTrustList(text);
  } catch {
    return null; // a damaged copy is as good as none; the page says 尚未导入
  }
}

export type SaveOutcome = TrustListUpdate & { list: SignedTrustList };

/**
 * Checks and stores an imported trust list. An older list, or one of another root, changes
 * nothing unless `replaceRoot` is given for the latter (the user confirmed a new company root).
 */
export async function saveTrustList(text: string, opts: { replaceRoot?: boolean } = {}): Promise<SaveOutcome> {
  const incoming = await readTrustList(text);
  const current = await loadTrustList();
  const update = compareTrustLists(current?.list ?? null, incoming.list);
  if (update.kind === 'older')
    throw new TrustListError(`这是较旧的信任列表（第 ${incoming.list.sequence} 版），本设备已有第 ${current!.list.sequence} 版，未更改。`);
  if (update.kind === 'other-root' && !opts.replaceRoot) return { ...update, list: incoming };
  if (update.kind !== 'same') localStorage.setItem(KEY, JSON.stringify(incoming));
  return { ...update, list: incoming };
}

export function forgetTrustList(): void {
  localStorage.removeItem(KEY);
}

/** Names a trust list's content, so documents verified with another list can be told apart. */
export async function trustListKey(list: TrustList | null): Promise<string> {
  return list ? (await sha256Hex(canonicalJson(list))).slice(0, 32) : 'none';
}
