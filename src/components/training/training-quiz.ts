// <training-quiz>: a page quiz (?page=) or the post exam. The exam draws its questions from the
// post's path (mostly its own pages, its configurable values), runs against a time limit, keeps an
// attempt in progress across reloads, shows answers only after 交卷, records every attempt (a
// blank one is not an attempt) and locks for a cooling period after two failures in a row.
import { gradeQuiz, presentQuiz, type Answer, type PresentedQuestion } from '../../domain/quiz';
import { drawExam, examLockedUntil, secondsLeft } from '../../domain/exam';
import { recordAttempt } from '../../domain/progress';
import { formatTenths } from '../../domain/tenths';
import { currentLearner, saveLearner } from '../../adapters/store/learners-store';
import { nowIso, nowMs, toLocalIso } from '../../adapters/clock';
import { handbookHref } from '../../domain/links';

import { pathBank, type BankQuestion, type PathEntry, type SharedBank } from '../../domain/quiz-bank';

export const QUIZ_BANK_URL = '/training/quiz-bank.json';

/** An exam in progress, kept in localStorage so a reload neither resets the clock nor redraws. */
interface ExamInProgress {
  keys: string[];
  seed: number;
  startedAt: number;
  answers: Record<string, string[]>;
}

const TYPE_NOTE = { multiple: '（多选）', truefalse: '（判断）', phrasing: '（选出合适的说法）', single: '' } as const;

class TrainingQuiz extends HTMLElement {
  #bank: BankQuestion[] = [];
  #active: BankQuestion[] = [];
  #presented: PresentedQuestion[] = [];
  #scope = '';
  #exam = false;
  #learnerId = '';
  #timer: ReturnType<typeof setInterval> | undefined;
  #submitted = false;

  async connectedCallback(): Promise<void> {
    const path = JSON.parse(this.querySelector('script[data-path]')!.textContent!) as PathEntry[];
    try {
      const res = await fetch(QUIZ_BANK_URL);
      if (!res.ok) throw new Error(String(res.status));
      this.#bank = pathBank(path, (await res.json()) as SharedBank);
    } catch {
      this.querySelector('[data-intro]')!.textContent = '题库未能加载，请联网打开一次本页后再试。';
      return;
    }
    const page = new URLSearchParams(location.search).get('page');
    if (page) {
      this.#scope = page;
      this.querySelector('[data-title]')!.textContent = `本篇小测验：${this.#bank.find((q) => q.pageId === page)?.pageTitle ?? page}`;
    } else {
      this.#scope = `post:${this.dataset.post}`;
      this.#exam = true;
    }
    this.querySelector('form')!.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.#submit(false);
    });
    this.querySelector('form')!.addEventListener('change', () => this.#saveProgress());
    this.addEventListener('click', (e) => {
      if ((e.target as HTMLElement).closest('[data-retry]')) void this.#start(true);
    });
    const me = await currentLearner();
    if (!me) {
      this.querySelector('[data-intro]')!.textContent = '还没有选择学员，请先到“入职培训”页面选择或新建学员。';
      return;
    }
    this.#learnerId = me.learnerId;
    await this.#start(false);
    this.dataset.state = 'ready';
  }

  get #progressKey(): string {
    return `exam:${this.#learnerId}:${this.dataset.post}`;
  }

  #loadProgress(): ExamInProgress | null {
    try {
      return JSON.parse(localStorage.getItem(this.#progressKey) ?? 'null') as ExamInProgress | null;
    } catch {
      return null;
    }
  }

  #saveProgress(): void {
    if (!this.#exam || this.#submitted) return;
    const saved = this.#loadProgress();
    if (!saved) return;
    saved.answers = Object.fromEntries(this.#presented.map((p, i) => [this.#active[p.question]!.key, this.#checked(i)]));
    localStorage.setItem(this.#progressKey, JSON.stringify(saved));
  }

  #checked(i: number): string[] {
    return [...this.querySelectorAll<HTMLInputElement>(`form input[name="q${i}"]:checked`)].map((x) => x.value);
  }

  async #start(fresh: boolean): Promise<void> {
    this.#submitted = false;
    clearInterval(this.#timer);
    this.querySelector('[data-result]')!.replaceChildren();
    delete this.dataset.outcome;
    const intro = this.querySelector('[data-intro]')!;
    const pass = this.dataset.pass ?? '80';
    if (!this.#exam) {
      this.#active = this.#bank.filter((q) => q.pageId === this.#scope);
      this.#render(presentQuiz(this.#active, nowMs() % 2147483647), {});
      intro.textContent = `共 ${this.#active.length} 题，达到 ${pass} 分为通过；交卷后显示答案。多选题须全部选对才得分。`;
      return;
    }
    const me = (await currentLearner())!;
    const hours = Number(this.dataset.cooldown ?? 24);
    const locked = examLockedUntil(
      me.attempts.filter((a) => a.scope === this.#scope),
      nowMs(),
      hours,
    );
    if (locked !== null) {
      localStorage.removeItem(this.#progressKey);
      this.querySelector('form')!.replaceChildren();
      this.querySelector<HTMLElement>('[data-timer]')!.hidden = true;
      intro.textContent = `岗位测验已连续两次未通过。请先回到学习路径重读答错题目对应的篇目，${toLocalIso(new Date(locked)).slice(0, 16).replace('T', ' ')} 以后可以再次参加（间隔 ${hours} 小时）。`;
      this.dataset.outcome = 'locked';
      return;
    }
    let exam = fresh ? null : this.#loadProgress();
    if (exam && exam.keys.some((k) => !this.#bank.some((q) => q.key === k))) exam = null; // the bank changed
    if (!exam) {
      const seed = nowMs() % 2147483647;
      const pool = this.#bank.filter((q) => !q.optional);
      exam = { keys: drawExam(pool, seed).keys, seed, startedAt: nowMs(), answers: {} };
      localStorage.setItem(this.#progressKey, JSON.stringify(exam));
    }
    this.#active = exam.keys.map((k) => this.#bank.find((q) => q.key === k)!);
    this.dataset.drawn = exam.keys.join(' ');
    const minutes = Number(this.dataset.minutes ?? 30);
    intro.textContent = `共 ${this.#active.length} 题，限时 ${minutes} 分钟，达到 ${pass} 分为通过；交卷后才显示答案。多选题须全部选对才得分。连续两次未通过，须间隔 ${hours} 小时才能再考。`;
    this.#render(presentQuiz(this.#active, exam.seed), exam.answers);
    const timer = this.querySelector<HTMLElement>('[data-timer]')!;
    timer.hidden = false;
    const tick = () => {
      const left = secondsLeft(exam.startedAt, nowMs(), minutes);
      timer.textContent = `剩余时间 ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
      if (left === 0) void this.#submit(true);
    };
    tick();
    this.#timer = setInterval(tick, 1000);
  }

  #render(presented: PresentedQuestion[], answers: Record<string, string[]>): void {
    this.#presented = presented;
    const form = this.querySelector('form')!;
    form.replaceChildren(
      ...presented.map((p, i) => {
        const q = this.#active[p.question]!;
        const fs = document.createElement('fieldset');
        fs.className = 'quiz-question';
        fs.dataset.index = String(i);
        fs.dataset.key = q.key;
        const legend = document.createElement('legend');
        legend.textContent = `${i + 1}. ${q.q}${TYPE_NOTE[q.type]}`;
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
          input.checked = answers[q.key]?.includes(value!) ?? false;
          const span = document.createElement('span');
          span.textContent = text!;
          label.append(input, span);
          fs.append(label);
        }
        return fs;
      }),
      Object.assign(document.createElement('button'), { type: 'submit', className: 'button', textContent: '交卷' }),
    );
  }

  async #submit(timeUp: boolean): Promise<void> {
    if (this.#submitted) return;
    const form = this.querySelector('form')!;
    const answers: (Answer | undefined)[] = this.#active.map(() => undefined);
    const given: string[][] = [];
    this.#presented.forEach((p, i) => {
      const q = this.#active[p.question]!;
      const checked = this.#checked(i);
      given[i] = checked;
      if (!checked.length) return;
      answers[p.question] = q.type === 'truefalse' ? checked[0] === 'true' : checked.map(Number);
    });
    const res = this.querySelector('[data-result]')!;
    const heading = Object.assign(document.createElement('h2'), { tabIndex: -1 });
    heading.dataset.resultHeading = '';
    if (answers.every((a) => a === undefined)) {
      // Nothing answered: not an attempt. When time ran out the exam simply ends unrecorded.
      heading.textContent = timeUp ? '时间到，未作答' : '还没有作答';
      const p = document.createElement('p');
      p.textContent = timeUp ? '本次测验没有作答任何题目，不计为一次测验。' : '请先作答再交卷；空白试卷不计为一次测验。';
      res.replaceChildren(heading, p);
      if (timeUp) {
        this.#finish();
        res.append(this.#retryButton());
      }
      heading.focus();
      return;
    }
    this.#finish();
    const result = gradeQuiz(this.#active, answers, Number(this.dataset.pass ?? 80));
    const passed = result.passed;
    const me = await currentLearner();
    if (me)
      await saveLearner(
        recordAttempt(me, {
          scope: this.#scope,
          at: nowIso(),
          score: result.score,
          passed,
          ...(this.#exam ? { questions: this.#active.map((q) => q.key) } : {}),
        }),
      );
    const attempts = (me?.attempts.filter((a) => a.scope === this.#scope).length ?? 0) + 1;
    this.#presented.forEach((p, i) =>
      this.#feedback(
        form.querySelector<HTMLElement>(`[data-index="${i}"]`)!,
        this.#active[p.question]!,
        result.perQuestion[p.question]!,
        given[i]!,
      ),
    );
    form.querySelector('button[type=submit]')?.remove();
    heading.textContent = passed ? '测验结果：通过' : '测验结果：未通过';
    const summary = document.createElement('p');
    summary.className = passed ? 'quiz-pass' : 'quiz-fail';
    summary.textContent = `${timeUp ? '时间到，已自动交卷。' : ''}得分 ${formatTenths(result.score)}（答对 ${result.correct} / ${result.total}），${passed ? '通过' : '未通过'}。这是第 ${attempts} 次测验。下方每题标出了正确答案和你的选择。`;
    res.replaceChildren(heading, summary, this.#retryButton());
    this.dataset.outcome = passed ? 'passed' : 'failed';
    heading.focus();
  }

  #finish(): void {
    this.#submitted = true;
    clearInterval(this.#timer);
    if (this.#exam) localStorage.removeItem(this.#progressKey);
    this.querySelector<HTMLElement>('[data-timer]')!.hidden = true;
  }

  #retryButton(): HTMLButtonElement {
    const b = Object.assign(document.createElement('button'), {
      type: 'button',
      className: 'button button-quiet',
      textContent: '重新测验',
    });
    b.dataset.retry = '';
    return b;
  }

  /** Marks the right option(s) and the learner's choice in words, not by colour alone. */
  #feedback(fs: HTMLElement, q: BankQuestion, ok: boolean, chosen: string[]): void {
    fs.classList.toggle('quiz-right', ok);
    fs.classList.toggle('quiz-wrong', !ok);
    const right = q.type === 'truefalse' ? [String(q.answer)] : q.answer.map(String);
    for (const label of fs.querySelectorAll<HTMLLabelElement>('.quiz-option')) {
      const input = label.querySelector('input')!;
      input.disabled = true;
      const isAnswer = right.includes(input.value);
      const isChosen = chosen.includes(input.value);
      label.classList.toggle('is-answer', isAnswer);
      label.classList.toggle('is-chosen', isChosen);
      if (!isAnswer && !isChosen) continue;
      const mark = document.createElement('span');
      mark.className = 'quiz-mark';
      mark.textContent = isAnswer ? (isChosen ? '✓ 正确答案 · 你的选择' : '✓ 正确答案') : '✗ 你的选择';
      label.append(mark);
    }
    const fb = document.createElement('p');
    fb.className = 'quiz-feedback';
    fb.append(ok ? '✓ 回答正确。' : chosen.length ? '✗ 回答错误。' : '✗ 未作答。', ` 依据：${q.explain} `);
    fb.append(Object.assign(document.createElement('a'), { href: handbookHref(q.pageId), textContent: `查看《${q.pageTitle}》` }));
    fs.append(fb);
  }
}

customElements.define('training-quiz', TrainingQuiz);
