// Inspection figures for `npm run bench`: a throwaway build with an extra 100-item template,
// then, in headless Chromium: time to open it, time from a tap to the answer being stored
// (p50/p95), and time to list 1,000 stored inspections.
/* global document, window, MutationObserver, requestAnimationFrame, indexedDB -- used only inside functions that run in the browser page (page.evaluate) */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from './chromium.mjs';
import { serve } from './serve.mjs';
import { copyProject } from './copy-project.mjs';
import { mainThreadCpu, TRACE_CATEGORIES } from './bench-trace.mjs';

/** @type {(xs: number[], q: number) => number} */
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
};

export function benchTemplate() {
  const sections = Array.from({ length: 10 }, (_, s) => {
    const items = Array.from({ length: 10 }, (_, i) => {
      const id = `b-${s}-${i}`;
      return i % 3 === 0
        ? `      - { id: ${id}, kind: deduct, text: 检查项目 ${s * 10 + i + 1}, standard: 按手册标准执行, method: 现场查看, points: 1, perFinding: 0.5, sop: customer-service/appointment }`
        : `      - { id: ${id}, kind: check, text: 检查项目 ${s * 10 + i + 1}, standard: 按手册标准执行, method: 现场查看, points: 1, sop: customer-service/appointment }`;
    });
    return `  - id: s-${s}\n    title: 第 ${s + 1} 部分\n    items:\n${items.join('\n')}`;
  });
  return `title: 性能测试用检查表（100 项）\nkind: inspection\nline: customer\nsummary: 仅用于 npm run bench 的临时模板，不随网站发布。\nsections:\n${sections.join('\n')}\n`;
}

/** A throwaway build with the 100-item template; returns its dist/ (the printed books' page numbers come from the cache). */
export function buildBenchSite() {
  const root = copyProject('handbook-bench-insp-');
  writeFileSync(path.join(root, 'content/checklists/bench-100.yaml'), benchTemplate());
  if (existsSync('.cache/print-pages')) cpSync('.cache/print-pages', path.join(root, '.cache/print-pages'), { recursive: true });
  const build = spawnSync('astro build', { cwd: root, shell: true, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error('性能测试用构建失败');
  return path.join(root, 'dist');
}

/**
 * @param {(name: string, value: string | number, unit: string) => void} out
 * @param {string} [dist] a site built by buildBenchSite (built here when not given)
 */
export async function benchInspections(out, dist = buildBenchSite()) {
  const server = await serve(dist, { port: 0 });
  const browser = await launchChromium();
  try {
    const ctx = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/inspections/`);
    await page.locator('inspection-list[data-state="ready"]').waitFor();
    await page.locator('input[name=template][value="bench-100"]').check();
    await page.fill('input[name=project]', '性能测试');
    await page.fill('input[name=area]', 'A');
    await page.fill('input[name=inspector]', '测试');
    await Promise.all([page.waitForURL(/\?id=/), page.click('form[data-new] button[type=submit]')]);
    await page.locator('inspection-form[data-state="ready"]').waitFor();
    const url = page.url();

    // Opening: from navigation start to the form being ready (read in the page, so Playwright's
    // round trips don't count), median of 7; then the same at 4× CPU slowdown (CDP), a mid-range
    // tablet's speed.
    await page.addInitScript(() => {
      new MutationObserver((_, obs) => {
        if (document.querySelector('inspection-form[data-state="ready"]')) {
          /** @type {any} */ (window).__readyAt = performance.now();
          obs.disconnect();
        }
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-state'] });
    });
    const cdp = await ctx.newCDPSession(page);
    for (const [rate, suffix] of /** @type {[number, string][]} */ ([
      [1, ''],
      [4, '.cpu4x'],
    ])) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      const opens = [];
      for (let i = 0; i < 7; i++) {
        await page.goto(url);
        await page.locator('inspection-form[data-state="ready"]').waitFor();
        opens.push(await page.evaluate(() => /** @type {any} */ (window).__readyAt));
      }
      out(`inspection.open-100-items${suffix}`, quantile(opens, 0.5).toFixed(0), 'ms');
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    // The main thread's own CPU time for one open (median of 5 traced opens).
    const cpuOpens = [];
    for (let i = 0; i < 5; i++) {
      await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      await page.goto(url);
      await page.locator('inspection-form[data-state="ready"]').waitFor();
      cpuOpens.push(mainThreadCpu(await browser.stopTracing()).cpuMs);
    }
    out('inspection.open-100-items.main-thread-cpu', quantile(cpuOpens, 0.5).toFixed(0), 'ms');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

    // Tap → stored: from the click to the write that contains it having finished.
    const times = await page.evaluate(async () => {
      const form = /** @type {HTMLElement} */ (document.querySelector('inspection-form'));
      const result = [];
      for (const item of document.querySelectorAll('[data-item]')) {
        const radio = /** @type {HTMLInputElement} */ (item.querySelector('input[value="pass"]'));
        const t = performance.now();
        const saved = new Promise(
          /** @param {(v?: unknown) => void} resolve */ (resolve) => {
            const obs = new MutationObserver(() => {
              if (form.querySelector('[data-save-state]')?.textContent === '已保存') {
                obs.disconnect();
                resolve();
              }
            });
            obs.observe(form, { attributes: true, subtree: true, childList: true, characterData: true });
          },
        );
        radio.click();
        await saved;
        result.push(performance.now() - t);
      }
      return result;
    });
    out('inspection.answer-stored.p50', quantile(times, 0.5).toFixed(1), 'ms');
    out('inspection.answer-stored.p95', quantile(times, 0.95).toFixed(1), 'ms');

    // As a person taps: a frame between taps; from the click to the end of the next frame (the
    // rendering task after the frame's callbacks), checking that frame shows the new score.
    for (const [rate, suffix] of /** @type {[number, string][]} */ ([
      [1, ''],
      [4, '.cpu4x'],
    ])) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      await page.goto(url);
      await page.locator('inspection-form[data-state="ready"]').waitFor();
      if (rate === 1) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      const frames = await page.evaluate(async (lose) => {
        const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
        const afterFrame = () =>
          new Promise((resolve) => {
            requestAnimationFrame(() => {
              const ch = new MessageChannel();
              ch.port1.onmessage = resolve;
              ch.port2.postMessage(0);
            });
          });
        const score = /** @type {HTMLElement} */ (document.querySelector('[data-score]'));
        const result = [];
        const items = [...document.querySelectorAll('[data-item]')];
        for (const [i, item] of items.entries()) {
          // Every item holds 符合 (or, the second round, a loss): each tap flips it, so the score changes.
          const value = !lose ? 'pass' : item.getAttribute('data-kind') === 'deduct' ? 'findings' : 'fail';
          const radio = /** @type {HTMLInputElement} */ (item.querySelector(`input[value="${value}"]`));
          await frame();
          const shown = score.textContent;
          const t = performance.now();
          radio.click();
          await afterFrame();
          result.push(performance.now() - t);
          if (score.textContent === shown) throw new Error(`第 ${i + 1} 项作答后的下一帧没有显示新的分数`);
        }
        return result;
      }, rate === 1);
      if (rate === 1) {
        const cpu = mainThreadCpu(await browser.stopTracing());
        out('inspection.answer.main-thread-cpu', (cpu.cpuMs / frames.length).toFixed(2), 'ms/tap');
      }
      out(`inspection.answer-next-frame${suffix}.p50`, quantile(frames, 0.5).toFixed(1), 'ms');
      out(`inspection.answer-next-frame${suffix}.p95`, quantile(frames, 0.95).toFixed(1), 'ms');
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

    // 1,000 stored inspections, written straight into IndexedDB, then the list page opened.
    await page.evaluate(async () => {
      const db = await new Promise((resolve) => {
        const r = indexedDB.open('wuye-handbook');
        r.onsuccess = () => resolve(r.result);
      });
      const tx = db.transaction('inspections', 'readwrite');
      const base = {
        templateId: 'bench-100',
        templateVersion: 'x',
        templateTitle: '性能测试用检查表',
        line: 'customer',
        area: 'A',
        inspector: '测试',
        status: 'final',
        answers: {},
        notes: {},
        photos: {},
        revision: 1,
        result: { score: 900, grade: 'excellent', vetoFailed: false, earned: 90, possible: 100 },
      };
      for (let i = 0; i < 1000; i++) {
        const day = String(1 + (i % 28)).padStart(2, '0');
        const at = `2026-${String(1 + (i % 12)).padStart(2, '0')}-${day}T09:00:00.000+08:00`;
        tx.objectStore('inspections').put({
          ...base,
          id: `bench-${i}`,
          project: `项目${i % 7}`,
          inspectedAt: at,
          createdAt: at,
          updatedAt: at,
          month: at.slice(0, 7),
        });
      }
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    });
    const lists = [];
    for (let i = 0; i < 3; i++) {
      const t = Date.now();
      await page.goto(`${server.url}/inspections/`);
      await page.locator('inspection-list[data-state="ready"]').waitFor();
      lists.push(Date.now() - t);
    }
    const rows = await page.locator('.inspection-row').count();
    out('inspection.list-1000', quantile(lists, 0.5), 'ms');
    out('inspection.list-rows', rows, 'rows');
  } finally {
    await browser.close();
    await server.close();
  }
}
