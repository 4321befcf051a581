// Finding one's place on a long filling page: go to an item, the next unanswered one, or where
// the supervisor was (kept per inspection on this device, not in the record), or the handbook page
// an item points to (in a dialog over the form, so the place is kept).
import type { ChecklistTemplate } from '../../domain/checklist';
import type { InspectionRecord } from '../../domain/inspection';
import { nextUnanswered, resumeItem } from '../../domain/walking';
import { itemEl } from './inspection-view';

const LAST_ITEM = 'inspection-last-item:';

const order = (t: ChecklistTemplate) => t.sections.flatMap((s) => s.items.map((i) => i.id));

export function remember(inspectionId: string, itemId: string): void {
  try {
    localStorage.setItem(LAST_ITEM + inspectionId, itemId);
  } catch {
    // a full localStorage only loses the resume position
  }
}

export function goTo(root: HTMLElement, itemId: string): void {
  const el = itemEl(root, itemId);
  el.scrollIntoView({ block: 'center' });
  (el.querySelector<HTMLInputElement>('input[type=radio]:checked') ?? el.querySelector<HTMLInputElement>('input'))?.focus({
    preventScroll: true,
  });
}

/** Opens at the item in the address (查看检查记录) or the last one answered. */
export function resume(root: HTMLElement, template: ChecklistTemplate, inspectionId: string): void {
  const id = resumeItem(order(template), location.hash, localStorage.getItem(LAST_ITEM + inspectionId));
  if (id) goTo(root, id);
}

/** Moves to the next unanswered item after the current one; false when everything is answered. */
export function goNextUnanswered(root: HTMLElement, template: ChecklistTemplate, record: InspectionRecord, fromItem?: string): boolean {
  const from = fromItem ?? (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-item]')?.dataset.item;
  const ids = order(template);
  const next = nextUnanswered(ids, new Set(ids.filter((id) => !record.answers[id])), from);
  if (next) goTo(root, next);
  return next !== null;
}

/** A tap on an item's 查看手册 link opens the page in the dialog; its close button closes it. */
export function sopDialogClick(root: HTMLElement, e: Event): void {
  const t = e.target as HTMLElement;
  const dialog = root.querySelector<HTMLDialogElement>('[data-sop-dialog]')!;
  const link = t.closest<HTMLAnchorElement>('[data-sop-link]');
  if (link) {
    e.preventDefault();
    root.querySelector<HTMLIFrameElement>('[data-sop-frame]')!.src = link.href;
    root.querySelector('#sop-dialog-title')!.textContent = link.textContent ?? '手册';
    dialog.showModal();
  }
  if (t.closest('[data-sop-close]')) dialog.close();
}
