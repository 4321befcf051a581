// Browser-test helpers for a tablet: a finished inspection written as the app stores it, and its
// report section opened with both parties' signatures drawn. Steps the plain-Node measurements in
// scripts/ take too (start an inspection, where a finger taps) are in tablet-steps.mjs.
import type { Locator, Page } from 'playwright-core';
import type { ChecklistTemplate } from '../../src/domain/checklist';
import { finalize, monthOf, newInspection, setAnswer } from '../../src/domain/inspection';

export { startInspection, tapPoint } from './tablet-steps.mjs';

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
  const maker = page.locator('[data-report]');
  await maker.waitFor();
  await page.locator('signer-choice[data-state="ready"]').waitFor();
  await signBoth(page, maker);
  return maker;
}

/** Draws a signature on one party's pad (a wavy stroke, as a finger would). */
export async function drawSignature(page: Page, signer: string): Promise<void> {
  const canvas = page.locator(`signature-pad[data-signer="${signer}"] canvas`);
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let k = 1; k <= 10; k++) await page.mouse.move(box.x + 20 + k * 15, box.y + box.height * (0.6 + 0.2 * Math.sin(k)));
  await page.mouse.up();
}

/** Both parties sign the open report: the inspector and the inspected department's representative 王芳. */
export async function signBoth(page: Page, maker: Locator): Promise<void> {
  for (const signer of ['inspector', 'representative']) await drawSignature(page, signer);
  await maker.getByLabel('受检部门代表姓名').fill('王芳');
}
