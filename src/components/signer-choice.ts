// <signer-choice>: which key signs. Enrolled inspectors (company certificate, PIN) are picked
// explicitly; without enrolment a one-time self-signed key signs, as 未登记; the device's older
// self-signed keys are offered by id for the monthly report only. Nothing is looked up by the
// name typed on the record.
import type { SigningIdentity } from '../adapters/signing/certificate';
import { now } from '../adapters/clock';
import { listSigners } from '../adapters/store/enrolment-store';

/** The older self-signed keys, through their facade; loaded only where they are offered (monthly report). */
const keysStore = async () => (await (await import('../adapters/store')).appStores()).keys;

export interface ChosenSigner {
  identity: SigningIdentity;
  name: string;
  enrolled: boolean;
}

export class SignerChoice extends HTMLElement {
  #ready: Promise<void> | null = null;

  connectedCallback(): void {
    this.#ready = this.#fill();
    this.querySelector('[data-signer-select]')!.addEventListener('change', () => this.#sync());
  }

  get #select(): HTMLSelectElement {
    return this.querySelector('[data-signer-select]')!;
  }

  async #fill(): Promise<void> {
    const enrolled = (await listSigners()).filter((s) => s.certificate);
    const options: [string, string][] = [];
    if (enrolled.length) options.push(['', '请选择自己的证书']);
    for (const s of enrolled) options.push([`signer:${s.id}`, `${s.commonName} · ${s.device}（已登记）`]);
    if (this.dataset.mode === 'monthly') {
      for (const k of await (await keysStore()).all()) options.push([`key:${k.id}`, `${k.commonName}（本设备自签名证书，未登记）`]);
      options.push(['none', '不签名']);
    } else {
      options.push(['device', '本设备自签名证书（未登记）']);
    }
    this.#select.replaceChildren(
      ...options.map(([value, text]) => Object.assign(document.createElement('option'), { value, textContent: text })),
    );
    this.#sync();
    this.dataset.state = 'ready';
  }

  #sync(): void {
    const v = this.#select.value;
    const pin = this.querySelector<HTMLElement>('[data-pin-field]')!;
    pin.hidden = !v.startsWith('signer:');
    this.querySelector('[data-signer-hint]')!.textContent = v.startsWith('signer:')
      ? '输入本人的 PIN 后签名；PIN 只用于这一次签名，不会保存。'
      : v === 'device'
        ? this.dataset.mode === 'trainee'
          ? '没有登记签名证书的员工用本设备临时生成的证书签名（每次都是新证书，别人无法再用），主管导入时会显示“签名人未登记”，由主管确认后计入。'
          : '未在品质部登记的人可以用本设备临时生成的证书签名（每次都是新证书，别人无法再用），经理核对时会显示“签名人未登记”；登记请到“登记检查员”页面。'
        : '';
  }

  /**
   * The identity to sign with, opened for this one signature; throws a Chinese Error when no
   * choice was made, the PIN is wrong (counted), or the key is locked. `person` is whose name the
   * document carries; an enrolled key must be theirs. Returns null for 不签名.
   */
  async identity(person: string | null, company: string): Promise<ChosenSigner | null> {
    await this.#ready;
    const v = this.#select.value;
    const pinInput = this.querySelector<HTMLInputElement>('[data-signer-pin]')!;
    if (!v) throw new Error('请先在“用谁的证书签名”中选择自己的证书。');
    if (v === 'none') return null;
    if (v === 'device') {
      // A fresh key for this one signature: never a stored key found by the name on the record.
      const { oneTimeIdentity } = await import('../adapters/signing/device-identity');
      const identity = await oneTimeIdentity(person ?? '', company, now());
      return { identity, name: identity.commonName, enrolled: false };
    }
    if (v.startsWith('key:')) {
      const identity = await (await keysStore()).get(v.slice(4));
      if (!identity) throw new Error('所选的本设备证书已不存在，请刷新页面后重选。');
      return { identity, name: identity.commonName, enrolled: false };
    }
    const id = v.slice('signer:'.length);
    const { getSigner } = await import('../adapters/store/enrolment-store');
    const signer = await getSigner(id);
    if (!signer) throw new Error('所选证书已不在本设备上，请刷新页面后重选。');
    if (person !== null && signer.commonName !== person)
      throw new Error(`所选证书属于「${signer.commonName}」，而这份文件的签名人是「${person}」。请选择本人的证书。`);
    const pin = pinInput.value;
    pinInput.value = '';
    if (!pin) throw new Error('请输入 PIN。');
    const { unlockSigner } = await import('../adapters/signing/enrolled-signer');
    const identity = await unlockSigner(
      id,
      pin,
      { maxTries: Number(this.dataset.maxTries), lockMinutes: Number(this.dataset.lockMinutes) },
      now(),
    );
    return { identity, name: signer.commonName, enrolled: true };
  }
}

customElements.define('signer-choice', SignerChoice);
