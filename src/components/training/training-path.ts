// <training-path>: a post's pages with the learner's state, "继续学习", the re-training prompt after
// a change, and the sign-off (drawn or typed name) with its certificate, downloadable again.
// Pages are marked read only by the reading script on the handbook page, never by a tap here.
import {
  assignPost,
  lastSignOff,
  pageState,
  pathStatus,
  resignState,
  signOff,
  signOffBlockers,
  type PathPage,
  type SignOff,
} from '../../domain/progress';
import type { PostId } from '../../domain/taxonomy';
import type { SignaturePad } from '../signature-pad';
import type { SignerChoice } from '../signer-choice';
import { downloadFile } from '../../adapters/files/download';
import { loadReportFonts, warmRareFont } from '../../adapters/pdf/fonts-client';
import { currentLearner, latestCertificate, saveCertificate, saveLearner } from '../../adapters/store/learners-store';
import { now, nowIso } from '../../adapters/clock';
import { handbookHref } from '../../domain/links';

const STATE_TEXT = { unread: '未学', quiz: '已读完，待通过小测验', read: '已学完', updated: '已更新，需重新学习' } as const;

/** A typed name as a signature image, 600 × 200 like the drawn one. */
async function typedSignaturePng(name: string): Promise<{ bytes: Uint8Array; width: number; height: number }> {
  const c = document.createElement('canvas');
  c.width = 600;
  c.height = 200;
  const ctx = c.getContext('2d')!;
  ctx.fillStyle = '#111';
  ctx.font = '96px "KaiTi", "STKaiti", "Noto Serif CJK SC", "Noto Sans CJK SC", serif';
  ctx.textBaseline = 'middle';
  ctx.fillText(name, 24, 100, 552);
  const blob = await new Promise<Blob>((resolve) => c.toBlob((b) => resolve(b!), 'image/png'));
  return { bytes: new Uint8Array(await blob.arrayBuffer()), width: 600, height: 200 };
}

class TrainingPath extends HTMLElement {
  #path: PathPage[] = [];
  #signing = false;

  async connectedCallback(): Promise<void> {
    this.#path = JSON.parse(this.querySelector('script[data-path]')!.textContent!);
    warmRareFont(); // names on certificates and monthly reports may need the rare part offline
    this.querySelector('[data-sign-off]')?.addEventListener('click', () => void this.#signOff());
    this.querySelector('[data-download-again]')?.addEventListener('click', () => void this.#downloadAgain());
    this.querySelector('[data-assign-post]')?.addEventListener('click', async () => {
      const me = await currentLearner();
      if (!me) return;
      await saveLearner(assignPost(me, this.dataset.post as PostId));
      await this.#render();
    });
    await this.#render();
    this.dataset.state = 'ready';
  }

  get #post(): string {
    return this.dataset.post!;
  }

  async #downloadAgain(): Promise<void> {
    const me = await currentLearner();
    const cert = me && (await latestCertificate(me.learnerId, this.#post));
    if (cert) downloadFile(cert.pdf as Uint8Array<ArrayBuffer>, 'application/pdf', cert.fileName);
  }

  async #signOff(): Promise<void> {
    if (this.#signing) return; // a second tap while the first is still signing
    const status = this.querySelector<HTMLElement>('[data-signoff-status]')!;
    const button = this.querySelector<HTMLButtonElement>('[data-sign-off]')!;
    const pad = this.querySelector<SignaturePad & HTMLElement>('signature-pad[data-signer="learner"]')!;
    const typed = this.querySelector<HTMLInputElement>('[data-typed-name]')!.value.trim();
    const me = await currentLearner();
    if (!me) return;
    if (pad.isEmpty && !typed) {
      status.textContent = '请在签名区手写签名，或在下方输入本人姓名。';
      return;
    }
    if (pad.isEmpty && typed !== me.name) {
      status.textContent = `输入的姓名与学员姓名「${me.name}」不一致，请输入本人姓名。`;
      return;
    }
    this.#signing = true;
    button.disabled = true;
    try {
      status.textContent = '正在生成培训合格证明…';
      const company = this.dataset.company ?? '';
      // Opened before the sign-off is made: a wrong PIN signs (and records) nothing.
      const signer = await this.querySelector<SignerChoice>('signer-choice')!.identity(me.name, company);
      if (!signer) throw new Error('培训合格证明必须签名。');
      const signed = signOff(this.#post, this.#path, me, nowIso(), pad.isEmpty ? 'typed' : 'drawn');
      const [{ makeCertificatePdf }, fonts, sig] = await Promise.all([
        import('../../adapters/pdf/certificate-pdf'),
        loadReportFonts(),
        pad.isEmpty ? typedSignaturePng(me.name) : pad.toPng(),
      ]);
      const record: SignOff = signed.signOffs.at(-1)!;
      const pdf = await makeCertificatePdf(
        {
          company,
          postName: this.dataset.postName ?? '',
          learner: signed,
          path: this.#path,
          signOff: record,
          signature: { imageId: 'sig', width: sig.width, height: sig.height },
        },
        fonts,
        new Map([['sig', sig.bytes]]),
        { date: now(), sign: { identity: signer.identity, name: signed.name } },
      );
      const fileName = `training-certificate-${this.#post}-${signed.employeeNo}.pdf`;
      // The sign-off is stored with its certificate, only once the certificate exists.
      await saveCertificate({
        id: `${signed.learnerId}|${this.#post}|${record.at}`,
        learnerId: signed.learnerId,
        post: this.#post,
        signedAt: record.at,
        fileName,
        pdf,
      });
      await saveLearner(signed);
      document.dispatchEvent(new Event('signed-documents-changed')); // sync sends it, when configured
      downloadFile(pdf as Uint8Array<ArrayBuffer>, 'application/pdf', fileName);
      status.textContent = `已签署，并生成了培训合格证明（${(pdf.length / 1024).toFixed(0)} KB）。`;
      this.dataset.signed = 'yes';
      pad.clear();
      this.querySelector<HTMLInputElement>('[data-typed-name]')!.value = '';
    } catch (err) {
      status.textContent = (err as Error).message;
    } finally {
      this.#signing = false;
      await this.#render();
      status.focus();
    }
  }

  async #render(): Promise<void> {
    const me = await currentLearner();
    const learner = this.querySelector('[data-learner]')!;
    const signButton = this.querySelector<HTMLButtonElement>('[data-sign-off]')!;
    if (!me) {
      learner.innerHTML = '';
      learner.append(
        '还没有选择学员。请先到',
        Object.assign(document.createElement('a'), { href: '/training/', textContent: '入职培训' }),
        '页面选择或新建学员。',
      );
      signButton.disabled = true;
      return;
    }
    learner.textContent = `学员：${me.name}（工号 ${me.employeeNo}）`;
    this.querySelector<HTMLElement>('[data-assign]')!.hidden = !!me.posts?.includes(this.#post as PostId);
    const s = pathStatus(this.#path, me);
    const resign = resignState(this.#post, this.#path, me);
    this.querySelector('[data-summary]')!.textContent =
      `必学 ${s.total} 篇，已学完 ${s.done} 篇，还需约 ${s.minutesLeft} 分钟。` +
      (resign.toReread.length ? `签署确认后有 ${resign.toReread.length} 篇内容已更新，需重新学习。` : '');
    const resignNote = this.querySelector<HTMLElement>('[data-resign]')!;
    resignNote.hidden = !resign.resignDue;
    resignNote.textContent = resign.resignDue ? `签署后更新的 ${resign.changed.length} 篇已重新学完，请重新签署确认。` : '';
    const next = this.querySelector<HTMLAnchorElement>('[data-continue]')!;
    next.hidden = !s.next;
    if (s.next) next.href = handbookHref(s.next.id);
    const blockers = signOffBlockers(this.#post, this.#path, me);
    this.querySelector('[data-blockers]')!.replaceChildren(
      ...blockers.map((b) => Object.assign(document.createElement('li'), { textContent: b })),
    );
    signButton.disabled = blockers.length > 0 || this.#signing;
    signButton.textContent = resign.resignDue ? '重新签署并生成培训合格证明（PDF）' : '签署并生成培训合格证明（PDF）';
    const again = this.querySelector<HTMLButtonElement>('[data-download-again]')!;
    again.hidden = !lastSignOff(me, this.#post) || !(await latestCertificate(me.learnerId, this.#post));
    for (const li of this.querySelectorAll<HTMLElement>('[data-page]')) {
      const page = this.#path.find((p) => p.id === li.dataset.page)!;
      const state = pageState(me, page);
      li.dataset.state = state;
      li.querySelector('[data-state]')!.textContent = page.optional && state === 'unread' ? '选读' : STATE_TEXT[state];
    }
  }
}

customElements.define('training-path', TrainingPath);
