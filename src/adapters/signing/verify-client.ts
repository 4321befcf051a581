// The page side of the checker: the work runs in a pool of Web Workers (one per core, up to
// four), each checking one file at a time with a time budget. A file that keeps a checker busy
// past the budget (a crafted bomb) is refused and that worker is replaced; the page itself never
// freezes or crashes, and the other files carry on. Files wait in a queue here, so a budget
// covers only the file's own check. The templates and trust list are sent to a worker once, not
// with every file (they are the same arrays for a whole import).
import type { VerifyRequest, VerifyResponse } from './verify-worker';
import type { VerifyResult } from './verify-report';
import { verdictOf, type Problem } from '../../domain/report-verdict';
import type { ChecklistTemplate } from '../../domain/checklist';
import type { TrustList } from '../../schemas/trust-list';

export const VERIFY_BUDGET_MS = 20_000;

interface VerifyOptions {
  trust: TrustList | null;
  templates: ChecklistTemplate[];
  budgetMs?: number;
}

interface Job {
  id: number;
  bytes: Uint8Array;
  opts: VerifyOptions;
  resolve: (r: VerifyResult) => void;
}

interface Slot {
  worker: Worker;
  job: (Job & { timer: ReturnType<typeof setTimeout> }) | null;
  /** What this worker already holds, so it is not cloned again with every file. */
  templates: ChecklistTemplate[] | null;
  trust: TrustList | null | undefined;
}

const POOL_SIZE = Math.max(1, Math.min(4, globalThis.navigator?.hardwareConcurrency ?? 2));
const slots: (Slot | null)[] = Array.from({ length: POOL_SIZE }, () => null);
const queue: Job[] = [];
let next = 0;

function refused(problem: Problem, detail?: string): VerifyResult {
  const facts = { problem, problemDetail: detail, signed: false };
  return { verdict: verdictOf(facts), facts };
}

/** Kills one worker and refuses the file it was checking. */
function reset(index: number, problem: Problem, detail?: string): void {
  const slot = slots[index];
  if (!slot) return;
  slot.worker.terminate();
  slots[index] = null;
  if (slot.job) {
    clearTimeout(slot.job.timer);
    slot.job.resolve(refused(problem, detail));
  }
  dispatch();
}

function ensureWorker(index: number): Slot {
  const existing = slots[index];
  if (existing) return existing;
  const worker = new Worker(new URL('./verify-worker.ts', import.meta.url), { type: 'module' });
  const slot: Slot = { worker, job: null, templates: null, trust: undefined };
  worker.onmessage = (e: MessageEvent<VerifyResponse>) => {
    const job = slot.job;
    if (!job || job.id !== e.data.id) return;
    clearTimeout(job.timer);
    slot.job = null;
    job.resolve('result' in e.data ? e.data.result : refused('checker-error', e.data.error));
    dispatch();
  };
  worker.onerror = () => reset(index, 'checker-error');
  slots[index] = slot;
  return slot;
}

/** Hands queued files to idle workers. */
function dispatch(): void {
  for (let index = 0; index < slots.length && queue.length; index++) {
    if (slots[index]?.job) continue;
    const slot = ensureWorker(index);
    const job = queue.shift()!;
    const budget = job.opts.budgetMs ?? VERIFY_BUDGET_MS;
    const timer = setTimeout(() => reset(index, 'timeout', `超过 ${Math.round(budget / 1000)} 秒`), budget);
    slot.job = { ...job, timer };
    const request: VerifyRequest = { id: job.id, bytes: job.bytes };
    if (slot.templates !== job.opts.templates) request.templates = slot.templates = job.opts.templates;
    if (slot.trust !== job.opts.trust) request.trust = slot.trust = job.opts.trust;
    slot.worker.postMessage(request);
  }
}

/** Checks one file; calls may overlap (they spread over the pool and resolve as each finishes). */
export function verifyInWorker(bytes: Uint8Array, opts: VerifyOptions): Promise<VerifyResult> {
  return new Promise((resolve) => {
    queue.push({ id: ++next, bytes, opts, resolve });
    dispatch();
  });
}
