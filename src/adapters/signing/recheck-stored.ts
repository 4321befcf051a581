// Checking stored signed documents again when the trust list changes: every entry decided with
// another list is read from its stored original by the worker checker, one after another, and
// `recheckDecision` (domain/recheck.ts) says what the new verdict does to it. Generic over the
// store: the caller saves each outcome. Used by the training certificates on /training/records/.
import { recheckDecision, recheckSummary, type RecheckBefore, type RecheckDecision } from '../../domain/recheck';
import type { ChecklistTemplate } from '../../domain/checklist';

export interface StoredForRecheck extends RecheckBefore {
  fileName: string;
  /** Which trust list decided the stored state (`trustListKey`); absent on entries from older releases. */
  trustedBy?: string;
  pdf: Blob;
}

/** What to store for one entry: a new verdict, or only the list it was checked with. */
export type RecheckWrite = { trustedBy: string } & Partial<{ state: RecheckBefore['state']; included: boolean; reason: string }>;

export interface RecheckRun {
  /** The summary line (信任列表已更新：…), or null when every entry was already checked with this list. */
  summary: string | null;
  decisions: { hash: string; decision: RecheckDecision }[];
}

export async function recheckStored<D extends StoredForRecheck>(
  docs: readonly D[],
  opts: {
    templates: ChecklistTemplate[];
    save: (hash: string, write: RecheckWrite) => Promise<void>;
    progress?: (done: number, total: number, doc: D) => void;
    /** What a document newly valid counts in, for the summary line (default 计入报告). */
    countsIn?: string;
  },
): Promise<RecheckRun> {
  const [{ verifyInWorker }, { loadTrustList, trustListKey }] = await Promise.all([import('./verify-client'), import('./trust-store')]);
  const trust = (await loadTrustList())?.list ?? null;
  const key = await trustListKey(trust);
  const stale = docs.filter((d) => d.trustedBy !== key);
  if (!stale.length) return { summary: null, decisions: [] };
  const decisions: { hash: string; decision: RecheckDecision; deleted: boolean }[] = [];
  for (const [i, d] of stale.entries()) {
    opts.progress?.(i, stale.length, d);
    let verdict = null;
    if (d.pdf.size) {
      const r = await verifyInWorker(new Uint8Array(await d.pdf.arrayBuffer()), { trust, templates: opts.templates });
      verdict = { kind: r.verdict.kind, problem: r.verdict.problem, reason: r.verdict.reason, hash: r.hash };
    }
    const decision = recheckDecision(d, verdict);
    if (decision.kind === 'changed') {
      const { state, included, reason } = decision;
      await opts.save(d.hash, { state, included, reason, trustedBy: key });
    } else if (decision.kind === 'same') await opts.save(d.hash, { reason: decision.reason, trustedBy: key });
    // No original kept: nothing will change that, so it is not tried again. A checker that did
    // not finish is tried again with the next change or visit.
    else if (!verdict) await opts.save(d.hash, { trustedBy: key });
    decisions.push({ hash: d.hash, decision, deleted: Boolean(d.deletedAt) });
  }
  return { summary: recheckSummary(decisions, opts.countsIn), decisions };
}
