// The page side of the checker: the work runs in a Web Worker with a time budget per file. A
// file that keeps the checker busy past the budget (a crafted bomb) is refused and the worker
// is replaced; the page itself never freezes or crashes.
import type { VerifyRequest, VerifyResponse } from './verify-worker';
import type { VerifyResult } from './verify-report';
import { verdictOf, type Problem } from '../../domain/report-verdict';
import type { ChecklistTemplate } from '../../domain/checklist';
import type { TrustList } from '../../schemas/trust-list';

export const VERIFY_BUDGET_MS = 20_000;

interface Pending {
  resolve: (r: VerifyResult) => void;
  timer: ReturnType<typeof setTimeout>;
}

let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let next = 0;

function refused(problem: Problem, detail?: string): VerifyResult {
  const facts = { problem, problemDetail: detail, signed: false };
  return { verdict: verdictOf(facts), facts };
}

/** Kills the worker and refuses whatever it was still checking. */
function reset(problem: Problem, detail?: string): void {
  worker?.terminate();
  worker = null;
  for (const [id, p] of pending) {
    clearTimeout(p.timer);
    p.resolve(refused(problem, detail));
    pending.delete(id);
  }
}

function ensureWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./verify-worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (e: MessageEvent<VerifyResponse>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    clearTimeout(p.timer);
    pending.delete(e.data.id);
    p.resolve('result' in e.data ? e.data.result : refused('checker-error', e.data.error));
  };
  w.onerror = () => reset('checker-error');
  worker = w;
  return w;
}

export function verifyInWorker(
  bytes: Uint8Array,
  opts: { trust: TrustList | null; templates: ChecklistTemplate[]; budgetMs?: number },
): Promise<VerifyResult> {
  return new Promise((resolve) => {
    const id = ++next;
    const budget = opts.budgetMs ?? VERIFY_BUDGET_MS;
    const timer = setTimeout(() => reset('timeout', `超过 ${Math.round(budget / 1000)} 秒`), budget);
    pending.set(id, { resolve, timer });
    ensureWorker().postMessage({ id, bytes, trust: opts.trust, templates: opts.templates } satisfies VerifyRequest);
  });
}
