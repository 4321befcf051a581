// <training-home>: choose or create the learner, and show progress per post.
import { pathStatus, type PathPage } from '../../domain/progress';
import type { PostId } from '../../domain/taxonomy';
import { chooseLearner, createLearner, currentLearner, listLearners } from '../../adapters/store/learners-store';

class TrainingHome extends HTMLElement {
  #paths: Record<string, PathPage[]> = {};

  async connectedCallback(): Promise<void> {
    this.#paths = JSON.parse(this.querySelector('script[data-paths]')!.textContent!);
    const form = this.querySelector<HTMLFormElement>('[data-new-learner]')!;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const data = new FormData(form);
      const error = this.querySelector<HTMLElement>('[data-learner-error]')!;
      try {
        const name = String(data.get('name') ?? '').trim();
        const employeeNo = String(data.get('employeeNo') ?? '').trim();
        const post = String(data.get('post') ?? '') as PostId;
        if (!name || !employeeNo) throw new Error('请填写姓名和工号。');
        if (!post) throw new Error('请选择培训岗位。');
        await createLearner(name, employeeNo, post);
        form.reset();
        error.hidden = true;
        await this.#render();
      } catch (err) {
        error.textContent = (err as Error).message;
        error.hidden = false;
      }
    });
    this.querySelector('[data-learners]')!.addEventListener('click', async (e) => {
      const id = (e.target as HTMLElement).closest<HTMLButtonElement>('[data-learner]')?.dataset.learner;
      if (!id) return;
      chooseLearner(id);
      await this.#render();
    });
    await this.#render();
    this.dataset.state = 'ready';
  }

  async #render(): Promise<void> {
    const learners = await listLearners();
    const me = await currentLearner();
    this.querySelector('[data-current]')!.textContent = me ? `当前学员：${me.name}（工号 ${me.employeeNo}）` : '请选择或新建学员。';
    this.querySelector('[data-learners]')!.replaceChildren(
      ...learners.map((l) => {
        const li = document.createElement('li');
        const b = document.createElement('button');
        b.type = 'button';
        b.className = l.learnerId === me?.learnerId ? 'button' : 'button button-quiet';
        b.dataset.learner = l.learnerId;
        b.textContent = `${l.name}（${l.employeeNo}）`;
        li.append(b);
        return li;
      }),
    );
    for (const [post, path] of Object.entries(this.#paths)) {
      const el = this.querySelector(`[data-post-progress="${post}"]`);
      if (!el) continue;
      if (!me) {
        el.textContent = '';
        continue;
      }
      const s = pathStatus(path, me);
      const signed = me.signOffs.some((x) => x.post === post);
      const mine = me.posts?.includes(post as PostId);
      el.textContent = `${mine ? '我的培训岗位 · ' : ''}${signed ? '已签署 · ' : ''}已学 ${s.done} / ${s.total}${s.updated.length ? `，${s.updated.length} 篇已更新需重新学习` : ''}`;
    }
  }
}

customElements.define('training-home', TrainingHome);
