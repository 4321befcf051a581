// Where the sync configuration is kept, and a check for it that loads nothing else: pages that
// show the sync line ask this first, so without sync they load neither zod nor PouchDB.
export const CONFIG_KEY = 'wuye-sync-config';

export function hasSyncConfig(): boolean {
  return localStorage.getItem(CONFIG_KEY) !== null;
}
