// Browser-test helpers for a learner's device: a new learner made on /training/; reading evidence for every required page of the
// post open on the page (`<training-path>`), its page quizzes and the post exam passed, written
// straight into the learner's record as the phone would have recorded them. Used by suites about
// what happens after the reading (hand-over, sync); reading for real is training.test.ts.
import type { Page } from 'playwright-core';

/** Makes a new learner on /training/ as a new employee would, and waits until they are the current one. */
export async function newLearner(page: Page, who: { name: string; employeeNo: string; post: string }): Promise<void> {
  await page.locator('training-home[data-state="ready"]').waitFor();
  await page.getByLabel('姓名').fill(who.name);
  await page.getByLabel('工号').fill(who.employeeNo);
  await page.getByLabel('培训岗位').selectOption(who.post);
  await page.getByRole('button', { name: '新建学员' }).tap();
  await page.locator('[data-current]', { hasText: `当前学员：${who.name}` }).waitFor();
}

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
