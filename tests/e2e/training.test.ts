// Training on a phone: a new 客服前台 employee follows the path, fails the post quiz once,
// passes it, and a changed page is shown as needing study again.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../support/browser';

const base = inject('baseUrl');
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, locale: 'zh-CN' });
  page = await ctx.newPage();
});
afterAll(async () => browser?.close());

describe('training for a new 客服前台 employee', () => {
  it('creates a learner profile on a shared device', async () => {
    await page.goto(`${base}/training/`);
    await page.locator('training-home[data-state="ready"]').waitFor();
    await page.getByLabel('姓名').fill('张晓');
    await page.getByLabel('工号').fill('KF023');
    await page.getByRole('button', { name: '新建学员' }).tap();
    await page.locator('[data-current]', { hasText: '当前学员：张晓' }).waitFor();
    // The same employee number can't be created twice.
    await page.getByLabel('姓名').fill('张晓');
    await page.getByLabel('工号').fill('KF023');
    await page.getByRole('button', { name: '新建学员' }).tap();
    await page.locator('[data-learner-error]', { hasText: '已有学员' }).waitFor();
  });

  it('follows the path: 继续学习 points at the first unread page; 已学完 marks it', async () => {
    await page.goto(`${base}/training/front-desk/`);
    await page.locator('training-path[data-state="ready"]').waitFor();
    const items = page.locator('[data-page]');
    const n = await items.count();
    expect(n).toBeGreaterThanOrEqual(5);
    const firstId = await items.first().getAttribute('data-page');
    expect(await page.locator('[data-continue]').getAttribute('href')).toBe(`/handbook/${firstId}/`);
    for (let i = 0; i < n; i++) await items.nth(i).getByRole('button', { name: '已学完' }).tap();
    await page.locator('[data-summary]', { hasText: `已学 ${n} / ${n} 篇` }).waitFor();
    expect(await page.locator('[data-continue]').isHidden()).toBe(true);
  });

  it('fails the post quiz once, then passes; both attempts are recorded', async () => {
    await page.goto(`${base}/training/front-desk/quiz/`);
    await page.locator('training-quiz[data-state="ready"]').waitFor();
    await page.getByRole('button', { name: '交卷' }).tap(); // nothing answered
    await page.locator('training-quiz[data-outcome="failed"]').waitFor();
    expect(await page.locator('div[data-result]').innerText()).toContain('未通过');
    expect(await page.locator('.quiz-feedback').first().innerText()).toContain('依据：');
    await page.getByRole('button', { name: '重新测验' }).tap();
    // Answer every question right, reading the answers from the question bank the page carries.
    await page.evaluate(() => {
      const bank = JSON.parse(document.querySelector('script[data-bank]')!.textContent!) as {
        q: string;
        type: string;
        options?: string[];
        answer: number[] | boolean;
      }[];
      for (const fs of document.querySelectorAll<HTMLFieldSetElement>('.quiz-question')) {
        const text = fs
          .querySelector('legend')!
          .textContent!.replace(/^\d+\.\s*/, '')
          .replace(/（(多选|判断|选出合适的说法)）$/, '');
        const q = bank.find((b) => b.q === text)!;
        for (const input of fs.querySelectorAll<HTMLInputElement>('input')) {
          input.checked = q.type === 'truefalse' ? input.value === String(q.answer) : (q.answer as number[]).includes(Number(input.value));
        }
      }
    });
    await page.getByRole('button', { name: '交卷' }).tap();
    await page.locator('training-quiz[data-outcome="passed"]').waitFor();
    expect(await page.locator('div[data-result]').innerText()).toMatch(/得分 100\.0.*通过.*第 2 次/);
  });

  it('signs the acknowledgement and gets a signed certificate PDF', async () => {
    await page.goto(`${base}/training/front-desk/`);
    await page.locator('training-path[data-state="ready"]').waitFor();
    expect(await page.locator('[data-blockers] li').count()).toBe(0);
    // A finger stroke, as touch pointer events (Playwright's touchscreen can only tap).
    await page.locator('signature-pad[data-signer="learner"] canvas').evaluate((canvas) => {
      const r = canvas.getBoundingClientRect();
      const at = (type: string, k: number) =>
        canvas.dispatchEvent(
          new PointerEvent(type, {
            bubbles: true,
            pointerId: 7,
            pointerType: 'touch',
            clientX: r.left + 15 + k * 18,
            clientY: r.top + r.height / 2 + 15 * Math.sin(k),
          }),
        );
      at('pointerdown', 0);
      for (let k = 1; k <= 10; k++) at('pointermove', k);
      at('pointerup', 10);
    });
    const downloading = page.waitForEvent('download', { timeout: 20_000 }).catch(async () => {
      throw new Error(`no download; status: ${await page.locator('[data-signoff-status]').innerText()}`);
    });
    await page.getByRole('button', { name: '签署并生成培训合格证明（PDF）' }).tap();
    const download = await downloading;
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cert-')), 'certificate.pdf');
    await download.saveAs(file);
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toContain('Signature is Valid');
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('培训合格证明');
    expect(text).toContain('张晓（工号KF023）');
    expect(text).toContain('已阅读并理解岗位标准作业程序');
    expect(execFileSync('pdfdetach', ['-list', file], { encoding: 'utf8' })).toContain('training-record.json');
    // The shots folder exists only after another test made it; run alone, this test makes it.
    mkdirSync('.cache/shots', { recursive: true });
    execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '1', file, '.cache/shots/certificate']);
    await page.locator('training-path[data-signed="yes"]').waitFor();
  });

  it('appears in the supervisor’s training record, exportable as CSV', async () => {
    await page.goto(`${base}/training/records/`);
    await page.locator('training-records[data-state="ready"]').waitFor();
    const row = await page.locator('[data-rows] tr', { hasText: '客服前台' }).innerText();
    expect(row).toContain('张晓（KF023）');
    expect(row).toMatch(/最高 100\.0 分，共 2 次/);
    expect(row).toContain('已签署');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).tap()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toMatch(/张晓,KF023,客服前台,\d+,\d+,100\.0,2,\d{4}-\d{2}-\d{2},0/);
  });

  it('shows a page changed after reading as 已更新，需重新学习', async () => {
    await page.goto(`${base}/training/front-desk/`);
    await page.locator('training-path[data-state="ready"]').waitFor();
    const first = await page.locator('[data-page]').first().getAttribute('data-page');
    // Simulate a content change: the stored read carries an older version of the page.
    await page.evaluate(
      (id) =>
        new Promise<void>((resolve) => {
          const open = indexedDB.open('wuye-handbook');
          open.onsuccess = () => {
            const store = open.result.transaction('learners', 'readwrite').objectStore('learners');
            const get = store.get('emp:KF023');
            get.onsuccess = () => {
              const p = get.result;
              p.reads[id!].version = 'old-version';
              store.put(p).onsuccess = () => resolve();
            };
          };
        }),
      first,
    );
    await page.reload();
    await page.locator('training-path[data-state="ready"]').waitFor();
    expect(await page.locator(`[data-page="${first}"] [data-state]`).innerText()).toBe('已更新，需重新学习');
    expect(await page.locator('[data-continue]').getAttribute('href')).toBe(`/handbook/${first}/`);
    expect(await page.locator('[data-blockers]').innerText()).toContain('已更新，需重新学习');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
  });
});
