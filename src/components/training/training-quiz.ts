// <training-quiz>: a page quiz (?page=) or the post quiz; instant feedback with the handbook
// sentence that gives the answer; every attempt is recorded, retries included.
import type { QuizQuestion } from '../../schemas/handbook';
import { gradeQuiz, presentQuiz, type Answer, type PresentedQuestion } from '../../domain/quiz';
import { recordAttempt } from '../../domain/progress';
import { seededRandom } from '../../domain/random';
import { formatTenths } from '../../domain/tenths';
import { currentLearner, saveLearner } from '../../adapters/store/learners-store';
import { nowIso, nowMs } from '../../adapters/clock';
import { handbookHref } from '../../domain/links';

type BankQuestion = QuizQuestion & { pageId: string; pageTitle: string };
const POST_QUIZ_SIZE = 20;

class TrainingQuiz extends HTMLElement {
  #questions: BankQuestion[] = [];
  #presented: PresentedQuestion[] = [];
  #scope = '';

  async connectedCallback(): Promise<void> {
    const bank = JSON.parse(this.querySelector('script[data-bank]')!.textContent!) as BankQuestion[];
    const page = new URLSearchParams(location.search).get('page');
    if (page) {
      this.#questions = bank.filter((q) => q.pageId === page);
      this.#scope = page;
      this.querySelector('[data-title]')!.textContent = `本篇小测验：${this.#questions[0]?.pageTitle ?? page}`;
    } else {
      this.#scope = `post:${this.dataset.post}`;
      this.#questions = bank;
    }
    this.querySelector('form')!.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.#submit();
    });
    this.addEventListener('click', (e) => {
      if ((e.target as HTMLElement).closest('[data-retry]')) this.#start();
    });
    if (!(await currentLearner())) {
      this.querySelector('[data-intro]')!.textContent = '还没有选择学员，请先到“入职培训”页面选择或新建学员。';
      return;
    }
    this.#start();
    this.dataset.state = 'ready';
  }

  #start(): void {
    const seed = nowMs() % 2147483647;
    let pool = this.#questions;
    if (this.#scope.startsWith('post:') && pool.length > POST_QUIZ_SIZE) {
      // The post quiz draws a fresh sample of the path's questions for every attempt.
      const next = seededRandom(seed + 1);
      pool = [...pool]
        .map((q) => ({ q, k: next() }))
        .sort((a, b) => a.k - b.k)
        .slice(0, POST_QUIZ_SIZE)
        .map((x) => x.q);
    }
    this.#active = pool;
    this.#presented = presentQuiz(pool, seed);
    this.querySelector('[data-intro]')!.textContent = `共 ${pool.length} 题，达到 ${this.dataset.pass} 分为通过。多选题须全部选对才得分。`;
    const form = this.querySelector('form')!;
    form.replaceChildren(
      ...this.#presented.map((p, i) => {
        const q = pool[p.question]!;
        const fs = document.createElement('fieldset');
        fs.className = 'quiz-question';
        fs.dataset.index = String(i);
        const legend = document.createElement('legend');
        legend.textContent = `${i + 1}. ${q.q}${q.type === 'multiple' ? '（多选）' : q.type === 'truefalse' ? '（判断）' : q.type === 'phrasing' ? '（选出合适的说法）' : ''}`;
        fs.append(legend);
        const options =
          q.type === 'truefalse'
            ? [
                ['true', '正确'],
                ['false', '错误'],
              ]
            : p.options.map((o) => [String(o), q.options[o]!]);
        for (const [value, text] of options) {
          const label = document.createElement('label');
          label.className = 'quiz-option';
          const input = document.createElement('input');
          input.type = q.type === 'multiple' ? 'checkbox' : 'radio';
          input.name = `q${i}`;
          input.value = value!;
          label.append(input, ` ${text}`);
          fs.append(label);
        }
        return fs;
      }),
      Object.assign(document.createElement('button'), { type: 'submit', className: 'button', textContent: '交卷' }),
    );
    this.querySelector('[data-result]')!.replaceChildren();
  }

  #active: BankQuestion[] = [];

  async #submit(): Promise<void> {
    const form = this.querySelector('form')!;
    const answers: (Answer | undefined)[] = this.#active.map(() => undefined);
    this.#presented.forEach((p, i) => {
      const q = this.#active[p.question]!;
      const checked = [...form.querySelectorAll<HTMLInputElement>(`input[name="q${i}"]:checked`)].map((x) => x.value);
      if (!checked.length) return;
      answers[p.question] = q.type === 'truefalse' ? checked[0] === 'true' : checked.map(Number);
    });
    const result = gradeQuiz(this.#active, answers, Number(this.dataset.pass ?? 80));
    const me = await currentLearner();
    if (me) await saveLearner(recordAttempt(me, { scope: this.#scope, at: nowIso(), score: result.score, passed: result.passed }));
    const attempts = (me?.attempts.filter((a) => a.scope === this.#scope).length ?? 0) + 1;
    this.#presented.forEach((p, i) => {
      const fs = form.querySelector<HTMLElement>(`[data-index="${i}"]`)!;
      const q = this.#active[p.question]!;
      const ok = result.perQuestion[p.question]!;
      fs.classList.toggle('quiz-right', ok);
      fs.classList.toggle('quiz-wrong', !ok);
      const fb = document.createElement('p');
      fb.className = 'quiz-feedback';
      fb.append(ok ? '✓ 回答正确。' : '✗ 回答错误。', ` 依据：${q.explain} `);
      fb.append(Object.assign(document.createElement('a'), { href: handbookHref(q.pageId), textContent: `查看《${q.pageTitle}》` }));
      fs.append(fb);
      for (const input of fs.querySelectorAll('input')) input.disabled = true;
    });
    form.querySelector('button[type=submit]')?.remove();
    const res = this.querySelector('[data-result]')!;
    const summary = document.createElement('p');
    summary.className = result.passed ? 'quiz-pass' : 'quiz-fail';
    summary.textContent = `得分 ${formatTenths(result.score)}（答对 ${result.correct} / ${result.total}），${result.passed ? '通过' : '未通过'}。这是第 ${attempts} 次测验。`;
    res.replaceChildren(
      summary,
      Object.assign(document.createElement('button'), { type: 'button', className: 'button button-quiet', textContent: '重新测验' }),
    );
    (res.lastElementChild as HTMLElement).dataset.retry = '';
    this.dataset.outcome = result.passed ? 'passed' : 'failed';
  }
}

customElements.define('training-quiz', TrainingQuiz);
