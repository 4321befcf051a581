// The two ways to leave a record for a new one, each after a confirmation: a revision (a
// correction of a final record, rectifications copied) and a fresh copy (same header, no answers).
import type { ChecklistTemplate } from '../../domain/checklist';
import { revise, type InspectionRecord } from '../../domain/inspection';
import type { Rectification } from '../../domain/rectification';
import { copyAsNew } from '../../domain/walking';
import type { AppStores } from '../../adapters/store';
import { rectificationId } from '../../adapters/store/rectifications-store';
import { newId, nowIso } from '../../adapters/clock';

const open = (id: string) => (location.href = `${location.pathname}?id=${encodeURIComponent(id)}`);

export async function reviseInspection(stores: AppStores, record: InspectionRecord, rects: readonly Rectification[]): Promise<void> {
  if (!confirm('创建修订版：复制本次检查为新的草稿进行更正，原记录保留不变。继续吗？')) return;
  const draft = revise(record, newId(), nowIso());
  await stores.inspections.putRevision(draft);
  for (const r of rects) await stores.rectifications.put({ ...r, id: rectificationId(draft.id, r.itemId), inspectionId: draft.id });
  open(draft.id);
}

export async function copyAsNewInspection(stores: AppStores, template: ChecklistTemplate, record: InspectionRecord): Promise<void> {
  const word = template.kind === 'survey' ? '调查' : '检查';
  if (!confirm(`以同一${word}表、项目和区域新建一次${word}（不带答案）？本记录不变。`)) return;
  const copy = copyAsNew(template, record, newId(), nowIso());
  await stores.inspections.put(copy);
  open(copy.id);
}
