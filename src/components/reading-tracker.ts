// Reading evidence on a handbook page, for the learner chosen on this device: the page counts
// as read once its end has been on screen and the page has been visible for the time its length
// needs (readEnough). Started by pwa-client once the page is idle, on pages with [data-reading]; it does
// nothing until a learner is chosen. Writes one read to the learner's record in IndexedDB.
import { getLearner, openExisting, putLearner } from '../adapters/store/reading-evidence';
import { CURRENT_LEARNER_KEY } from '../adapters/store/current-learner';
import { markRead, pageState, readEnough, secondsNeeded } from '../domain/progress';
import { nowIso } from '../adapters/clock';

export async function trackReading(root: HTMLElement): Promise<void> {
  const id = localStorage.getItem(CURRENT_LEARNER_KEY);
  const status = root.querySelector<HTMLElement>('[data-read-status]')!;
  const end = root.querySelector<HTMLElement>('[data-read-end]')!;
  if (!id) return;
  const page = { id: root.dataset.pageId!, version: root.dataset.version!, questions: Number(root.dataset.questions ?? 0) };
  const minutes = Number(root.dataset.minutes ?? 1);
  const minSeconds = Number(root.dataset.minSeconds ?? 20);
  const db = await openExisting();
  const me = db && (await getLearner(db, id));
  if (!db || !me) return;
  const posts = (root.dataset.posts ?? '').split(' ').filter(Boolean);
  const post = me.posts?.find((p) => !posts.length || posts.includes(p)) ?? posts[0] ?? me.posts?.[0];
  const quizLink = () => {
    if (!page.questions || !post) return null;
    return Object.assign(document.createElement('a'), {
      href: `/training/${post}/quiz/?page=${encodeURIComponent(page.id)}`,
      className: 'button button-quiet',
      textContent: '做本篇小测验',
    });
  };
  const show = (text: string, withQuiz: boolean) => {
    const link = withQuiz ? quizLink() : null;
    status.replaceChildren(text, ...(link ? [' ', link] : []));
    status.hidden = false;
  };
  const state = pageState(me, page);
  if (state === 'read' || state === 'quiz') {
    root.dataset.readState = 'recorded';
    show(state === 'read' ? `${me.name}：本篇已学完。` : `${me.name}：本篇已读完，通过本篇小测验后记为学完。`, state === 'quiz');
    return;
  }
  const need = secondsNeeded(minutes, minSeconds);
  show(`${me.name}：读到本页末尾并在本页停留至少 ${need} 秒后，记为已读。`, false);
  let reachedEnd = false;
  let seconds = 0;
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) reachedEnd = true;
  });
  observer.observe(end);
  // Time counts only while the page is visible; a backgrounded tab is not reading.
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible') seconds += 1;
    root.dataset.readSeconds = String(seconds);
    if (!readEnough(reachedEnd, seconds, minutes, minSeconds)) return;
    clearInterval(timer);
    observer.disconnect();
    void (async () => {
      try {
        const fresh = await getLearner(db, id); // another tab may have written meanwhile
        if (!fresh) return;
        const read = markRead(fresh, page, nowIso(), seconds);
        await putLearner(db, read);
        root.dataset.readState = 'recorded';
        const counted = pageState(read, page) === 'read';
        show(counted ? `${me.name}：已记为读过，本篇已学完。` : `${me.name}：已记为读过。通过本篇小测验后记为学完。`, !counted);
      } catch {
        show('阅读记录未能保存到本设备，请重新打开本页再读一遍。', false);
      }
    })();
  }, 1000);
}
