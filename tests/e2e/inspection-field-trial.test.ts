// What a field trial of a 40-item inspection on a tablet found, each checked as a supervisor meets
// it: survey wording and ratings, rectification text and deadlines, finding one's place again,
// a verdict that is not one yet, deleting a mistaken draft, badges a reviewer can tell apart.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const base = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

async function tablet(viewport = { width: 768, height: 1024 }): Promise<BrowserContext> {
  return browser.newContext({ viewport, hasTouch: true, isMobile: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
}

async function start(page: Page, template: string, header = { project: '翠湖花园', area: '3 栋', inspector: '赵主管' }): Promise<void> {
  await page.goto(`${base}/inspections/`);
  await page.locator('inspection-list[data-state="ready"]').waitFor();
  await page.locator(`input[name=template][value="${template}"]`).check();
  await page.fill('input[name=project]', header.project);
  await page.fill('input[name=area]', header.area);
  await page.fill('input[name=inspector]', header.inspector);
  await Promise.all([page.waitForURL(/\?id=/), page.locator('form[data-new] button[type=submit]').tap()]);
  await page.locator('inspection-form[data-state="ready"]').waitFor();
}

const background = (page: Page, sel: string) => page.locator(sel).evaluate((el) => getComputedStyle(el).backgroundColor);

describe('surveys', () => {
  it('use survey words, show the chosen rating, and do not prefill their header into the next inspection', async () => {
    const ctx = await tablet();
    const page = await ctx.newPage();
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${base}/inspections/`);
    await page.locator('inspection-list[data-state="ready"]').waitFor();
    await page.locator('input[name=template][value="survey-daily"]').check();
    expect(await page.locator('form[data-new]').innerText()).toContain('楼栋/房号');
    expect(await page.locator('form[data-new]').innerText()).toContain('调查员');
    expect(await page.locator('form[data-new] button[type=submit]').innerText()).toBe('开始调查');
    await start(page, 'survey-daily', { project: '翠湖花园', area: '5-1203', inspector: '钱调查' });
    expect(await page.locator('#finish-h').innerText()).toBe('完成调查');
    const items = page.locator('[data-item]');
    const n = await items.count();
    for (let i = 0; i < n; i++) await items.nth(i).locator('input[value="4"]').tap();
    const chosen = `[data-item="${await items.first().getAttribute('data-item')}"] input[value="4"] + span`;
    const other = `[data-item="${await items.first().getAttribute('data-item')}"] input[value="2"] + span`;
    expect(await background(page, chosen)).not.toBe(await background(page, other));
    await page.getByRole('button', { name: '问卷定稿' }).tap();
    await page.locator('[data-status]', { hasText: '已定稿' }).waitFor();
    expect(await background(page, chosen)).not.toBe(await background(page, other));

    await page.goto(`${base}/inspections/`);
    await page.locator('inspection-list[data-state="ready"]').waitFor();
    await page.locator('input[name=template][value="customer-service"]').check();
    expect(await page.inputValue('input[name=area]')).not.toBe('5-1203');
    expect(await page.inputValue('input[name=inspector]')).not.toBe('钱调查');
    expect(await page.locator('form[data-new] button[type=submit]').innerText()).toBe('开始检查');
    await ctx.close();
  });
});

describe('an inspection of the 客服 line', () => {
  it('keeps the rectification text in step with the count and refuses a deadline before the inspection', async () => {
    const ctx = await tablet();
    const page = await ctx.newPage();
    await start(page, 'customer-service');
    const item = page.locator('[data-item][data-kind="deduct"]').first();
    await item.locator('input[value="findings"]').tap();
    const desc = item.locator('[data-rect-field="description"]');
    await expect.poll(() => desc.inputValue()).toContain('发现 1 处问题');
    await item.getByRole('button', { name: '增加一处' }).tap();
    await item.getByRole('button', { name: '增加一处' }).tap();
    await expect.poll(() => desc.inputValue()).toContain('发现 3 处问题');
    expect(await desc.inputValue()).not.toContain('发现 1 处问题');

    const deadline = item.locator('[data-rect-field="deadline"]');
    const stored = await deadline.inputValue();
    await deadline.fill('2000-01-01');
    await item.locator('[data-rect-error]').filter({ hasText: '整改期限不能早于检查日期' }).waitFor();
    await page.locator('[data-save-state]', { hasText: '已保存' }).waitFor();
    await page.reload();
    await page.locator('inspection-form[data-state="ready"]').waitFor();
    expect(await item.locator('[data-rect-field="deadline"]').inputValue()).toBe(stored);
    expect(await item.locator('[data-rect-field="description"]').inputValue()).toContain('发现 3 处问题');
    await ctx.close();
  });

  it('shows the first answers as a provisional result, not a verdict', async () => {
    const ctx = await tablet();
    const page = await ctx.newPage();
    await start(page, 'customer-service');
    await page.locator('[data-item][data-kind="deduct"]').first().locator('input[value="findings"]').tap();
    const grade = page.locator('[data-grade]');
    await expect.poll(() => grade.innerText()).toContain('暂评');
    expect(await grade.getAttribute('data-provisional')).toBe('true');
    await ctx.close();
  });

  it('finds the place again: next unanswered item, resume after a reload, sticky section chips', async () => {
    const ctx = await tablet();
    const page = await ctx.newPage();
    await start(page, 'customer-service');
    const items = page.locator('[data-item]');
    await items.nth(0).locator('input[value="pass"]').tap();
    await items.nth(1).locator('input[value="pass"]').tap();
    await page.getByRole('button', { name: '下一个未答项' }).tap();
    const third = await items.nth(2).getAttribute('data-item');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-item]')?.getAttribute('data-item'))).toBe(third);
    // Far down the page, answer an item, reload: the page opens at it, not at the top.
    const far = items.nth(30);
    await far.scrollIntoViewIfNeeded();
    await far.locator('input[value="pass"]').tap();
    await page.locator('[data-save-state]', { hasText: '已保存' }).waitFor();
    await page.reload();
    await page.locator('inspection-form[data-state="ready"]').waitFor();
    await expect.poll(() => far.evaluate((el) => Math.round(el.getBoundingClientRect().top))).toBeLessThan(600);
    expect(await far.evaluate((el) => el.getBoundingClientRect().bottom)).toBeGreaterThan(0);
    // The section chips stay on screen.
    const nav = page.locator('.section-nav');
    expect(await nav.evaluate((el) => el.getBoundingClientRect().top)).toBeGreaterThanOrEqual(0);
    expect(await nav.evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(200);
    await ctx.close();
  });

  it('deletes a mistaken draft after confirmation', async () => {
    const ctx = await tablet();
    const page = await ctx.newPage();
    await start(page, 'security', { project: '误建项目', area: 'X', inspector: '赵主管' });
    const id = new URL(page.url()).searchParams.get('id')!;
    await page.goto(`${base}/inspections/`);
    await page.locator('inspection-list[data-state="ready"]').waitFor();
    const row = page.locator('.inspection-row', { hasText: '误建项目' });
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await row.getByRole('button', { name: '删除' }).tap();
    expect(asked).toContain('删除');
    expect(await row.count()).toBe(1); // dismissed: kept
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: '删除' }).tap();
    await expect.poll(() => row.count()).toBe(0);
    await page.goto(`${base}/inspections/security/?id=${id}`);
    await page.locator('inspection-form[data-state="missing"]').waitFor();
    await ctx.close();
  });
});

describe('file drop zones', () => {
  it('on /verify/ and /reports/ do not overlap the text around them, 768–1920 px', async () => {
    for (const width of [768, 1024, 1366, 1920]) {
      const ctx = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
      const page = await ctx.newPage();
      for (const route of ['/verify/', '/reports/']) {
        await page.goto(`${base}${route}`);
        const overlaps = await page.evaluate(() => {
          const drop = document.querySelector<HTMLElement>('[data-drop]')!;
          const d = drop.getBoundingClientRect();
          const hits: string[] = [];
          for (const el of drop.parentElement!.children) {
            if (el === drop || el.contains(drop) || !(el instanceof HTMLElement) || el.offsetParent === null) continue;
            const r = el.getBoundingClientRect();
            if (r.height === 0) continue;
            if (r.top < d.bottom - 0.5 && r.bottom > d.top + 0.5 && r.left < d.right && r.right > d.left)
              hits.push(el.outerHTML.slice(0, 60));
          }
          return hits;
        });
        expect(overlaps, `${route} @ ${width}px`).toEqual([]);
      }
      await ctx.close();
    }
  });
});

describe('signature pads', () => {
  it('keep a circle round after rotation and in the PDF image, and survive a reload with the representative’s name', async () => {
    const ctx = await tablet();
    const page = await ctx.newPage();
    page.on('dialog', (d) => void d.accept());
    await start(page, 'customer-service');
    for (const b of await page.locator('[data-all-pass]').all()) await b.tap();
    await page.getByRole('button', { name: '检查定稿' }).tap();
    await page.locator('[data-status]', { hasText: '已定稿' }).waitFor();
    const canvas = page.locator('signature-pad[data-signer="inspector"] canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const r = box.height * 0.35;
    await page.mouse.move(cx + r, cy);
    await page.mouse.down();
    for (let k = 1; k <= 48; k++) await page.mouse.move(cx + r * Math.cos((k * Math.PI) / 24), cy + r * Math.sin((k * Math.PI) / 24));
    await page.mouse.up();
    await page.getByLabel('受检部门代表姓名').fill('王芳');
    // Width / height of the inked pixels, on the canvas and in the PNG that goes into the PDF.
    const aspect = () =>
      page.evaluate(async () => {
        const inked = (c: HTMLCanvasElement) => {
          const g = c.getContext('2d')!;
          const { data } = g.getImageData(0, 0, c.width, c.height);
          let [x0, y0, x1, y1] = [c.width, c.height, 0, 0];
          for (let y = 0; y < c.height; y++)
            for (let x = 0; x < c.width; x++)
              if (data[(y * c.width + x) * 4 + 3]! > 0) {
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
                y0 = Math.min(y0, y);
                y1 = Math.max(y1, y);
              }
          return (x1 - x0) / (y1 - y0);
        };
        const pad = document.querySelector('signature-pad[data-signer="inspector"]') as HTMLElement & {
          toPng(): Promise<{ bytes: Uint8Array }>;
        };
        const png = await pad.toPng();
        const img = await createImageBitmap(new Blob([png.bytes as Uint8Array<ArrayBuffer>], { type: 'image/png' }));
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        c.getContext('2d')!.drawImage(img, 0, 0);
        return { screen: inked(pad.querySelector('canvas')!), png: inked(c) };
      });
    const before = await aspect();
    expect(before.screen).toBeGreaterThan(0.85);
    expect(before.screen).toBeLessThan(1.15);
    await page.setViewportSize({ width: 1024, height: 768 });
    await expect.poll(async () => (await aspect()).screen).toBeGreaterThan(0.85);
    const after = await aspect();
    expect(after.screen).toBeLessThan(1.15);
    expect(after.png).toBeGreaterThan(0.85);
    expect(after.png).toBeLessThan(1.15);
    await page.reload();
    await page.locator('inspection-form[data-state="ready"]').waitFor();
    expect(await page.getByLabel('受检部门代表姓名').inputValue()).toBe('王芳');
    expect(
      await page.evaluate(
        () => (document.querySelector('signature-pad[data-signer="inspector"]') as unknown as { isEmpty: boolean }).isEmpty,
      ),
    ).toBe(false);
    await ctx.close();
  });
});

describe('evidence photos', () => {
  it('a failed item that needs a photo blocks finalisation; a stamped, annotated photo is in the signed PDF and a revision’s too', async () => {
    const ctx = await tablet({ width: 1024, height: 768 });
    const page = await ctx.newPage();
    page.on('dialog', (d) => void d.accept());
    await start(page, 'customer-service');
    for (const b of await page.locator('[data-all-pass]').all()) await b.tap();
    const item = page.locator('[data-item="cs-owner-privacy"]');
    await item.locator('input[value="fail"]').tap();
    await item.getByLabel('责任部门').fill('客服部');
    await item.getByLabel('责任人').fill('王芳');
    await page.getByRole('button', { name: '检查定稿' }).tap();
    await page.locator('[data-problem-list] li', { hasText: '不符合时须拍照留证' }).waitFor();
    expect(await page.locator('[data-status]').innerText()).toContain('草稿');

    // A photo: stored stamped (a dark band bottom-left), then annotated with a circle.
    await item.locator('.insp-extra > summary').tap();
    const shot = await page.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 1200;
      c.height = 900;
      const g = c.getContext('2d')!;
      g.fillStyle = '#f4f4f4';
      g.fillRect(0, 0, 1200, 900);
      return c.toDataURL('image/png').split(',')[1]!;
    });
    await item.locator('[data-photo-input]').setInputFiles({ name: 'p.png', mimeType: 'image/png', buffer: Buffer.from(shot, 'base64') });
    await item.locator('[data-photos] img').first().waitFor();
    const band = await item
      .locator('[data-photos] img')
      .first()
      .evaluate(async (img: HTMLImageElement) => {
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.naturalWidth;
        c.height = img.naturalHeight;
        const g = c.getContext('2d')!;
        g.drawImage(img, 0, 0);
        const px = (x: number, y: number) => [...g.getImageData(x, y, 1, 1).data.slice(0, 3)].reduce((a, b) => a + b, 0) / 3;
        return { corner: px(4, c.height - 4), top: px(c.width - 4, 4) };
      });
    expect(band.top).toBeGreaterThan(200); // the photo itself is light
    expect(band.corner).toBeLessThan(160); // the stamp's band is dark
    await item.getByRole('button', { name: '标注' }).tap();
    const canvas = page.locator('dialog.annotator canvas');
    await canvas.waitFor();
    const b = (await canvas.boundingBox())!;
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
    await page.mouse.down();
    for (let k = 1; k <= 10; k++) await page.mouse.move(b.x + b.width / 2 + k * 10, b.y + b.height / 2);
    await page.mouse.up();
    await page.getByRole('button', { name: '保存标注（原图保留）' }).tap();
    await expect.poll(() => item.locator('[data-photos] img').count()).toBe(2);
    await page.locator('[data-save-state]', { hasText: '已保存' }).waitFor();

    await page.getByRole('button', { name: '检查定稿' }).tap();
    await page.locator('[data-status]', { hasText: '已定稿' }).waitFor();
    const hashes = await page.evaluate(async () => {
      const id = new URLSearchParams(location.search).get('id')!;
      const db = await new Promise<IDBDatabase>((resolve) => {
        const r = indexedDB.open('wuye-handbook');
        r.onsuccess = () => resolve(r.result);
      });
      const rec = await new Promise<{ photoHashes?: Record<string, { sha256: string; originalOf?: string }> }>((resolve) => {
        const g = db.transaction('inspections').objectStore('inspections').get(id);
        g.onsuccess = () => resolve(g.result);
      });
      db.close();
      return Object.values(rec.photoHashes ?? {});
    });
    expect(hashes).toHaveLength(2);
    expect(hashes.every((h) => /^[0-9a-f]{64}$/.test(h.sha256))).toBe(true);
    expect(hashes.filter((h) => h.originalOf)).toHaveLength(1);

    const report = async () => {
      for (const signer of ['inspector', 'representative']) {
        const c = page.locator(`signature-pad[data-signer="${signer}"] canvas`);
        await c.scrollIntoViewIfNeeded();
        const box = (await c.boundingBox())!;
        await page.mouse.move(box.x + 20, box.y + box.height / 2);
        await page.mouse.down();
        for (let k = 1; k <= 8; k++) await page.mouse.move(box.x + 20 + k * 20, box.y + box.height * (0.5 + 0.2 * Math.sin(k)));
        await page.mouse.up();
      }
      await page.getByLabel('受检部门代表姓名').fill('王芳');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '生成签名报告（PDF）' }).tap(),
      ]);
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'evidence-')), 'report.pdf');
      await download.saveAs(file);
      return file;
    };
    const first = await report();
    const text = execFileSync('pdftotext', [first, '-'], { encoding: 'utf8' }).replace(/\s/g, '');
    expect(text).toContain('（标注）');
    expect(text).toContain(`SHA-256${hashes[0]!.sha256.slice(0, 8)}`);
    const images = (f: string) => execFileSync('pdfimages', ['-list', f], { encoding: 'utf8' }).trim().split('\n').length - 2;
    expect(images(first)).toBeGreaterThanOrEqual(4); // 2 photos + 2 signatures
    const json = JSON.parse(
      execFileSync('pdfdetach', ['-saveall', '-o', path.dirname(first), first]) &&
        readFileSync(path.join(path.dirname(first), 'inspection-record.json'), 'utf8'),
    );
    expect(Object.keys(json.record.photoHashes)).toHaveLength(2);
    execFileSync('pdftoppm', ['-r', '50', '-png', first, '.cache/shots/evidence-report']);

    // A revision, finalised and reported, still carries every photo.
    const originalUrl = page.url();
    await Promise.all([page.waitForURL((u) => u.toString() !== originalUrl), page.getByRole('button', { name: '创建修订版' }).tap()]);
    await page.locator('inspection-form[data-state="ready"]').waitFor();
    // Items off screen are sized by estimate (content-visibility: auto) until first shown, so
    // scrolling to the button renders the items around it and moves it: scroll, let them render,
    // scroll again, then tap (a tap aimed before the move lands beside the button).
    const finalise = page.getByRole('button', { name: '检查定稿' });
    await finalise.scrollIntoViewIfNeeded();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await finalise.scrollIntoViewIfNeeded();
    await finalise.tap();
    await page.locator('[data-status]', { hasText: '已定稿' }).waitFor();
    const second = await report();
    expect(images(second)).toBe(images(first));
    await ctx.close();
  }, 120_000);
});
