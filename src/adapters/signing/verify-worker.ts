// Runs the document checker off the main thread, so a hostile file can at worst time out.
import { verifyReport, type VerifyResult } from './verify-report';
import type { ChecklistTemplate } from '../../domain/checklist';
import type { TrustList } from '../../schemas/trust-list';

/** `templates` and `trust` come with the first file and whenever they change; later files reuse them. */
export interface VerifyRequest {
  id: number;
  bytes: Uint8Array;
  trust?: TrustList | null;
  templates?: ChecklistTemplate[];
}

export type VerifyResponse = { id: number; result: VerifyResult } | { id: number; error: string };

let templates: ChecklistTemplate[] = [];
let trust: TrustList | null = null;

self.onmessage = async (e: MessageEvent<VerifyRequest>) => {
  const { id, bytes } = e.data;
  if (e.data.templates) templates = e.data.templates;
  if (e.data.trust !== undefined) trust = e.data.trust;
  const known = templates; // one file at a time, but keep what this file was sent with
  try {
    const result = await verifyReport(bytes, {
      trust,
      template: (tid, version) => known.find((t) => t.id === tid && t.version === version),
    });
    (self as unknown as Worker).postMessage({ id, result } satisfies VerifyResponse);
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, error: String((err as Error)?.message ?? err) } satisfies VerifyResponse);
  }
};
