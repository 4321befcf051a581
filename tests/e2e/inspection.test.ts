// A full 客服 inspection on a tablet, offline: N/A items, deductions, a failed veto item, photos,
// rectifications, a reload mid-way, a tab closed right after an answer, and finalisation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/browser';
import { serve } from '../../scripts/serve.mjs';
import type { ChecklistTemplate, ItemAnswer } from '../../src/domain/checklist';
import { scoreInspection } from '../../src/domain/scoring';
import { formatTenths } from '../../src/domain/tenths';

const PHOTO = readFileSync('public/icons/icon-512.png');
const profile = mkdtempSync(path.join(tmpdir(), 'handbook-inspect-'));
let site: { url: string; close(): Promise<void> };
let context: BrowserContext;

async function openContext(viewport: { width: number; height: number }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
}

beforeAll(async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'handbook-site-'));
  cpSync('dist', root, { recursive: true });
  site = await serve(root, { port: 0 });
  context = await openContext({ width: 768, height: 1024 });
  const page = await context.newPage();
  await page.goto(`${site.url}/`);
  await page.evaluate(async () => navigator.serviceWorker.ready);
  await page.close();
  await site.close(); // from here on the service worker is the only server
  await context.setOffline(true);
});
afterAll(async () => context?.close());

async function template(page: Page): Promise<ChecklistTemplate> {
  return JSON.parse((await page.locator('script[data-template]').textContent())!) as ChecklistTemplate;
}

/** The plan for every item: mostly 符合, some 不适用, two deductions, the veto item failed. */
function plan(t: ChecklistTemplate): Map<string, ItemAnswer> {
  const answers = new Map<string, ItemAnswer>();
  let deductions = 0;
  let vetoDone = false;
  t.sections
    .flatMap((s) => s.items)
    .forEach((item, i) => {
      if (item.kind === 'rating') return;
      if (item.veto && !vetoDone) {
        vetoDone = true;
        answers.set(item.id, item.kind === 'check' ? { result: 'fail' } : { result: 'findings', findings: 1 });
      } else if (item.kind === 'deduct' && deductions < 2) {
        deductions++;
        answers.set(item.id, { result: 'findings', findings: deductions + 1 });
      } else if (i % 6 === 5) answers.set(item.id, { result: 'na' });
      else answers.set(item.id, item.kind === 'check' ? { result: 'pass' } : { result: 'findings', findings: 0 });
    });
  return answers;
}

async function answer(page: Page, itemId: string, a: ItemAnswer): Promise<void> {
  const item = page.locator(`[data-item="${itemId}"]`);
  if (a.result === 'findings' && a.findings > 0) {
    await item.locator('input[value="findings"]').tap();
    for (let n = 1; n < a.findings; n++) await item.getByRole('button', { name: '增加一处' }).tap();
  } else {
    const value = a.result === 'findings' ? 'pass' : a.result;
    await item.locator(`input[value="${value}"]`).tap();
  }
}

describe('a supervisor inspects the 客服 line offline on a tablet', () => {
  let inspectionUrl = '';
  let answers: Map<string, ItemAnswer>;
  let t: ChecklistTemplate;

  it('starts an inspection from the list', async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}/inspections/`);
    await page.locator('inspection-list[data-state="ready"]').waitFor();
    await page.getByLabel('客服专业线品质检查').check();
    await page.getByLabel('项目').fill('翠湖花园');
    await page.getByLabel('区域/楼栋').fill('服务中心及 1–3 栋');
    await page.getByLabel('检查人').fill('李品质');
    await Promise.all([page.waitForURL(/\/inspections\/customer-service\/\?id=/), page.getByRole('button', { name: '开始检查' }).tap()]);
    await page.locator('inspection-form[data-state="ready"]').waitFor();
    inspectionUrl = page.url();
    t = await template(page);
    answers = plan(t);
    expect(answers.size).toBeGreaterThanOrEqual(25);
    await page.close();
  });

  it('answers half, survives a reload, and answers the rest with live scoring', async () => {
    const page = await context.newPage();
    await page.goto(inspectionUrl);
    await page.locator('inspection-form[data-state="ready"]').waitFor();
    const entries = [...answers];
    const half = Math.floor(entries.length / 2);
    for (const [id, a] of entries.slice(0, half)) await answer(page, id, a);
    await page.locator('[data-save-state]', { hasText: '已保存' }).waitFor();
    await page.reload();
    await page.locator('inspection-form[data-state="ready"]').waitFor();
    for (const [id, a] of entries.slice(0, half)) {
      const value = a.result === 'findings' ? (a.findings > 0 ? 'findings' : 'pass') : a.result;
      expect(await page.locator(`[data-item="${id}"] input[value="${value}"]`).isChecked(), id).toBe(true);
    }
    for (const [id, a] of entries.slice(half)) await answer(page, id, a);
    // The screen redraws once the last answer's write is handed to IndexedDB (a few ms after the tap).
    await page.locator('[data-save-state]', { hasText: '已保存' }).waitFor();
    const expected = scoreInspection(t, Object.fromEntries(answers));
    expect(expected.grade).toBe('fail'); // the veto item
    expect(await page.locator('[data-score]').innerText()).toBe(formatTenths(expected.score!));
    expect(await page.locator('[data-grade]').innerText()).toBe('不合格');
    expect(await page.locator('[data-progress]').innerText()).toBe(`已检查 ${answers.size} / ${answers.size} 项`);
    expect(await page.locator('[data-trace] li').count()).toBe(expected.deductions.length);
    await page.close();
  });

  it('attaches two photos and a note to a failed item', async () => {
    const page = await context.newPage();
    await page.goto(inspectionUrl);
    await page.locator('inspection-form[data-state="ready"]').waitFor();
    const failed = [...answers].find(([, a]) => a.result === 'fail' || (a.result === 'findings' && a.findings > 0))![0];
    const item = page.locator(`[data-item="${failed}"]`);
    await item.locator('.insp-extra > summary').tap();
    await item.locator('[data-note]').fill('<b>前台</b>无人值守约 10 分钟');
    // A camera-sized photo (3000×2000) and a small one.
    const big = await page.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 3000;
      c.height = 2000;
      const g = c.getContext('2d')!;
      g.fillStyle = '#2e7d4f';
      g.fillRect(0, 0, 3000, 2000);
      return c.toDataURL('image/png').split(',')[1]!;
    });
    await item.locator('[data-photo-input]').setInputFiles([
      { name: 'a.png', mimeType: 'image/png', buffer: Buffer.from(big, 'base64') },
      { name: 'b.png', mimeType: 'image/png', buffer: PHOTO },
    ]);
    await item.locator('[data-photos] img').nth(1).waitFor();
    expect(await item.locator('[data-photos] img').count()).toBe(2);
    // Stored downscaled, as JPEG, longest side ≤ 1600 px.
    const stored = await page.evaluate(
      () =>
        new Promise<{ type: string; width: number; height: number }[]>((resolve) => {
          const open = indexedDB.open('wuye-handbook');
          open.onsuccess = () => {
            const all = open.result.transaction('photos').objectStore('photos').getAll();
            all.onsuccess = () =>
              resolve(
                all.result.map((p: { blob: Blob; width: number; height: number }) => ({
                  type: p.blob.type,
                  width: p.width,
                  height: p.height,
                })),
              );
          };
        }),
    );
    expect(stored.sort((a, b) => b.width - a.width)).toEqual([
      { type: 'image/jpeg', width: 1600, height: 1067 },
      { type: 'image/jpeg', width: 512, height: 512 },
    ]);
    await page.locator('[data-save-state]', { hasText: '已保存' }).waitFor();
    await page.close();
  });

  it('keeps an answer given right before the tab is closed', async () => {
    const page = await context.newPage();
    await page.goto(inspectionUrl);
    await page.locator('inspection-form[data-state="ready"]').waitFor();
    const [id] = [...answers].find(([, a]) => a.result === 'pass')!;
    await page.locator(`[data-item="${id}"] input[value="na"]`).tap();
    answers.set(id, { result: 'na' });
    await page.locator(`[data-item="${id}"] [data-note]`).evaluate((el: HTMLTextAreaElement) => {
      (el.closest('details') as HTMLDetailsElement).open = true;
      el.value = '本次不涉及';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await context.close();
    context = await openContext({ width: 1024, height: 768 });
    await context.setOffline(true);
    const again = await context.newPage();
    await again.goto(inspectionUrl);
    await again.locator('inspection-form[data-state="ready"]').waitFor();
    expect(await again.locator(`[data-item="${id}"] input[value="na"]`).isChecked()).toBe(true);
    expect(await again.locator(`[data-item="${id}"] [data-note]`).inputValue()).toBe('本次不涉及');
    await again.close();
  });

  it('replays the write-ahead journal a crash left behind', async () => {
    const page = await context.newPage();
    await page.goto(inspectionUrl);
    await page.locator('inspection-form[data-state="ready"]').waitFor();
    const id = new URL(inspectionUrl).searchParams.get('id')!;
    const [itemId] = [...answers].find(([, x]) => x.result === 'na')!;
    // Simulate a change that reached the journal but not IndexedDB.
    await page.evaluate(
      ({ id, itemId }) => {
        return new Promise<void>((resolve) => {
          const open = indexedDB.open('wuye-handbook');
          open.onsuccess = () => {
            const get = open.result.transaction('inspections').objectStore('inspections').get(id);
            get.onsuccess = () => {
              const record = get.result;
              delete record.month;
              record.notes = { ...record.notes, [itemId]: '崩溃前写下的备注' };
              record.updatedAt = '2999-01-01T00:00:00.000+08:00';
              localStorage.setItem(`inspection-journal:${id}`, JSON.stringify({ record, rects: [] }));
              open.result.close();
              resolve();
            };
          };
        });
      },
      { id, itemId },
    );
    await page.reload();
    await page.locator('inspection-form[data-state="ready"]').waitFor();
    await page.locator('[data-save-state]', { hasText: '已保存' }).waitFor();
    expect(await page.locator(`[data-item="${itemId}"] [data-note]`).inputValue()).toBe('崩溃前写下的备注');
    expect(await page.evaluate((id) => localStorage.getItem(`inspection-journal:${id}`), id)).toBeNull();
    // The replay reached IndexedDB (the journal is cleared only then) and kept the earlier answer.
    expect(await page.locator(`[data-item="${itemId}"] input[value="na"]`).isChecked()).toBe(true);
    const stored = await page.evaluate(
      ({ id, itemId }) =>
        new Promise<unknown>((resolve) => {
          const open = indexedDB.open('wuye-handbook');
          open.onsuccess = () => {
            const get = open.result.transaction('inspections').objectStore('inspections').get(id);
            get.onsuccess = () => {
              resolve({ note: get.result.notes[itemId], answer: get.result.answers[itemId] });
              open.result.close();
            };
          };
        }),
      { id, itemId },
    );
    expect(stored).toMatchObject({ note: '崩溃前写下的备注', answer: { result: 'na' } });
    await page.close();
  });

  it('refuses to finalise until every rectification has an owner, then finalises read-only', async () => {
    const page = await context.newPage();
    page.on('dialog', (d) => void d.accept());
    await page.goto(inspectionUrl);
    await page.locator('inspection-form[data-state="ready"]').waitFor();
    await page.getByRole('button', { name: '检查定稿' }).tap();
    const problems = page.locator('[data-problem-list] li');
    const expected = scoreInspection(t, Object.fromEntries(answers));
    expect(await problems.count()).toBe(expected.deductions.length);
    expect(await problems.first().innerText()).toContain('整改未指定责任部门和责任人');
    for (const d of expected.deductions) {
      const rect = page.locator(`[data-item="${d.itemId}"] [data-rect]`);
      await rect.getByLabel('责任部门').fill('客服部');
      await rect.getByLabel('责任人').fill('王芳');
    }
    await page.getByRole('button', { name: '检查定稿' }).tap();
    await page.locator('[data-status]', { hasText: '已定稿' }).waitFor();
    expect(await page.locator('[data-item] input[type=radio]').first().isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: '创建修订版' }).isVisible()).toBe(true);
    expect(await page.locator('[data-score]').innerText()).toBe(formatTenths(expected.score!));
    // User text stays text.
    expect(await page.locator('[data-note]').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value).join(''))).toContain(
      '<b>前台</b>',
    );
    await page.screenshot({ path: '.cache/shots/inspection-final-tablet.png', fullPage: false });
    await page.close();
  });

  it('signs on the tablet and exports a signed PDF that standard tools and the app verify, offline', async () => {
    const page = await context.newPage();
    await page.goto(inspectionUrl);
    await page.locator('inspection-form[data-state="ready"]').waitFor();
    const maker = page.locator('[data-report]');
    await maker.waitFor();
    await maker.getByRole('button', { name: '生成签名报告（PDF）' }).tap();
    expect(await maker.locator('[data-report-status]').innerText()).toContain('请先完成');
    for (const signer of ['inspector', 'representative']) {
      const box = (await page.locator(`signature-pad[data-signer="${signer}"] canvas`).boundingBox())!;
      await page.mouse.move(box.x + 20, box.y + box.height * 0.6);
      await page.mouse.down();
      for (let k = 1; k <= 12; k++) await page.mouse.move(box.x + 20 + k * 15, box.y + box.height * (0.6 + 0.2 * Math.sin(k)));
      await page.mouse.up();
    }
    // Rotating the tablet keeps the drawn signatures.
    await page.setViewportSize({ width: 1024, height: 768 });
    await maker.getByLabel('受检部门代表姓名').fill('王芳');
    const [download] = await Promise.all([page.waitForEvent('download'), maker.getByRole('button', { name: '生成签名报告（PDF）' }).tap()]);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'report-')), 'report.pdf');
    await download.saveAs(file);
    expect(await maker.locator('[data-report-status]').innerText()).toContain('已生成并签名报告');
    // A readable Chinese name; a later export is a new document (a re-issue) with a name of its own.
    expect(download.suggestedFilename()).toMatch(/^\d{4}-\d{2}-\d{2} 翠湖花园 客服专业线品质检查 第1版\.pdf$/);
    const [again] = await Promise.all([page.waitForEvent('download'), maker.getByRole('button', { name: '生成签名报告（PDF）' }).tap()]);
    expect(again.suggestedFilename()).toMatch(/ 第1版 整改更新1\.pdf$/);
    const sig = execFileSync('pdfsig', [file], { encoding: 'utf8' });
    expect(sig).toContain('Signature is Valid');
    expect(sig).toContain('李品质');
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('客服专业线品质检查报告');
    expect(text).toContain('翠湖花园');
    expect(execFileSync('pdfdetach', ['-list', file], { encoding: 'utf8' })).toContain('inspection-record.json');
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', file, '.cache/shots/report-page']);
    // The app's own checker, on the same device, offline.
    await page.goto(`${site.url}/verify/`);
    await page.locator('report-verifier[data-state="ready"]').waitFor();
    await page.locator('[data-file]').setInputFiles(file);
    // This tablet's key is not enrolled with the company (no trust list here): intact, but 未登记.
    await page.locator('report-verifier[data-verdict="untrusted"]').waitFor();
    expect(await page.locator('.verdict h2').innerText()).toBe('签名完整但签名人未登记');
    expect(await page.locator('.verdict').innerText()).toContain('签名人「李品质」');
    const bytes = readFileSync(file);
    const [, start] = /\/ByteRange \[0 (\d+)/.exec(bytes.toString('latin1'))!;
    bytes[Math.floor(Number(start) / 2)]! ^= 1;
    const tampered = `${file}.tampered.pdf`;
    writeFileSync(tampered, bytes);
    await page.locator('[data-file]').setInputFiles(tampered);
    await page.locator('report-verifier[data-verdict="tampered"]').waitFor();
    expect(await page.locator('.verdict h2').innerText()).toBe('已被改动');
    let pdfsigTampered: string;
    try {
      pdfsigTampered = execFileSync('pdfsig', [tampered], { encoding: 'utf8' });
    } catch (err) {
      pdfsigTampered = String((err as { stdout?: string }).stdout ?? '');
    }
    expect(pdfsigTampered).not.toContain('Signature is Valid');
    // Both exports wait to be delivered; one ZIP takes them to the manager, who imports it whole.
    await page.goto(`${site.url}/inspections/`);
    await page.locator('undelivered-exports[data-state="ready"]').waitFor();
    expect(await page.locator('undelivered-exports').getAttribute('data-count')).toBe('2');
    const [zip] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出未交付的文件（ZIP）' }).tap()]);
    expect(zip.suggestedFilename()).toMatch(/^未交付的签名文件 .*\.zip$/);
    const zipFile = path.join(mkdtempSync(path.join(tmpdir(), 'zip-')), 'bundle.zip');
    await zip.saveAs(zipFile);
    await page.locator('undelivered-exports[data-count="0"]').waitFor();
    await page.goto(`${site.url}/reports/`);
    await page.locator('monthly-report[data-state="ready"]').waitFor();
    await page.locator('[data-files]').setInputFiles(zipFile);
    await page.locator('[data-progress-text]', { hasText: '共 2 个文件' }).waitFor();
    // This tablet is not enrolled: both documents are intact but 未登记.
    expect(await page.locator('[data-progress-text]').innerText()).toContain('未登记 2');
    await page.close();
  });

  it('lists the inspection and its rectifications', async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}/inspections/`);
    await page.locator('inspection-list[data-state="ready"]').waitFor();
    expect(await page.locator('.inspection-row').first().innerText()).toContain('已定稿');
    // Signing without enrolment used a one-time key: no key is kept that anyone typing 李品质 could reuse.
    await page.locator('[data-certs] li', { hasText: '本设备没有旧版本留下的自签名证书' }).waitFor();
    await page.goto(`${site.url}/rectifications/`);
    await page.locator('rectification-list[data-state="ready"]').waitFor();
    const expected = scoreInspection(t, Object.fromEntries(answers));
    expect(await page.locator('.rect-row').count()).toBe(expected.deductions.length);
    expect(expected.deductions.length).toBeGreaterThanOrEqual(3);
    // 待整改 → 已整改 → 已复查
    const first = page.locator('.rect-row').first();
    await first.getByLabel('整改说明').fill('已安排专人值守前台');
    await first.getByRole('button', { name: '标记已整改' }).tap();
    await page.locator('.rect-row.rect-done').first().waitFor();
    await page.locator('.rect-row.rect-done').first().getByRole('button', { name: '复查通过' }).tap();
    await page.locator('.rect-row.rect-verified').first().waitFor();
    await page.close();
  });

  it('corrects a finalised inspection with a new revision that keeps the original', async () => {
    const page = await context.newPage();
    page.on('dialog', (d) => void d.accept());
    await page.goto(inspectionUrl);
    await page.locator('inspection-form[data-state="ready"]').waitFor();
    await Promise.all([page.waitForURL((u) => u.toString() !== inspectionUrl), page.getByRole('button', { name: '创建修订版' }).tap()]);
    await page.locator('inspection-form[data-state="ready"]').waitFor();
    expect(await page.locator('[data-status]').innerText()).toContain('第 2 版');
    expect(await page.locator('[data-item] input[type=radio]').first().isDisabled()).toBe(false);
    await page.goto(inspectionUrl);
    await page.locator('inspection-form[data-state="ready"]').waitFor();
    expect(await page.locator('[data-status]').innerText()).toContain('已定稿');
    expect(await page.locator('[data-item] input[type=radio]').first().isDisabled()).toBe(true);
    await page.close();
  });
});
