// <closure-updates>: rectification progress (已整改, 已复查, after-photos) leaves this device as a
// signed update of the record's report: a new document numbered after the last one exported,
// superseding it, signed by the inspector or a reviewer with the identity picked in <signer-choice>.
// It is recorded as an export, so 导出未交付的文件 packs it with the reports.
import type { ChecklistTemplate } from '../../domain/checklist';
import type { SignerChoice } from '../signer-choice';
import { closureSignature, pendingClosures, type PendingClosure } from '../../domain/closure-updates';
import { reportDocument, reportDocumentJson, shortFingerprint } from '../../domain/report-document';
import { reportPhotoIds } from '../../domain/report-layout';
import { exportFileName, nextExport } from '../../domain/document-files';
import { RECTIFICATION_STATUS_NAMES } from '../../domain/rectification';
import { appStores } from '../../adapters/store';
import { now, nowIso } from '../../adapters/clock';
import { sha256Hex } from '../../adapters/hash';
import { downloadFile } from '../../adapters/files/download';
import { canShareFile, shareFile } from '../../adapters/files/share';
import { loadReportFonts } from '../../adapters/pdf/fonts-client';

const COMPANY_KEY = 'report-company';

class ClosureUpdates extends HTMLElement {
  #pending: PendingClosure[] = [];
  #templates: Promise<ChecklistTemplate[]> | null = null;

  connectedCallback(): void {
    this.addEventListener('click', (e) => {
      const b = (e.target as HTMLElement).closest<HTMLButtonElement>('[data-sign-update]');
      if (b) void this.#sign(b);
    });
    // The rectification list changes a status: the pending list follows.
    document.addEventListener('rectifications-changed', () => void this.refresh());
    void this.refresh().then(() => (this.dataset.state = 'ready'));
  }

  async refresh(): Promise<void> {
    const stores = await appStores();
    const [records, rects, exports] = await Promise.all([
      stores.inspections.list(),
      stores.rectifications.all(),
      stores.documents.allExports(),
    ]);
    this.#pending = pendingClosures(records, rects, exports);
    const list = this.querySelector('[data-pending]')!;
    list.replaceChildren(...this.#pending.map((p) => this.#row(p)));
    const ready = this.#pending.filter((p) => !p.notExported).length;
    this.querySelector('[data-pending-status]')!.textContent = ready
      ? `有 ${ready} 份检查的整改进展尚未签发。签发后交给经理，经理的整改完成率才会更新。`
      : '所有整改进展都已签发。';
    this.dataset.pending = String(ready);
  }

  #row(p: PendingClosure): HTMLLIElement {
    const li = document.createElement('li');
    li.className = 'closure-row';
    li.dataset.closure = p.record.id;
    const counts = (['open', 'done', 'verified'] as const)
      .map((s) => [s, p.rectifications.filter((r) => r.status === s).length] as const)
      .filter(([, n]) => n)
      .map(([s, n]) => `${RECTIFICATION_STATUS_NAMES[s]} ${n}`)
      .join('，');
    li.append(
      Object.assign(document.createElement('p'), {
        className: 'rect-title',
        textContent: `${p.record.inspectedAt.slice(0, 10)} ${p.record.project} ${p.record.templateTitle}（${counts}）`,
      }),
    );
    if (p.notExported) {
      li.append(
        Object.assign(document.createElement('p'), {
          className: 'rect-meta',
          textContent: '本设备上没有这份检查的签名报告，无法在这里签发整改更新：请在生成报告的设备上签发，或先在检查记录页生成签名报告。',
        }),
      );
      return li;
    }
    const names = [...new Set([p.record.inspector, ...p.rectifications.flatMap((r) => (r.verifiedBy ? [r.verifiedBy] : []))])];
    const label = document.createElement('label');
    label.className = 'field';
    const select = document.createElement('select');
    select.dataset.updateSigner = '';
    select.append(...names.map((n) => new Option(n, n)));
    // The latest reviewer is the usual signer of a closure.
    select.value =
      [...p.rectifications].sort((a, b) => (b.verifiedAt ?? '').localeCompare(a.verifiedAt ?? ''))[0]?.verifiedBy ?? p.record.inspector;
    label.append(Object.assign(document.createElement('span'), { textContent: '签发人' }), select);
    const button = Object.assign(document.createElement('button'), {
      type: 'button',
      className: 'button',
      textContent: '签发整改更新（PDF）',
    });
    button.dataset.signUpdate = p.record.id;
    const status = Object.assign(document.createElement('p'), { className: 'report-status' });
    status.dataset.updateStatus = '';
    status.setAttribute('role', 'status');
    li.append(
      Object.assign(document.createElement('p'), {
        className: 'rect-meta',
        textContent: `自上次签发后有 ${p.changed.length} 项整改有进展：${p.changed.map((r) => `${r.description}（${RECTIFICATION_STATUS_NAMES[r.status]}）`).join('；')}`,
      }),
      label,
      button,
      status,
    );
    return li;
  }

  async #template(id: string, version: string): Promise<ChecklistTemplate> {
    this.#templates ??= fetch('/templates.json').then((r) => r.json() as Promise<ChecklistTemplate[]>);
    const t = (await this.#templates).find((x) => x.id === id);
    if (!t) throw new Error('找不到这份检查的检查表。');
    if (t.version !== version) throw new Error('检查表已更新，这份检查的版本已不在本网站中，无法生成整改更新。');
    return t;
  }

  async #sign(button: HTMLButtonElement): Promise<void> {
    const li = button.closest('li')!;
    const status = li.querySelector<HTMLElement>('[data-update-status]')!;
    const say = (text: string, error = false) => {
      status.textContent = text;
      status.classList.toggle('save-error', error);
    };
    const p = this.#pending.find((x) => x.record.id === button.dataset.signUpdate);
    if (!p) return;
    const person = li.querySelector<HTMLSelectElement>('[data-update-signer]')!.value;
    const company = localStorage.getItem(COMPANY_KEY)?.trim() || this.dataset.company || '';
    if (!company) return say('请先在检查记录页的报告区填写公司名称。', true);
    button.disabled = true;
    say('正在生成整改更新…');
    try {
      const stores = await appStores();
      const record = (await stores.inspections.get(p.record.id))!;
      const rects = await stores.rectifications.byInspection(record.id);
      const signedAt = nowIso();
      const line = closureSignature(record, rects, person, signedAt);
      if (!line.ok) throw new Error(line.reason);
      // The key is opened (PIN) before anything is made: a wrong PIN signs nothing.
      const signer = await this.querySelector<SignerChoice>('signer-choice')!.identity(person, company);
      if (!signer) throw new Error('整改更新必须签名。');
      const template = await this.#template(record.templateId, record.templateVersion);
      const history = nextExport(await stores.documents.exports(record.id));
      if (!history) throw new Error('本设备上没有这份检查的签名报告。');
      const json = reportDocumentJson(reportDocument(record, rects, [line.signature], history));
      const hash = await sha256Hex(json);
      const photos = (await Promise.all(reportPhotoIds(template, record, rects).map((id) => stores.photos.get(id)))).filter(
        (x) => x !== undefined,
      );
      const [{ makeReportPdf }, fonts] = await Promise.all([import('../../adapters/pdf/report-pdf'), loadReportFonts()]);
      const images = new Map<string, { bytes: Uint8Array; type: 'jpeg' | 'png' }>();
      for (const ph of photos)
        images.set(ph.id, { bytes: new Uint8Array(await ph.blob.arrayBuffer()), type: ph.blob.type === 'image/png' ? 'png' : 'jpeg' });
      const pdf = await makeReportPdf(
        {
          company,
          template,
          record,
          rectifications: rects,
          photos: photos.map((ph) => ({
            id: ph.id,
            itemId: ph.itemId,
            width: ph.width,
            height: ph.height,
            sha256: record.photoHashes?.[ph.id]?.sha256,
            originalOf: record.photoHashes?.[ph.id]?.originalOf,
          })),
          signatures: [line.signature],
          fingerprint: shortFingerprint(hash),
        },
        { ...fonts, images },
        { recordJson: json, date: now(), sign: { identity: signer.identity, name: person, location: record.project } },
      );
      const fileName = exportFileName({ ...record, update: history.update });
      const bytes = pdf as Uint8Array<ArrayBuffer>;
      await stores.documents.recordExport({
        hash,
        recordId: record.id,
        update: history.update,
        fileName,
        exportedAt: nowIso(),
        pdf: new Blob([bytes], { type: 'application/pdf' }),
      });
      downloadFile(bytes, 'application/pdf', fileName);
      await this.refresh();
      const file = new File([bytes], fileName, { type: 'application/pdf' });
      this.#done(file, hash, `已签发整改更新：${fileName}，签名人：${signer.name}${signer.enrolled ? '' : '（本设备自签名，未登记）'}。`);
    } catch (err) {
      console.error(err);
      say(`签发失败：${(err as Error).message}`, true);
      button.disabled = false;
    }
  }

  /** The row is gone once sent; the message and the share button stay above the list. */
  #done(file: File, hash: string, message: string): void {
    const box = this.querySelector<HTMLElement>('[data-closure-done]')!;
    box.replaceChildren(Object.assign(document.createElement('p'), { textContent: message }));
    if (canShareFile(file)) {
      const b = Object.assign(document.createElement('button'), { type: 'button', className: 'button', textContent: '分享整改更新' });
      b.addEventListener(
        'click',
        () =>
          void shareFile(file, file.name).then(async (ok) => {
            if (ok) await (await appStores()).documents.markDelivered([hash], nowIso());
          }),
      );
      box.append(b);
    }
    this.dataset.signed = String(Number(this.dataset.signed ?? 0) + 1);
  }
}

customElements.define('closure-updates', ClosureUpdates);
