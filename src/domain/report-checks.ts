/**
 * Checks of a signed record's content against its signer and its own answers: the inspector
 * (and the 检查人 signature line) must be the certificate's subject, and the stored score and
 * grade must be what the scoring engine computes from the answers and the template version.
 */
import type { ChecklistTemplate } from './checklist';
import { finalize, type InspectionRecord } from './inspection';
import { canonicalJson } from './canonical-json';

export function inspectionNameProblem(
  record: Pick<InspectionRecord, 'inspector'>,
  signatures: readonly { role: string; name: string }[],
  signerName: string,
  /** Names that may also sign a re-issue with rectification progress (who verified them). */
  reviewers: readonly string[] = [],
): string | null {
  if (record.inspector !== signerName && !reviewers.includes(signerName)) {
    return `记录中的检查人为「${record.inspector}」，证书为「${signerName}」`;
  }
  if (record.inspector !== signerName) return null;
  const line = signatures.find((s) => s.role === '检查人');
  if (line && line.name !== signerName) return `签名栏中的检查人为「${line.name}」，证书为「${signerName}」`;
  return null;
}

/** null when the stored result is what the answers give; otherwise what differs. */
export function scoreProblem(template: ChecklistTemplate, record: InspectionRecord): string | null {
  if (template.id !== record.templateId || template.version !== record.templateVersion) return '检查表版本不符';
  let expected: InspectionRecord['result'];
  try {
    expected = finalize(
      template,
      { ...record, status: 'draft', finalizedAt: undefined, result: undefined },
      record.finalizedAt ?? '',
    ).result;
  } catch {
    return '无法按检查表重新计算';
  }
  if (canonicalJson(expected ?? null) === canonicalJson(record.result ?? null)) return null;
  const shown = (r: InspectionRecord['result']) => (r?.score === null || r?.score === undefined ? '—' : (r.score / 10).toFixed(1));
  return `记录中为 ${shown(record.result)} 分，按检查结果应为 ${shown(expected)} 分`;
}

/** How far a record's own times may run ahead of the signing time (two devices' clocks). */
export const SIGNING_CLOCK_SLACK_MS = 10 * 60 * 1000;

/**
 * null when nothing in the document happened after it was signed; otherwise what did. A report
 * cannot carry a closure or verification that had not happened yet when it was signed: progress
 * travels as a new document (an update), signed when it happens.
 */
export function datedAfterSigningProblem(
  doc: {
    record: Pick<InspectionRecord, 'finalizedAt'>;
    rectifications: readonly { description: string; doneAt?: string; verifiedAt?: string; updatedAt: string }[];
  },
  signingTime: Date,
): string | null {
  const limit = signingTime.getTime() + SIGNING_CLOCK_SLACK_MS;
  const late = (t: string | undefined) => t !== undefined && Date.parse(t) > limit;
  if (late(doc.record.finalizedAt)) return `定稿时间 ${doc.record.finalizedAt} 晚于签名时间`;
  for (const r of doc.rectifications) {
    const t = [r.doneAt, r.verifiedAt, r.updatedAt].find(late);
    if (t) return `整改事项「${r.description}」的时间 ${t} 晚于签名时间`;
  }
  return null;
}
