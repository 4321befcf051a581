/* eslint-disable @typescript-eslint/ban-ts-comment -- see the next line */
// @ts-nocheck -- written before scripts/ were type-checked; to be given JSDoc types (noted in the issue 16 closing note)
/* global document, customElements, MutationObserver -- used only inside functions that run in the browser page (page.evaluate) */
// Runs query sets through the real <handbook-search> element on an open /search/ page, so query
// understanding, fallback and ranking are exactly what readers get. Shared by search-debug and bench.
import { readFileSync } from 'node:fs';

/** The kept query set (expect = the page ranked first) or a question set (expect = one of them in the top 3). */
export function loadQuerySet(file) {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  return Array.isArray(json) ? json.map((q) => ({ ...q, within: 1 })) : json.questions.map((q) => ({ ...q, within: 3 }));
}

/** Types `query` into the search box and returns the result paths (without /handbook/ and slashes) and the time taken. */
export async function runQuery(page, query) {
  return page.evaluate(async (q) => {
    await customElements.whenDefined('handbook-search');
    const el = document.querySelector('handbook-search');
    el.querySelector('input[name=q]').value = q;
    const t = performance.now();
    await el.run();
    const ms = performance.now() - t;
    const urls = [...el.querySelectorAll('.search-results li > a')].map((a) => new URL(a.href).pathname.replace(/^\/handbook\/|\/$/g, ''));
    return { urls, ms };
  }, query);
}

/** Page of a result path, without any #section. */
export const pageOf = (url) => url.split('#')[0];

/** Distinct pages in result order (section results of the same page count once). */
export function distinctPages(urls) {
  return [...new Set(urls.map(pageOf))];
}

export function isHit(entry, urls) {
  return distinctPages(urls)
    .slice(0, entry.within)
    .some((p) => entry.expect.includes(p));
}

/** Time from a keystroke (an input event, so the typing pause counts) to the results on screen. */
export async function typeQuery(page, query) {
  return page.evaluate(async (q) => {
    const el = document.querySelector('handbook-search');
    const input = el.querySelector('input[name=q]');
    const done = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (el.dataset.state === 'done' || el.dataset.state === 'error') {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(el, { attributes: true, attributeFilter: ['data-state'] });
    });
    const t = performance.now();
    input.value = q;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await done;
    return performance.now() - t;
  }, query);
}
