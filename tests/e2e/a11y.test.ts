// Automated accessibility check (axe-core): no serious or critical violations.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createRequire } from 'node:module';
import { launchBrowser } from '../support/browser';

const base = inject('baseUrl');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

interface AxeViolation { id: string; impact: string; help: string; nodes: { target: string[] }[] }

async function violations(path: string, ready?: string): Promise<string[]> {
  const page = await browser.newPage({ locale: 'zh-CN' });
  await page.goto(base + path);
  if (ready) await page.waitForSelector(ready);
  await page.addScriptTag({ path: axePath });
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
});
