// <training-path>: a post's pages with the learner's state, "继续学习" and "已学完".
import { changedSinceSignOff, markRead, pageState, pathStatus, type PathPage } from '../../domain/progress';
import { currentLearner, saveLearner } from '../../adapters/store/learners-store';
import { nowIso } from '../../adapters/clock';

const STATE_TEXT = { unread: '未学', read: '已学完', updated: '已更新，需重新学习' } as const;

class TrainingPath extends HTMLElement {
  #path: PathPage[] = [];

  async connectedCallback(): Promise<void> {
    this.#path = JSON.parse(this.querySelector('script[data-path]')!.textContent!);
    this.addEventListener('click', async (e) => {
      const button = (e.target as HTMLElement).closest<HTMLButtonElement>('[data-done]');
      if (!button) return;
      const me = await currentLearner();
      if (!me) return;
      const page = this.#path.find((p) => p.id === button.closest<HTMLElement>('[data-page]')!.dataset.page)!;
      await saveLearner(markRead(me, page, 'ticked', nowIso()));
      await this.#render();
    });
    await this.#render();
    this.dataset.state = 'ready';
  }

  async #render(): Promise<void> {
    const me = await currentLearner();
    const learner = this.querySelector('[data-learner]')!;
    if (!me) {
      learner.innerHTML = '';
      learner.append('还没有选择学员。请先到', Object.assign(document.createElement('a'), { href: '/training/', textContent: '入职培训' }), '页面选择或新建学员。');
      for (const b of this.querySelectorAll<HTMLButtonElement>('[data-done]')) b.disabled = true;
      return;
    }
    learner.textContent = `学员：${me.name}（工号 ${me.employeeNo}）`;
    const s = pathStatus(this.#path, me);
    const changed = changedSinceSignOff(this.dataset.post!, this.#path, me);
    this.querySelector('[data-summary]')!.textContent =
      `已学 ${s.done} / ${s.total} 篇，还需约 ${s.minutesLeft} 分钟。` + (changed.length ? `签署确认后有 ${changed.length} 篇内容已更新，需重新学习。` : '');
    const next = this.querySelector<HTMLAnchorElement>('[data-continue]')!;
    next.hidden = !s.next;
    if (s.next) next.href = `/handbook/${s.next.id}/`;
    for (const li of this.querySelectorAll<HTMLElement>('[data-page]')) {
      const page = this.#path.find((p) => p.id === li.dataset.page)!;
      const state = pageState(me, page);
      li.dataset.state = state;
      li.querySelector('[data-state]')!.textContent = STATE_TEXT[state];
      li.querySelector<HTMLButtonElement>('[data-done]')!.hidden = state === 'read';
    }
  }
}

customElements.define('training-path', TrainingPath);
