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
): string | null {
  if (record.inspector !== signerName) return `记录中的检查人为「${record.inspector}」，证书为「${signerName}」`;
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
