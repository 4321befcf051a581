// Browser-test helper for a learner's device: reading evidence for every required page of the
// post open on the page (`<training-path>`), its page quizzes and the post exam passed, written
// straight into the learner's record as the phone would have recorded them. Used by suites about
// what happens after the reading (hand-over, sync); reading for real is training.test.ts.
import type { Page } from 'playwright-core';

export async function studied(page: Page, employeeNo: string): Promise<void> {
  const entries = JSON.parse((await page.locator('script[data-path]').textContent())!) as {
    id: string;
    version: string;
    questions?: number;
    optional?: boolean;
    minutes: number;
  }[];
  await page.evaluate(
    ({ entries, id, post }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('wuye-handbook');
        open.onsuccess = () => {
          const store = open.result.transaction('learners', 'readwrite').objectStore('learners');
          const get = store.get(id);
          get.onsuccess = () => {
            const p = get.result;
            const at = new Date(Date.now() - 3_600_000).toISOString();
            for (const e of entries.filter((e) => !e.optional)) {
              p.reads[e.id] = { at, version: e.version, how: 'scrolled', seconds: e.minutes * 20 };
              if (e.questions) p.attempts.push({ scope: e.id, at, score: 1000, passed: true }); // tenths of a point
            }
            p.attempts.push({ scope: `post:${post}`, at, score: 950, passed: true });
            const put = store.put(p);
            put.onsuccess = () => resolve();
            put.onerror = () => reject(put.error);
          };
        };
      }),
    { entries, id: `emp:${employeeNo}`, post: await page.locator('training-path').getAttribute('data-post') },
  );
}
