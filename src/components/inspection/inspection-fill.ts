// Puts a loaded inspection into the server-rendered controls (header, answers, notes,
// rectifications, photos) and binds each item's photos to the form. Runs on load and when a
// read-only tab shows a newer copy; it never writes the record.
import type { ChecklistTemplate } from '../../domain/checklist';
import { setPhotoHash, setPhotos, type InspectionRecord } from '../../domain/inspection';
import { controlValue } from '../../domain/inspection-controls';
import { stampLines } from '../../domain/photo-stamp';
import type { Rectification } from '../../domain/rectification';
import { nowIso, toDatetimeLocal } from '../../adapters/clock';
import type { InspectionPhotos } from './inspection-photos';
import { itemEl } from './inspection-view';

export interface FillTarget {
  root: HTMLElement;
  template: ChecklistTemplate;
  /** The record as the form holds it now (photos are stamped and committed onto the latest). */
  record(): InspectionRecord;
  rects: ReadonlyMap<string, Rectification>;
  editable: boolean;
  /** Stores a changed record and resolves once it is saved. */
  save(next: InspectionRecord): Promise<void>;
  fail(message: string): void;
}

const itemText = (t: ChecklistTemplate, itemId: string) => {
  const s = t.sections.find((sec) => sec.items.some((i) => i.id === itemId));
  return `${s?.title ?? ''} · ${s?.items.find((i) => i.id === itemId)?.text ?? itemId}`;
};

/** 备注与照片's count, after the summary that folds them away. */
export function renderExtraCount(root: HTMLElement, record: InspectionRecord, itemId: string): void {
  const ids = record.photos[itemId] ?? [];
  itemEl(root, itemId).querySelector<HTMLElement>('[data-extra-count]')!.textContent =
    ids.length || record.notes[itemId] ? `（${ids.length ? `${ids.length} 张照片` : '有备注'}）` : '';
}

export async function fillForm(f: FillTarget): Promise<void> {
  const r = f.record();
  const q = <T extends HTMLElement>(sel: string) => f.root.querySelector<T>(sel)!;
  for (const h of ['project', 'area', 'inspector'] as const) q<HTMLInputElement>(`[data-header="${h}"]`).value = r[h];
  q<HTMLInputElement>('[data-header="inspectedAt"]').value = toDatetimeLocal(r.inspectedAt);
  for (const el of f.root.querySelectorAll<HTMLElement>('[data-item]')) {
    const itemId = el.dataset.item!;
    const a = r.answers[itemId];
    if (a) {
      const radio = el.querySelector<HTMLInputElement>(`input[type=radio][value="${controlValue(a)}"]`);
      if (radio) radio.checked = true;
      if (a.result === 'findings' && a.findings > 0)
        el.querySelector<HTMLInputElement>('[data-findings-input]')!.value = String(a.findings);
    } else for (const radio of el.querySelectorAll<HTMLInputElement>('input[type=radio]')) radio.checked = false; // refilled from a newer copy
    el.querySelector<HTMLTextAreaElement>('[data-note]')!.value = r.notes[itemId] ?? '';
    const rect = f.rects.get(itemId);
    if (rect) {
      for (const input of el.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[data-rect-field]')) {
        input.value = String(rect[input.dataset.rectField as 'description' | 'department' | 'owner' | 'deadline'] ?? '');
      }
    }
    if (rect?.afterPhotos.length || rect?.doneNote) {
      // What the responsible department did, for whoever reopens the inspection.
      el.querySelector<HTMLElement>('[data-after-box]')!.hidden = false;
      el.querySelector('[data-after-note]')!.textContent = rect.doneNote ? `整改说明：${rect.doneNote}` : '';
      await el.querySelector<InspectionPhotos>('[data-after-box] inspection-photos')!.show(rect.afterPhotos, false);
    }
    const photos = el.querySelector<InspectionPhotos>('inspection-photos:not([data-readonly])');
    photos?.bind({
      inspectionId: r.id,
      itemId,
      stamp: (takenAt) => {
        const now = f.record();
        return stampLines({ takenAt, project: now.project, area: now.area, item: itemText(f.template, itemId), inspector: now.inspector });
      },
      commit: async (ids, added) => {
        let next = setPhotos(f.record(), itemId, ids, nowIso());
        if (added) next = setPhotoHash(next, added.id, added.sha256, nowIso(), added.originalOf);
        await f.save(next);
        renderExtraCount(f.root, f.record(), itemId);
      },
      fail: f.fail,
    });
    await photos?.show(r.photos[itemId] ?? [], r.status === 'draft' && f.editable);
    renderExtraCount(f.root, r, itemId);
  }
}
