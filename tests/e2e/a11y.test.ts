// Automated accessibility check (axe-core): no serious or critical violations.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { launchBrowser } from '../support/browser';

const base = inject('baseUrl');
// Evaluated through the devtools protocol: the pages' CSP (rightly) refuses an injected inline script tag.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

async function violations(path: string, ready?: string, given?: Page): Promise<string[]> {
  const page = given ?? (await browser.newPage({ locale: 'zh-CN' }));
  await page.goto(base + path);
  if (ready) await page.waitForSelector(ready);
  await page.evaluate(axeSource);
  const found = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o: unknown): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run({ resultTypes: ['violations'] })).violations;
  })) as AxeViolation[];
  await page.close();
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility (axe-core)', () => {
  it('home page', async () => expect(await violations('/')).toEqual([]));
  it('an SOP page', async () => expect(await violations('/handbook/customer-service/appointment/')).toEqual([]));
  it('a post page', async () => expect(await violations('/posts/front-desk/')).toEqual([]));
  it('search results', async () =>
    expect(await violations('/search/?q=回访', 'handbook-search[data-state="done"] .search-results li')).toEqual([]));
  it('the parameter page', async () => expect(await violations('/params/')).toEqual([]));
  it('a checklist', async () => expect(await violations('/checklists/security/')).toEqual([]));
  it('the coverage map', async () => expect(await violations('/coverage/')).toEqual([]));
  it('the inspection list', async () => expect(await violations('/inspections/', 'inspection-list[data-state="ready"]')).toEqual([]));
  it('the training home', async () => expect(await violations('/training/', 'training-home[data-state="ready"]')).toEqual([]));
  it('the training record', async () => expect(await violations('/training/records/', 'training-records[data-state="ready"]')).toEqual([]));
  it('a learning path', async () => expect(await violations('/training/front-desk/')).toEqual([]));
  it('the monthly report page', async () => expect(await violations('/reports/', 'monthly-report[data-state="ready"]')).toEqual([]));
  it('the report checker', async () => expect(await violations('/verify/', 'report-verifier[data-state="ready"]')).toEqual([]));
  it('the signing root and enrolment page', async () => expect(await violations('/trust/', 'trust-admin[data-state="ready"]')).toEqual([]));
  it('the inspector enrolment page', async () => expect(await violations('/enrol/', 'enrol-tablet[data-state="ready"]')).toEqual([]));
  it('the sync settings', async () => expect(await violations('/sync/', 'sync-settings[data-state="ready"]')).toEqual([]));
  it('the rectification list', async () =>
    expect(await violations('/rectifications/', 'rectification-list[data-state="ready"]')).toEqual([]));
  it('an inspection being filled in', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(`${base}/inspections/`);
    await page.locator('inspection-list[data-state="ready"]').waitFor();
    await page.getByLabel('项目').fill('无障碍检查苑');
    await page.getByLabel('区域/楼栋').fill('1 栋');
    await page.getByLabel('检查人').fill('测试');
    await Promise.all([page.waitForURL(/\?id=/), page.locator('form[data-new] button[type=submit]').click()]);
    const url = new URL(page.url());
    // Same page (same storage): the record lives in this context's IndexedDB.
    const found = await violations(url.pathname + url.search, 'inspection-form[data-state="ready"]', page);
    expect(found).toEqual([]);
  });
});
