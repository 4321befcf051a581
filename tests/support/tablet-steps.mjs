// Steps a supervisor takes on the tablet, shared by the browser tests (through tablet.ts) and the
// plain-Node measurements in scripts/ (which cannot import TypeScript).
/* global document, requestAnimationFrame */

/**
 * Starts a new inspection from /inspections/ and waits for its filling screen.
 * @param {import('playwright-core').Page} page @param {string} base
 * @param {{ template?: string; area?: string; tap?: boolean; lock?: 'editing' | 'read-only' }} [o]
 * `tap`: submit with a touch (the context needs hasTouch); `lock`: wait for this edit-lock state too.
 * @returns {Promise<string>} the inspection's address
 */
export async function startInspection(page, base, { template = 'customer-service', area = '1 栋', tap = false, lock } = {}) {
  await page.goto(`${base}/inspections/`);
  await page.locator('inspection-list[data-state="ready"]').waitFor();
  await page.locator(`input[name=template][value="${template}"]`).check();
  await page.getByLabel('项目').fill('翠湖花园');
  await page.fill('input[name=area]', area);
  await page.fill('input[name=inspector]', '李品质');
  const submit = page.locator('form[data-new] button[type=submit]');
  await Promise.all([page.waitForURL(/\?id=/), tap ? submit.tap() : submit.click()]);
  await page.locator(`inspection-form[data-state="ready"]${lock ? `[data-lock="${lock}"]` : ''}`).waitFor();
  return page.url();
}

/**
 * Where a finger lands on `control`, once it is on screen and painted. An item's contents are not
 * hit-tested until the frame after it scrolls into view (`.insp-item` has content-visibility: auto):
 * a press sent straight after the scroll lands on the item, not the control, and is no tap at all.
 * @param {import('playwright-core').Locator} control
 * @returns {Promise<{ x: number; y: number }>}
 */
export async function tapPoint(control) {
  await control.scrollIntoViewIfNeeded();
  return control.evaluate(
    (el) =>
      new Promise((resolve) => {
        const probe = () => {
          const r = el.getBoundingClientRect();
          const at = { x: r.x + r.width / 2, y: r.y + r.height / 2 };
          if (document.elementFromPoint(at.x, at.y) === el) resolve(at);
          else requestAnimationFrame(probe);
        };
        requestAnimationFrame(probe);
      }),
  );
}
