// How the lock state shows on the filling screen: a note saying why the page is read-only (or
// which coordination path this browser uses), and every editing control disabled while another
// tab edits. Runs after each render, since rendering sets the controls for draft/final.
import { lockNote, type LockPath } from './edit-lock';

const EDITING_CONTROLS = '[data-body] input, [data-body] textarea, [data-body] select, [data-body] button';
const STILL_USABLE = '[data-next-unanswered], [data-sop-close]';

export function applyLockView(root: HTMLElement, path: LockPath, editable: boolean): void {
  root.dataset.lockPath = path;
  root.dataset.lock = editable ? 'editing' : 'read-only';
  let note = root.querySelector<HTMLElement>('[data-lock-note]');
  const text = lockNote(path, editable);
  if (!note && text) {
    note = Object.assign(document.createElement('p'), { className: 'insp-lock-note' });
    note.dataset.lockNote = '';
    note.setAttribute('role', 'status');
    root.querySelector('[data-body]')?.prepend(note);
  }
  if (note) {
    note.textContent = text;
    note.hidden = !text;
    note.classList.toggle('insp-lock-readonly', !editable);
  }
  if (editable) {
    for (const el of root.querySelectorAll<HTMLInputElement | HTMLButtonElement>('[data-lock-disabled]')) {
      el.removeAttribute('data-lock-disabled');
      el.disabled = false; // what a draft or final record allows was set by the render just before
    }
    return;
  }
  for (const el of root.querySelectorAll<HTMLInputElement | HTMLButtonElement>(EDITING_CONTROLS)) {
    if (el.matches(STILL_USABLE) || el.closest('[data-report]')) continue;
    if (!el.disabled) el.dataset.lockDisabled = '';
    if (el.dataset.lockDisabled !== undefined) el.disabled = true;
  }
}
