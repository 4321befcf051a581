// <training-path>: a post's pages with the learner's state, "继续学习" and "已学完".
import { changedSinceSignOff, markRead, pageState, pathStatus, signOff, signOffBlockers, type PathPage } from '../../domain/progress';
import type { SignaturePad } from '../signature-pad';
import type { SignerChoice } from '../signer-choice';
import { downloadFile } from '../../adapters/files/download';
import { loadReportFonts } from '../../adapters/pdf/fonts-client';
import { currentLearner, saveLearner } from '../../adapters/store/learners-store';
import { now, nowIso } from '../../adapters/clock';
import { handbookHref } from '../../domain/links';

const STATE_TEXT = { unread: '未学', read: '已学完', updated: '已更新，需重新学习' } as const;

class TrainingPath extends HTMLElement {
  #path: PathPage[] = [];

  async connectedCallback(): Promise<void> {
    this.#path = JSON.parse(this.querySelector('script[data-path]')!.textContent!);
    this.querySelector('[data-sign-off]')?.addEventListener('click', () => void this.#signOff());
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

  async #signOff(): Promise<void> {
    const status = this.querySelector('[data-signoff-status]')!;
    const pad = this.querySelector<SignaturePad & HTMLElement>('signature-pad[data-signer="learner"]')!;
    const me = await currentLearner();
    if (!me) return;
    if (pad.isEmpty) {
      status.textContent = '请先在签名区签名。';
      return;
    }
    try {
      status.textContent = '正在生成培训合格证明…';
      const company = this.dataset.company ?? '';
      // Opened before the sign-off is saved: a wrong PIN signs (and records) nothing.
      const signer = await this.querySelector<SignerChoice>('signer-choice')!.identity(me.name, company);
      if (!signer) throw new Error('培训合格证明必须签名。');
      const signed = signOff(this.dataset.post!, this.#path, me, nowIso());
      await saveLearner(signed);
      const [{ makeCertificatePdf }, fonts, sig] = await Promise.all([
        import('../../adapters/pdf/certificate-pdf'),
        loadReportFonts(),
        pad.toPng(),
      ]);
      const pdf = await makeCertificatePdf(
        {
          company,
          postName: this.dataset.postName ?? '',
          learner: signed,
          path: this.#path,
          signOff: signed.signOffs.at(-1)!,
          signature: { imageId: 'sig', width: sig.width, height: sig.height },
        },
        fonts,
        new Map([['sig', sig.bytes]]),
        { date: now(), sign: { identity: signer.identity, name: signed.name } },
      );
      downloadFile(pdf as Uint8Array<ArrayBuffer>, 'application/pdf', `training-certificate-${this.dataset.post}-${signed.employeeNo}.pdf`);
      status.textContent = `已签署，并生成了培训合格证明（${(pdf.length / 1024).toFixed(0)} KB）。`;
      this.dataset.signed = 'yes';
      await this.#render();
    } catch (err) {
      status.textContent = (err as Error).message;
    }
  }

  async #render(): Promise<void> {
    const me = await currentLearner();
    const learner = this.querySelector('[data-learner]')!;
    if (!me) {
      learner.innerHTML = '';
      learner.append(
        '还没有选择学员。请先到',
        Object.assign(document.createElement('a'), { href: '/training/', textContent: '入职培训' }),
        '页面选择或新建学员。',
      );
      for (const b of this.querySelectorAll<HTMLButtonElement>('[data-done]')) b.disabled = true;
      return;
    }
    learner.textContent = `学员：${me.name}（工号 ${me.employeeNo}）`;
    const s = pathStatus(this.#path, me);
    const changed = changedSinceSignOff(this.dataset.post!, this.#path, me);
    this.querySelector('[data-summary]')!.textContent =
      `已学 ${s.done} / ${s.total} 篇，还需约 ${s.minutesLeft} 分钟。` +
      (changed.length ? `签署确认后有 ${changed.length} 篇内容已更新，需重新学习。` : '');
    const next = this.querySelector<HTMLAnchorElement>('[data-continue]')!;
    next.hidden = !s.next;
    if (s.next) next.href = handbookHref(s.next.id);
    const blockers = signOffBlockers(this.dataset.post!, this.#path, me);
    this.querySelector('[data-blockers]')!.replaceChildren(
      ...blockers.map((b) => Object.assign(document.createElement('li'), { textContent: b })),
    );
    this.querySelector<HTMLButtonElement>('[data-sign-off]')!.disabled = blockers.length > 0;
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
