// Rectification owners chosen from a list kept on this device (typed once, offered again), as
// <datalist> suggestions for the 责任部门 and 责任人 fields.
import { offeredNames, rememberName } from '../../domain/owner-list';

const KEYS = { department: 'rect-departments', owner: 'rect-owners' } as const;
type Field = keyof typeof KEYS;

function read(field: Field): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEYS[field]) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Fills the datalists (#departments keeps its standard options after the device's own). */
export function fillOwnerLists(root: HTMLElement): void {
  for (const field of ['department', 'owner'] as const) {
    const list = root.querySelector<HTMLDataListElement>(`datalist[data-names="${field}"]`);
    if (!list) continue;
    list.dataset.standard ??= JSON.stringify([...list.options].map((o) => o.value));
    const names = offeredNames(read(field), JSON.parse(list.dataset.standard) as string[]);
    list.replaceChildren(...names.map((n) => Object.assign(document.createElement('option'), { value: n })));
  }
}

export function rememberOwner(root: HTMLElement, field: string, value: string): void {
  if (field !== 'department' && field !== 'owner') return;
  try {
    localStorage.setItem(KEYS[field], JSON.stringify(rememberName(read(field), value)));
  } catch {
    // full storage: the name is only not offered next time
  }
  fillOwnerLists(root);
}
