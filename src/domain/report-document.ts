/**
 * The machine-readable document attached to every report PDF (inspection-record.json): the
 * record with its template version and score, its rectifications and who signed. Canonical JSON,
 * so its SHA-256 (the fingerprint printed on every page) is the same wherever it is computed.
 */
import { canonicalJson } from './canonical-json';
import type { InspectionRecord } from './inspection';
import type { Rectification } from './rectification';

/** Keywords entry of every signed PDF: `WuyeFingerprint:<first 16 hex of the attachment's SHA-256>`. */
export const FINGERPRINT_KEY = 'WuyeFingerprint';

export const REPORT_DOCUMENT_FORMAT = 'wuye-inspection-report';

export interface ReportDocument {
  format: typeof REPORT_DOCUMENT_FORMAT;
  version: 1;
  record: InspectionRecord;
  rectifications: Rectification[];
  signatures: { role: string; name: string; signedAt: string }[];
}

export function reportDocument(
  record: InspectionRecord,
  rectifications: readonly Rectification[],
  signatures: ReportDocument['signatures'],
): ReportDocument {
  if (record.status !== 'final') throw new Error('只有已定稿的检查可以生成报告');
  return { format: REPORT_DOCUMENT_FORMAT, version: 1, record, rectifications: [...rectifications], signatures: [...signatures] };
}

export function reportDocumentJson(doc: ReportDocument): string {
  return canonicalJson(doc);
}

/** The short fingerprint shown on the pages: the first 16 hex digits of the SHA-256. */
export function shortFingerprint(sha256Hex: string): string {
  return sha256Hex.slice(0, 16);
}
