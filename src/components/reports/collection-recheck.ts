// Checks again every collected original not yet verified with the current trust list (a new list
// decides who is enrolled, so a revocation reaches documents already collected), and stores each
// new verdict. Used by <document-collection>; the progress is drawn by the caller. The templates
// array is passed as is: the checker sends it to its worker only when it is a different array.
import type { ChecklistTemplate } from '../../domain/checklist';
import { recheckDecision, recheckSummary, type RecheckDecision } from '../../domain/recheck';
import { appStores } from '../../adapters/store';
import type { StoredDocument } from '../../adapters/store/db';

/** The summary line, or null when every document was already checked with this list. */
export async function recheckCollection(
  templates: ChecklistTemplate[],
  progress: (done: number, total: number, doc?: StoredDocument) => void,
): Promise<string | null> {
  const [{ verifyInWorker }, { loadTrustList, trustListKey }] = await Promise.all([
    import('../../adapters/signing/verify-client'),
    import('../../adapters/signing/trust-store'),
  ]);
  const trust = (await loadTrustList())?.list ?? null;
  const key = await trustListKey(trust);
  const stores = await appStores();
  const stale = (await stores.documents.all()).filter((d) => d.trustedBy !== key);
  if (!stale.length) return null;
  const decisions: { decision: RecheckDecision; deleted: boolean }[] = [];
  for (const [i, d] of stale.entries()) {
    progress(i, stale.length, d);
    let verdict = null;
    if (d.pdf.size) {
      const r = await verifyInWorker(new Uint8Array(await d.pdf.arrayBuffer()), { trust, templates });
      verdict = { kind: r.verdict.kind, problem: r.verdict.problem, reason: r.verdict.reason, hash: r.hash };
    }
    const decision = recheckDecision(d, verdict);
    if (decision.kind === 'changed') {
      const { state, included, reason } = decision;
      await stores.documents.setVerdict(d.hash, { state, included, reason, trustedBy: key });
    } else if (decision.kind === 'same') await stores.documents.setVerdict(d.hash, { reason: decision.reason, trustedBy: key });
    // No original kept: nothing will ever change that, so it is not tried again. A checker that
    // did not finish is tried again with the next change or visit.
    else if (!verdict) await stores.documents.setVerdict(d.hash, { trustedBy: key });
    decisions.push({ decision, deleted: Boolean(d.deletedAt) });
  }
  progress(stale.length, stale.length);
  return recheckSummary(decisions);
}
