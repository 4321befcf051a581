// <report-maker>: signs and exports the PDF report of a finalised inspection, on the device.
// The heavy parts (pdf-lib, fontkit, pkijs) load only when a report is made.
import type { ChecklistTemplate } from '../../domain/checklist';
import type { SignaturePad } from '../signature-pad';
import type { SignerChoice } from '../signer-choice';
import { reportDocument, reportDocumentJson, shortFingerprint } from '../../domain/report-document';
import { reportPhotoIds } from '../../domain/report-layout';
import { appStores } from '../../adapters/store';
import { now, nowIso } from '../../adapters/clock';
import { sha256Hex } from '../../adapters/hash';
import { downloadFile } from '../../adapters/files/download';
import { canShareFile, shareFile } from '../../adapters/files/share';
import { exportFileName, nextExport } from '../../domain/document-files';
import { loadReportFonts, warmRareFont } from '../../adapters/pdf/fonts-client';
import { plainText } from '../../domain/plain-text';

/** The company named in report headers: set on this device, else the site's configured name. */
const COMPANY_KEY = 'report-company';
function reportCompany(configured: string): string {
  return localStorage.getItem(COMPANY_KEY)?.trim() || configured;
}

class ReportMaker extends HTMLElement {
  connectedCallback(): void {
    this.querySelector('[data-make-report]')?.addEventListener('click', () => void this.#make());
    warmRareFont();
    // The representative's name survives a reload, like the signatures.
    const rep = this.querySelector<HTMLInputElement>('[data-rep-name]');
    const repKey = `report-rep:${new URLSearchParams(location.search).get('id') ?? ''}`;
    if (rep) {
      rep.value = localStorage.getItem(repKey) ?? '';
      rep.addEventListener('input', () => localStorage.setItem(repKey, rep.value));
    }
    const field = this.querySelector<HTMLInputElement>('[data-company-name]');
    if (field) {
      field.value = reportCompany(this.dataset.company ?? '');
      field.addEventListener('input', () => localStorage.setItem(COMPANY_KEY, field.value.trim()));
    }
  }

  /** Where the browser can share files, a tap sends the report on (企业微信, 微信, email…). */
  #offerShare(file: File, hash: string): void {
    const box = this.querySelector('[data-share]');
    if (!box || !canShareFile(file)) return;
    const b = Object.assign(document.createElement('button'), { type: 'button', className: 'button', textContent: '分享报告' });
    b.addEventListener(
      'click',
      () =>
        void shareFile(file, file.name).then(async (ok) => {
          if (!ok) return;
          this.#status(`已分享：${file.name}`);
          await (await appStores()).documents.markDelivered([hash], nowIso());
        }),
    );
    box.replaceChildren(b);
  }

  #status(text: string, error = false): void {
    const el = this.querySelector<HTMLElement>('[data-report-status]')!;
    el.textContent = text;
    el.classList.toggle('save-error', error);
  }

  async #make(): Promise<void> {
    const button = this.querySelector<HTMLButtonElement>('[data-make-report]')!;
    const pads = {
      inspector: this.querySelector<SignaturePad & HTMLElement>('signature-pad[data-signer="inspector"]')!,
      representative: this.querySelector<SignaturePad & HTMLElement>('signature-pad[data-signer="representative"]')!,
    };
    // A survey is signed by the surveyor alone (the resident is not asked to sign).
    const survey = this.dataset.survey !== undefined;
    const repName = plainText(this.querySelector<HTMLInputElement>('[data-rep-name]')!.value).trim();
    const missing = [
      pads.inspector.isEmpty && (survey ? '调查员签名' : '检查人签名'),
      !survey && !repName && '受检部门代表姓名',
      !survey && pads.representative.isEmpty && '受检部门代表签名',
    ].filter(Boolean);
    if (!reportCompany(this.dataset.company ?? '')) missing.unshift('公司名称');
    if (missing.length) return this.#status(`请先完成：${missing.join('、')}。`, true);
    button.disabled = true;
    this.#status('正在生成报告…');
    try {
      const id = new URLSearchParams(location.search).get('id')!;
      const stores = await appStores();
      const record = (await stores.inspections.get(id))!;
      const company = reportCompany(this.dataset.company ?? '');
      // The key is opened (PIN) before anything is made: a wrong PIN signs nothing.
      const signer = await this.querySelector<SignerChoice>('signer-choice')!.identity(record.inspector, company);
      if (!signer) throw new Error('报告必须签名。');
      const template = JSON.parse(document.querySelector('script[data-template]')!.textContent!) as ChecklistTemplate;
      const rects = await stores.rectifications.byInspection(id);
      // From the record, not the store's index: a revision's photos are filed under its original.
      const photos = (await Promise.all(reportPhotoIds(template, record, rects).map((p) => stores.photos.get(p)))).filter(
        (p) => p !== undefined,
      );
      const signedAt = nowIso();
      const signatures = survey
        ? [{ role: '调查员', name: record.inspector, signedAt }]
        : [
            { role: '检查人', name: record.inspector, signedAt },
            { role: '受检部门代表', name: repName, signedAt },
          ];
      // Every export is a new document: a re-issue (rectification progress) supersedes the last one.
      const history = nextExport(await stores.documents.exports(record.id));
      const json = reportDocumentJson(reportDocument(record, rects, signatures, history));
      const hash = await sha256Hex(json);
      const [{ makeReportPdf }, fonts, sigA, sigB] = await Promise.all([
        import('../../adapters/pdf/report-pdf'),
        loadReportFonts(),
        pads.inspector.toPng(),
        survey ? null : pads.representative.toPng(),
      ]);
      const images = new Map<string, { bytes: Uint8Array; type: 'jpeg' | 'png' }>([['sig-inspector', { bytes: sigA.bytes, type: 'png' }]]);
      if (sigB) images.set('sig-representative', { bytes: sigB.bytes, type: 'png' });
      for (const p of photos)
        images.set(p.id, { bytes: new Uint8Array(await p.blob.arrayBuffer()), type: p.blob.type === 'image/png' ? 'png' : 'jpeg' });
      const pdf = await makeReportPdf(
        {
          company,
          template,
          record,
          rectifications: rects,
          photos: photos.map((p) => ({
            id: p.id,
            itemId: p.itemId,
            width: p.width,
            height: p.height,
            sha256: record.photoHashes?.[p.id]?.sha256,
            originalOf: record.photoHashes?.[p.id]?.originalOf,
          })),
          signatures: [
            { ...signatures[0]!, imageId: 'sig-inspector', width: sigA.width, height: sigA.height },
            ...(sigB ? [{ ...signatures[1]!, imageId: 'sig-representative', width: sigB.width, height: sigB.height }] : []),
          ],
          fingerprint: shortFingerprint(hash),
        },
        { ...fonts, images },
        { recordJson: json, date: now(), sign: { identity: signer.identity, name: record.inspector, location: record.project } },
      );
      const fileName = exportFileName({ ...record, templateTitle: template.title, update: history?.update ?? 0 });
      // Said before the download starts, so the message is current when the file arrives.
      this.#status(
        `已生成并签名报告（${(pdf.length / 1024).toFixed(0)} KB），签名人：${signer.name}${signer.enrolled ? '' : '（本设备自签名，未登记）'}。`,
      );
      downloadFile(pdf as Uint8Array<ArrayBuffer>, 'application/pdf', fileName);
      await stores.documents.recordExport({
        hash,
        recordId: record.id,
        update: history?.update ?? 0,
        fileName,
        exportedAt: nowIso(),
        pdf: new Blob([pdf as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }),
      });
      this.#offerShare(new File([pdf as Uint8Array<ArrayBuffer>], fileName, { type: 'application/pdf' }), hash);
      this.dataset.state = 'done';
    } catch (err) {
      console.error(err);
      this.#status(`生成报告失败：${(err as Error).message}`, true);
    } finally {
      button.disabled = false;
    }
  }
}

customElements.define('report-maker', ReportMaker);
