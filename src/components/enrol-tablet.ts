// <enrol-tablet>: an inspector's enrolment on a tablet (key + request, then the certificate).
import { pinGate } from '../domain/pin-lockout';
import { pinProblem } from '../domain/secret-rules';
import { newId, nowIso, nowMs } from '../adapters/clock';
import { downloadFile } from '../adapters/files/download';
import { listSigners } from '../adapters/store/enrolment-store';
import type { StoredSigner } from '../adapters/store/db';
import type { QrTextEvent } from './qr-reader';
import { el } from './dom';

// pkijs/asn1js (the enrolment code) and the QR encoder load on first use, not with the page.
const enrolled = () => import('../adapters/signing/enrolled-signer');
const enrolment = () => import('../adapters/signing/enrolment');
const qr = () => import('../adapters/files/qr');

const DEVICE = 'enrol-device-name';
const day = (iso: string) => new Date(iso).toLocaleDateString('zh-CN');

function say(target: Element, text: string, error = false): void {
  target.textContent = text;
  target.classList.toggle('save-error', error);
}

class EnrolTablet extends HTMLElement {
  async connectedCallback(): Promise<void> {
    const form = this.querySelector<HTMLFormElement>('[data-enrol]')!;
    const device = this.querySelector<HTMLInputElement>('[data-device]')!;
    device.value = localStorage.getItem(DEVICE) ?? '';
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.#enrol(form);
    });
    this.addEventListener('qr-text', (e) => void this.#import((e as QrTextEvent).detail.text));
    await this.#render();
    this.dataset.state = 'ready';
  }

  async #enrol(form: HTMLFormElement): Promise<void> {
    const status = this.querySelector('[data-enrol-status]')!;
    const data = new FormData(form);
    const name = String(data.get('name')).trim();
    const device = String(data.get('device')).trim();
    const pin = String(data.get('pin'));
    const problem = !name ? '请填写检查员姓名。' : !device ? '请填写设备名称。' : pinProblem(pin, String(data.get('again')));
    if (problem) return say(status, problem, true);
    const button = form.querySelector('button')!;
    button.disabled = true;
    say(status, '正在生成签名密钥和登记申请…');
    try {
      const signer = await (
        await enrolled()
      ).enrolInspector({ commonName: name, device, organization: this.dataset.company ?? '' }, pin, newId(), nowIso());
      localStorage.setItem(DEVICE, device);
      form.reset();
      (form.elements.namedItem('device') as HTMLInputElement).value = device;
      say(status, `已为「${name}」生成登记申请。`);
      await this.#showRequest(signer);
      await this.#render();
    } catch (err) {
      say(status, `生成失败：${(err as Error).message}`, true);
    } finally {
      button.disabled = false;
    }
  }

  async #showRequest(s: StoredSigner): Promise<void> {
    const box = this.querySelector<HTMLElement>('[data-request]')!;
    this.querySelector('[data-request-title]')!.textContent = `「${s.commonName}」的登记申请`;
    const facts = this.querySelector('[data-request-facts]')!;
    facts.replaceChildren();
    for (const [k, v] of [
      ['姓名', s.commonName],
      ['设备', s.device],
      ['密钥指纹', await (await enrolment()).keyFingerprint(s.spki)],
    ])
      facts.append(el('dt', k), el('dd', v));
    const { requestFile, requestQrText } = await enrolment();
    const url = await (await qr()).qrDataUrl(requestQrText(s.request));
    this.querySelector<HTMLImageElement>('[data-request-qr]')!.src = url;
    this.querySelector<HTMLAnchorElement>('[data-request-qr-save]')!.href = url;
    this.querySelector<HTMLButtonElement>('[data-request-file]')!.onclick = () =>
      downloadFile(requestFile(s.request), 'application/json', `enrolment-request-${s.commonName}.json`);
    box.hidden = false;
    box.dataset.signer = s.id;
  }

  async #import(text: string): Promise<void> {
    const status = this.querySelector('[data-import-status]')!;
    try {
      const s = await (await enrolled()).acceptCertificate(text, nowIso());
      say(status, `已导入「${s.commonName}」的证书（有效期至 ${day(s.notAfter!)}）。签名报告时选择这张证书并输入 PIN。`);
      const req = this.querySelector<HTMLElement>('[data-request]')!;
      if (req.dataset.signer === s.id) req.hidden = true;
      await this.#render();
    } catch (err) {
      say(status, (err as Error).message, true);
    }
  }

  async #render(): Promise<void> {
    const list = this.querySelector('[data-signers]')!;
    list.replaceChildren();
    const now = nowMs();
    for (const s of await listSigners()) {
      const li = el('li', undefined, 'trust-card');
      li.dataset.signerId = s.id;
      li.dataset.status = s.certificate ? 'enrolled' : 'pending';
      li.append(el('p', `${s.commonName} · ${s.device}`, 'trust-card-title'));
      const gate = pinGate(s.pin, now);
      if (s.certificate) {
        li.append(el('p', `已登记，证书有效期至 ${day(s.notAfter!)}`));
      } else {
        li.append(el('p', `等待品质部签发证书（${day(s.createdAt)} 申请）`));
        const again = el('button', '显示登记申请', 'button button-quiet');
        again.type = 'button';
        again.onclick = () => void this.#showRequest(s);
        li.append(again);
      }
      if (!gate.allowed) li.append(el('p', `PIN 错误次数过多，已锁定到 ${new Date(gate.until).toLocaleTimeString('zh-CN')}`, 'save-error'));
      list.append(li);
    }
    if (!list.children.length) list.append(el('li', '本设备上还没有登记的检查员。', 'muted'));
  }
}

customElements.define('enrol-tablet', EnrolTablet);
