// Training on a 360 px phone, offline, for a new 清洁保洁 employee: the path opens with cleaning procedures,
// pages count as read only after reading (time driven by Playwright's clock, never real sleeps)
// and a passed page quiz, the post exam is drawn mostly from cleaning pages, answers show only
// after 交卷, sign-off with a typed name from the keyboard, the certificate downloads again, and
// a page changed after sign-off leads to re-reading and re-signing, visible to the supervisor.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../support/browser';
import { pathBank, type BankQuestion, type PathEntry, type SharedBank } from '../../src/domain/quiz-bank';

const base = inject('baseUrl');
const GUIDE = 'environment/cleaning-guide';
let browser: Browser;
let ctx: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  ctx = await browser.newContext({
    viewport: { width: 360, height: 740 },
    hasTouch: true,
    isMobile: true,
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  page = await ctx.newPage();
  // Offline, as on a new employee's phone: once the service worker holds the site, the network goes.
  await page.goto(`${base}/`);
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (reg.active?.state !== 'activated')
      await new Promise<void>((resolve) =>
        reg.active!.addEventListener('statechange', () => reg.active!.state === 'activated' && resolve()),
      );
  });
  await ctx.setOffline(true);
  // Reading time is measured with timers: a controllable clock lets the test read a page in no real time.
  await page.clock.install();
});
afterAll(async () => browser?.close());

/** The bank the quiz page works from: its path over the shared /training/quiz-bank.json. */
async function bankOf(): Promise<BankQuestion[]> {
  const entries = JSON.parse((await page.locator('script[data-path]').textContent())!) as PathEntry[];
  return pathBank(entries, JSON.parse(readFileSync('dist/training/quiz-bank.json', 'utf8')) as SharedBank);
}

async function path_(): Promise<{ id: string; questions: number; optional: boolean; minutes: number }[]> {
  return JSON.parse((await page.locator('script[data-path]').textContent())!);
}

/** Opens a handbook page, scrolls to its end and lets the page's reading time pass on the fake clock. */
async function readPage(id: string): Promise<void> {
  await page.goto(`${base}/handbook/${id}/`);
  const root = page.locator('[data-reading]');
  await root.locator('[data-read-status]:not([hidden])').waitFor();
  if ((await root.getAttribute('data-read-state')) === 'recorded') return;
  const need = Math.max(
    Number(await root.getAttribute('data-min-seconds')),
    Math.ceil((Number(await root.getAttribute('data-minutes')) * 60) / 3),
  );
  await root.locator('[data-read-end]').scrollIntoViewIfNeeded();
  await page.clock.runFor((need + 2) * 1000);
  await page.locator('[data-reading][data-read-state="recorded"]').waitFor();
}

/** Answers every shown question from the bank the page carries: right, or all wrong. */
async function answer(right: boolean): Promise<void> {
  const bank = await bankOf();
  await page.evaluate(
    ({ right, bank }) => {
      for (const fs of document.querySelectorAll<HTMLFieldSetElement>('.quiz-question')) {
        const q = bank.find((b) => b.key === fs.dataset.key)!;
        const inputs = [...fs.querySelectorAll<HTMLInputElement>('input')];
        const isRight = (input: HTMLInputElement) =>
          q.type === 'truefalse' ? input.value === String(q.answer) : (q.answer as number[]).includes(Number(input.value));
        if (right) for (const input of inputs) input.checked = isRight(input);
        else {
          const wrong = inputs.find((i) => !isRight(i))!;
          wrong.checked = true;
        }
      }
    },
    { right, bank },
  );
}

async function passPageQuiz(id: string): Promise<void> {
  await page.goto(`${base}/training/cleaning/quiz/?page=${encodeURIComponent(id)}`);
  await page.locator('training-quiz[data-state="ready"]').waitFor();
  await answer(true);
  await page.getByRole('button', { name: '交卷' }).tap();
  await page.locator('training-quiz[data-outcome="passed"]').waitFor();
}

async function learner(): Promise<{ signOffs: unknown[]; attempts: { scope: string; passed: boolean }[] }> {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open('wuye-handbook');
        open.onsuccess = () => {
          const get = open.result.transaction('learners').objectStore('learners').get('emp:BJ031');
          get.onsuccess = () => resolve(get.result);
        };
      }),
  );
}

async function saved(download: Promise<Download>): Promise<string> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cert-')), 'certificate.pdf');
  await (await download).saveAs(file);
  return file;
}

describe('training for a new 清洁保洁 employee', () => {
  it('creates a learner profile for the post on a shared device', async () => {
    await page.goto(`${base}/training/`);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false); // served by the service worker
    await page.locator('training-home[data-state="ready"]').waitFor();
    await page.getByLabel('姓名').fill('李芳');
    await page.getByLabel('工号').fill('BJ031');
    await page.getByRole('button', { name: '新建学员' }).tap();
    await page.locator('[data-learner-error]', { hasText: '请选择培训岗位' }).waitFor();
    await page.getByLabel('培训岗位').selectOption('cleaning');
    await page.getByRole('button', { name: '新建学员' }).tap();
    await page.locator('[data-current]', { hasText: '当前学员：李芳' }).waitFor();
    await page.getByLabel('姓名').fill('李芳');
    await page.getByLabel('工号').fill('BJ031');
    await page.getByLabel('培训岗位').selectOption('cleaning');
    await page.getByRole('button', { name: '新建学员' }).tap();
    await page.locator('[data-learner-error]', { hasText: '已有学员' }).waitFor();
  });

  it('opens the path with cleaning procedures, each saying why; no supervisor pages; nothing to tick', async () => {
    await page.goto(`${base}/training/cleaning/`);
    await page.locator('training-path[data-state="ready"]').waitFor();
    const ids = await page.locator('[data-page]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.page!));
    expect(ids.slice(0, 4)).toEqual([GUIDE, 'environment/public-areas', 'environment/waste', 'environment/special-cleaning']);
    expect(await page.locator('.path-stage h2').first().innerText()).toBe('本岗位操作程序');
    expect(await page.locator('[data-page]').first().locator('.path-why').innerText()).toMatch(/^为什么学：.{4,}/);
    mkdirSync('.cache/shots', { recursive: true });
    await page.screenshot({ path: '.cache/shots/training-path-phone.png' });
    expect(ids).not.toContain('quality/evaluation-system');
    expect(ids).not.toContain('quality/complaint-analysis');
    expect(await page.locator('[data-stage="supervisor"]').count()).toBe(0);
    // Company background comes last and is optional.
    expect(ids.at(-1)).toMatch(/^company\//);
    expect(await page.locator('[data-page][data-stage="background"] [data-state]').first().innerText()).toBe('选读');
    expect(await page.getByRole('button', { name: '已学完' }).count()).toBe(0);
    expect(await page.locator('[data-continue]').getAttribute('href')).toBe(`/handbook/${GUIDE}/`);
    expect(await page.getByRole('button', { name: '签署并生成培训合格证明（PDF）' }).isDisabled()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
  });

  it('does not count a page opened but not read to its end, nor one scrolled through too fast', async () => {
    await page.goto(`${base}/handbook/${GUIDE}/`);
    const root = page.locator('[data-reading]');
    // The tracker starts once the page is idle (later on a busy machine).
    await root.locator('[data-read-status]:not([hidden])').waitFor();
    expect(await root.locator('[data-read-status]').innerText()).toMatch(/李芳：读到本页末尾并在本页停留至少 160 秒后，记为已读/);
    await page.clock.runFor(300_000); // five minutes at the top of the page
    expect(await root.getAttribute('data-read-state')).toBeNull();
    await page.goto(`${base}/handbook/environment/waste/`);
    await root.locator('[data-read-status]:not([hidden])').waitFor(); // the tracker has started
    await root.locator('[data-read-end]').scrollIntoViewIfNeeded();
    await page.clock.runFor(10_000); // at the end after ten seconds
    expect(Number(await root.getAttribute('data-read-seconds'))).toBeGreaterThanOrEqual(10);
    expect(await root.getAttribute('data-read-state')).toBeNull();
    await page.goto(`${base}/training/cleaning/`);
    await page.locator('training-path[data-state="ready"]').waitFor();
    expect(await page.locator(`[data-page="${GUIDE}"] [data-state]`).innerText()).toBe('未学');
    expect(await page.locator('[data-page="environment/waste"] [data-state]').innerText()).toBe('未学');
  });

  it('counts a page once read through and its quiz passed', async () => {
    await readPage(GUIDE);
    expect(await page.locator('[data-read-status]').innerText()).toContain('通过本篇小测验后记为学完');
    await page.goto(`${base}/training/cleaning/`);
    await page.locator('training-path[data-state="ready"]').waitFor();
    expect(await page.locator(`[data-page="${GUIDE}"] [data-state]`).innerText()).toBe('已读完，待通过小测验');
    await passPageQuiz(GUIDE);
    await page.goto(`${base}/training/cleaning/`);
    await page.locator('training-path[data-state="ready"]').waitFor();
    expect(await page.locator(`[data-page="${GUIDE}"] [data-state]`).innerText()).toBe('已学完');
    expect(await page.locator('[data-continue]').getAttribute('href')).toBe('/handbook/environment/public-areas/');
  });

  it('answers a page quiz from the keyboard alone: Tab, arrows and Space, then Enter on 交卷; focus on the result', async () => {
    const id = 'environment/public-areas';
    await page.goto(`${base}/training/cleaning/quiz/?page=${encodeURIComponent(id)}`);
    await page.locator('training-quiz[data-state="ready"]').waitFor();
    const bank = await bankOf();
    /** Where the keyboard focus is: a question's option (and whether it is a right one), the 交卷 button, or elsewhere. */
    const focus = () =>
      page.evaluate((bank) => {
        const el = document.activeElement as HTMLInputElement | null;
        if (el?.matches('training-quiz button[type=submit]')) return { at: 'submit' as const };
        const fs = el?.closest<HTMLElement>('.quiz-question');
        if (!el || !fs) return { at: 'other' as const };
        const q = bank.find((b) => b.key === fs.dataset.key)!;
        const right = q.type === 'truefalse' ? el.value === String(q.answer) : (q.answer as number[]).includes(Number(el.value));
        return { at: 'option' as const, type: el.type, right, checked: el.checked, name: el.name };
      }, bank);
    const done = new Set<string>();
    for (let steps = 0; steps < 200; steps++) {
      await page.keyboard.press('Tab');
      let f = await focus();
      if (f.at === 'submit') break;
      if (f.at !== 'option') continue;
      if (f.type === 'checkbox') {
        if (f.right !== f.checked) await page.keyboard.press('Space');
        continue;
      }
      if (done.has(f.name!)) continue;
      // A radio group: Tab lands on one option, the arrows move and choose.
      for (let k = 0; k < 6 && !f.right; k++) {
        await page.keyboard.press('ArrowDown');
        f = await focus();
      }
      if (!f.checked) await page.keyboard.press('Space');
      done.add(f.name!);
    }
    expect((await focus()).at).toBe('submit');
    expect(done.size).toBe(await page.locator('.quiz-question:has(input[type=radio])').count());
    await page.keyboard.press('Enter');
    await page.locator('training-quiz[data-outcome="passed"]').waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('测验结果：通过');
  });

  it('reads the rest of the required path the same way', { timeout: 300_000 }, async () => {
    await page.goto(`${base}/training/cleaning/`);
    await page.locator('training-path[data-state="ready"]').waitFor();
    const required = (await path_()).filter((p) => !p.optional && p.id !== GUIDE);
    for (const p of required) {
      await readPage(p.id);
      if (p.questions) await passPageQuiz(p.id);
    }
    await page.goto(`${base}/training/cleaning/`);
    await page.locator('training-path[data-state="ready"]').waitFor();
    await page.locator('[data-summary]', { hasText: `已学完 ${required.length + 1} 篇` }).waitFor();
    expect(await page.locator('[data-continue]').isHidden()).toBe(true);
    expect(await page.locator('[data-blockers]').innerText()).toBe('岗位测验尚未通过');
  });

  it('draws the post exam mostly from cleaning pages; answers only after 交卷; a blank paper is no attempt', async () => {
    await page.goto(`${base}/training/cleaning/quiz/`);
    await page.locator('training-quiz[data-state="ready"]').waitFor();
    const bank = await bankOf();
    const drawn = (await page.locator('training-quiz').getAttribute('data-drawn'))!.split(' ');
    expect(drawn).toHaveLength(20);
    expect(await page.locator('.quiz-question').count()).toBe(20);
    const cleaning = drawn.filter((k) => bank.find((b) => b.key === k)!.specific);
    // Questions from pages written for 清洁保洁 (not `posts: all`): at least 12 of 20.
    expect(cleaning.length).toBeGreaterThanOrEqual(12);
    expect(drawn.every((k) => !bank.find((b) => b.key === k)!.optional)).toBe(true); // no company background
    // Every configurable value the path's required pages ask is asked.
    const values = new Set(bank.filter((b) => !b.optional).flatMap((b) => b.params));
    expect(values.size).toBeGreaterThanOrEqual(2);
    const asked = new Set(drawn.flatMap((k) => bank.find((b) => b.key === k)!.params));
    for (const key of values) expect(asked, key).toContain(key);
    expect(await page.locator('[data-timer]').innerText()).toMatch(/^剩余时间 30:00$/);
    expect(await page.locator('.quiz-mark, .quiz-feedback').count()).toBe(0);
    // A wrapped option keeps its radio button full size.
    const sizes = await page.locator('.quiz-option input').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(20);
    await page.getByRole('button', { name: '交卷' }).tap();
    await page.locator('[data-result-heading]', { hasText: '还没有作答' }).waitFor();
    expect((await learner()).attempts.filter((a) => a.scope === 'post:cleaning')).toHaveLength(0);
    expect(await page.locator('.quiz-mark').count()).toBe(0);
  });

  it('asks the configured values: the 安防巡逻 exam covers the patrol intervals and the other values its pages ask', async () => {
    await page.goto(`${base}/training/security-patrol/quiz/`);
    await page.locator('training-quiz[data-state="ready"]').waitFor();
    const bank = await bankOf();
    const drawn = (await page.locator('training-quiz').getAttribute('data-drawn'))!.split(' ').map((k) => bank.find((b) => b.key === k)!);
    const asked = new Set(drawn.flatMap((q) => q.params));
    expect(asked).toContain('patrol.dayIntervalHours');
    expect(asked).toContain('patrol.nightIntervalHours');
    const all = new Set(bank.filter((b) => !b.optional).flatMap((b) => b.params));
    for (const key of all) expect(asked, key).toContain(key);
    expect(drawn.filter((q) => q.specific).length).toBeGreaterThanOrEqual(12);
    // Leave the cleaning exam (the one in progress on the other page) as it was.
    await page.goto(`${base}/training/cleaning/quiz/`);
    await page.locator('training-quiz[data-state="ready"]').waitFor();
  });

  it('fails once with the right option and the learner’s choice marked, focus on the result', async () => {
    await answer(false);
    await page.getByRole('button', { name: '交卷' }).tap();
    await page.locator('training-quiz[data-outcome="failed"]').waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('测验结果：未通过');
    expect(await page.locator('div[data-result]').innerText()).toMatch(/未通过.*第 1 次/);
    const first = page.locator('.quiz-question').first();
    expect(await first.locator('.quiz-option.is-answer .quiz-mark').first().innerText()).toBe('✓ 正确答案');
    expect(await first.locator('.quiz-option.is-chosen .quiz-mark').innerText()).toBe('✗ 你的选择');
    expect(await first.locator('.quiz-feedback').innerText()).toContain('依据：');
    mkdirSync('.cache/shots', { recursive: true });
    await page.screenshot({ path: '.cache/shots/training-feedback-phone.png' });
  });

  it('passes on the second attempt; both attempts are recorded', async () => {
    await page.getByRole('button', { name: '重新测验' }).tap();
    await page.locator('.quiz-question input:not([disabled])').first().waitFor();
    await answer(true);
    await page.getByRole('button', { name: '交卷' }).tap();
    await page.locator('training-quiz[data-outcome="passed"]').waitFor();
    expect(await page.locator('div[data-result]').innerText()).toMatch(/得分 100\.0.*通过.*第 2 次/);
    expect(await page.locator('.quiz-option.is-answer.is-chosen .quiz-mark').first().innerText()).toBe('✓ 正确答案 · 你的选择');
  });

  it('ends the exam when its time is up, and locks it after two failures in a row', async () => {
    await page.goto(`${base}/training/security-patrol/quiz/`); // the draw in progress is resumed
    await page.locator('training-quiz[data-state="ready"]').waitFor();
    await page.locator('.quiz-question').first().locator('input').first().check();
    await page.clock.runFor(31 * 60_000);
    await page.locator('training-quiz[data-outcome]').waitFor();
    expect(await page.locator('div[data-result]').innerText()).toMatch(/时间到，已自动交卷。.*第 1 次/);
    await page.getByRole('button', { name: '重新测验' }).tap();
    await page.locator('.quiz-question input:not([disabled])').first().waitFor();
    await answer(false);
    await page.getByRole('button', { name: '交卷' }).tap();
    await page.locator('training-quiz[data-outcome="failed"]').waitFor();
    await page.reload();
    await page.locator('training-quiz[data-outcome="locked"]').waitFor();
    expect(await page.locator('[data-intro]').innerText()).toMatch(/连续两次未通过.*间隔 24 小时/);
    expect(await page.locator('.quiz-question').count()).toBe(0);
  });

  it('signs with a typed name from the keyboard, once, and the certificate downloads again', async () => {
    await page.goto(`${base}/training/cleaning/`);
    await page.locator('training-path[data-state="ready"]').waitFor();
    expect(await page.locator('[data-blockers] li').count()).toBe(0);
    await page.getByLabel('不便手写时，输入本人姓名签署').fill('李四');
    await page.getByRole('button', { name: '签署并生成培训合格证明（PDF）' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-signoff-status]', { hasText: '不一致' }).waitFor();
    await page.getByLabel('不便手写时，输入本人姓名签署').fill('李芳');
    await page.getByRole('button', { name: '签署并生成培训合格证明（PDF）' }).focus();
    const downloading = page.waitForEvent('download', { timeout: 30_000 });
    await page.keyboard.press('Enter');
    const file = await saved(downloading);
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toContain('Signature is Valid');
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('培训合格证明');
    expect(text).toContain('李芳（工号BJ031）');
    expect(text).toContain('已阅读并理解岗位标准作业程序');
    expect(text).toContain('通过（100.0分）');
    expect(text).not.toMatch(/(^|[^0-9])0\.0分/); // a failed page quiz's score
    expect(text).not.toContain('—0.0');
    expect(execFileSync('pdfdetach', ['-list', file], { encoding: 'utf8' })).toContain('training-record.json');
    mkdirSync('.cache/shots', { recursive: true });
    execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '1', file, '.cache/shots/certificate']);
    await page.locator('training-path[data-signed="yes"]').waitFor();
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-signoff-status'))).toBe(true);
    const sign = page.locator('[data-sign-off]');
    expect(await sign.isDisabled()).toBe(true);
    expect(await page.locator('[data-blockers]').innerText()).toContain('无需再次签署');
    await sign.evaluate((b) => (b as HTMLButtonElement).click()); // even a forced click stores nothing
    expect((await learner()).signOffs).toHaveLength(1);
    const again = page.waitForEvent('download');
    await page.getByRole('button', { name: '再次下载培训合格证明' }).tap();
    expect(readFileSync(await saved(again))).toEqual(readFileSync(file));
  });

  it('shows one row per learner and post to the supervisor, filterable, sortable, as CSV', async () => {
    await page.goto(`${base}/training/records/`);
    await page.locator('training-records[data-state="ready"]').waitFor();
    const mine = page.locator('[data-rows] tr', { hasText: '李芳（BJ031）' });
    // Her assigned post and the one whose exam she sat: not one row per post whose shared pages she read.
    expect((await mine.allInnerTexts()).map((t) => t.split('\t')[1]).sort()).toEqual(['安防巡逻', '清洁保洁'].sort());
    const rows = mine.filter({ hasText: '清洁保洁' });
    const row = await rows.innerText();
    expect(row).toContain('清洁保洁');
    expect(row).toMatch(/最高 100\.0 分，共 2 次/);
    expect(row).toContain('已签署');
    await page.getByLabel('状态').selectOption('outdated');
    expect(await rows.count()).toBe(0);
    await page.getByLabel('状态').selectOption('signed');
    expect(await rows.count()).toBe(1);
    expect(await mine.count()).toBe(1);
    await page.getByLabel('状态').selectOption('');
    await page.getByLabel('岗位').selectOption('security-patrol');
    expect(await mine.allInnerTexts()).toEqual([expect.stringContaining('安防巡逻')]);
    await page.getByLabel('岗位').selectOption('cleaning');
    await page.getByLabel('姓名或工号').fill('BJ03');
    expect(await rows.count()).toBe(1);
    await page.getByRole('button', { name: '岗位测验' }).tap();
    expect(await page.locator('th[data-sort-col="score"]').getAttribute('aria-sort')).toBe('ascending');
    await page.getByRole('button', { name: '岗位测验' }).tap();
    expect(await page.locator('th[data-sort-col="score"]').getAttribute('aria-sort')).toBe('descending');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV（当前筛选）' }).tap()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toMatch(/李芳,BJ031,清洁保洁,\d+,\d+,100\.0,2,\d{4}-\d{2}-\d{2},0,已签署/);
  });

  it('asks to re-read a page changed after sign-off, then to sign again', { timeout: 120_000 }, async () => {
    await page.goto(`${base}/training/cleaning/`);
    await page.locator('training-path[data-state="ready"]').waitFor();
    // Simulate a content change of the guide: what was read and signed carries an older version.
    await page.evaluate(
      (id) =>
        new Promise<void>((resolve) => {
          const open = indexedDB.open('wuye-handbook');
          open.onsuccess = () => {
            const store = open.result.transaction('learners', 'readwrite').objectStore('learners');
            const get = store.get('emp:BJ031');
            get.onsuccess = () => {
              const p = get.result;
              p.reads[id].version = 'old-version';
              p.signOffs[0].versions[id] = 'old-version';
              store.put(p).onsuccess = () => resolve();
            };
          };
        }),
      GUIDE,
    );
    await page.reload();
    await page.locator('training-path[data-state="ready"]').waitFor();
    expect(await page.locator('[data-summary]').innerText()).toContain('签署确认后有 1 篇内容已更新，需重新学习');
    expect(await page.locator(`[data-page="${GUIDE}"] [data-state]`).innerText()).toBe('已更新，需重新学习');
    expect(await page.locator('[data-continue]').getAttribute('href')).toBe(`/handbook/${GUIDE}/`);
    expect(await page.locator('[data-sign-off]').isDisabled()).toBe(true);

    await page.goto(`${base}/training/records/`);
    await page.locator('training-records[data-state="ready"]').waitFor();
    expect(await page.locator('[data-rows] tr', { hasText: '李芳（BJ031）' }).filter({ hasText: '清洁保洁' }).innerText()).toContain(
      '内容已更新，需重新签署',
    );

    await readPage(GUIDE);
    await page.goto(`${base}/training/cleaning/`);
    await page.locator('training-path[data-state="ready"]').waitFor();
    expect(await page.locator('[data-summary]').innerText()).not.toContain('已更新');
    expect(await page.locator('[data-resign]').innerText()).toBe('签署后更新的 1 篇已重新学完，请重新签署确认。');
    // A finger stroke this time, as touch pointer events (Playwright's touchscreen can only tap).
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
    const downloading = page.waitForEvent('download', { timeout: 30_000 });
    await page.getByRole('button', { name: '重新签署并生成培训合格证明（PDF）' }).tap();
    expect(execFileSync('pdfsig', [await saved(downloading)], { encoding: 'utf8' })).toContain('Signature is Valid');
    await page.locator('[data-blockers]', { hasText: '无需再次签署' }).waitFor();
    expect((await learner()).signOffs).toHaveLength(2);
    expect(await page.locator('[data-resign]').isHidden()).toBe(true);
  });
});
