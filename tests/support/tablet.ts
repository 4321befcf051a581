// Browser-test helpers for a tablet: a finished inspection written as the app stores it, and its
// report section opened with both parties' signatures drawn (the steps themselves: tablet-steps.mjs).
import type { Locator, Page } from 'playwright-core';
import type { ChecklistTemplate } from '../../src/domain/checklist';
import { finalize, monthOf, newInspection, setAnswer } from '../../src/domain/inspection';
import { signReport } from './tablet-steps.mjs';

export { signReport, startInspection, tapPoint } from './tablet-steps.mjs';

/** A finished inspection (every item 符合), written to the tablet's database as the app stores it. */
export async function storeFinished(
  base: string,
  page: Page,
  t: ChecklistTemplate,
  id: string,
  inspector: string,
  at: string,
): Promise<void> {
  let r = newInspection(t, { templateId: t.id, project: '翠湖花园', area: '服务中心', inspector, inspectedAt: at }, id, at);
  for (const item of t.sections.flatMap((s) => s.items))
    r = setAnswer(
      r,
      item.id,
      item.kind === 'check' ? { result: 'pass' } : item.kind === 'deduct' ? { result: 'findings', findings: 0 } : { result: 'na' },
      at,
    );
  r = finalize(t, r, at);
  await page.goto(`${base}/inspections/`);
  await page.locator('inspection-list[data-state="ready"]').waitFor();
  await page.evaluate(
    (rec) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('wuye-handbook');
        open.onsuccess = () => {
          const tx = open.result.transaction('inspections', 'readwrite');
          tx.objectStore('inspections').put(rec);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    { ...r, month: monthOf(r.inspectedAt) },
  );
}

/** Opens the finished inspection's report section with both parties' signatures drawn. */
export async function openReport(base: string, page: Page, templateId: string, id: string): Promise<Locator> {
  await page.goto(`${base}/inspections/${templateId}/?id=${id}`);
  return signReport(page);
}
