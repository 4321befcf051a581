// Keeps the values of form fields marked data-preserve across a page reload (used when
// an update is applied), so nothing a user has typed is lost.
const KEY = 'preserved-fields';

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function fields(root: ParentNode): Field[] {
  return [...root.querySelectorAll<Field>('input[data-preserve], textarea[data-preserve], select[data-preserve]')].filter((f) => f.id);
}

export function savePreserved(root: ParentNode, storage: Storage, path: string): void {
  const values: Record<string, string> = {};
  for (const f of fields(root)) if (f.value) values[f.id] = f.value;
  storage.setItem(KEY, JSON.stringify({ path, values }));
}

export function restorePreserved(root: ParentNode, storage: Storage, path: string): void {
  const raw = storage.getItem(KEY);
  if (!raw) return;
  storage.removeItem(KEY);
  let saved: { path?: string; values?: Record<string, string> };
  try {
    saved = JSON.parse(raw);
  } catch {
    return; // Unreadable leftovers are dropped; nothing to restore.
  }
  if (saved.path !== path || !saved.values) return;
  for (const f of fields(root)) {
    const v = saved.values[f.id];
    if (v !== undefined && !f.value) {
      f.value = v;
      f.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }
}
