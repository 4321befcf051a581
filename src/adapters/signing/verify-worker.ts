// Runs the document checker off the main thread, so a hostile file can at worst time out.
import { verifyReport, type VerifyResult } from './verify-report';
import type { ChecklistTemplate } from '../../domain/checklist';
import type { TrustList } from '../../schemas/trust-list';

export interface VerifyRequest {
  id: number;
  bytes: Uint8Array;
  trust: TrustList | null;
  templates: ChecklistTemplate[];
}

export type VerifyResponse = { id: number; result: VerifyResult } | { id: number; error: string };

self.onmessage = async (e: MessageEvent<VerifyRequest>) => {
  const { id, bytes, trust, templates } = e.data;
  try {
    const result = await verifyReport(bytes, {
      trust,
      template: (tid, version) => templates.find((t) => t.id === tid && t.version === version),
    });
    (self as unknown as Worker).postMessage({ id, result } satisfies VerifyResponse);
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, error: String((err as Error)?.message ?? err) } satisfies VerifyResponse);
  }
};
