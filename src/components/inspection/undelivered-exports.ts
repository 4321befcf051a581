// <undelivered-exports>: the signed documents this device made but has not delivered yet, and one
// button that packs them all into a ZIP (with a manifest) for the manager, who imports it whole.
import { zipSync, strToU8 } from 'fflate';
import { appStores } from '../../adapters/store';
import { nowIso } from '../../adapters/clock';
import { downloadFile } from '../../adapters/files/download';
import { undeliveredManifest } from '../../domain/document-files';

class UndeliveredExports extends HTMLElement {
  async connectedCallback(): Promise<void> {
    this.querySelector('[data-zip]')!.addEventListener('click', () => void this.#zip());
    await this.#count();
    this.dataset.state = 'ready';
  }

  async #count(): Promise<void> {
    const list = await (await appStores()).documents.undelivered();
    this.querySelector('[data-undelivered]')!.textContent = list.length
      ? `本设备有 ${list.length} 份已签名的文件尚未交付：${list.map((e) => e.fileName).join('、')}`
      : '本设备生成的签名文件都已交付。';
    this.querySelector<HTMLButtonElement>('[data-zip]')!.disabled = list.length === 0;
    this.dataset.count = String(list.length);
  }

  async #zip(): Promise<void> {
    const stores = await appStores();
    const list = await stores.documents.undelivered();
    if (!list.length) return;
    const at = nowIso();
    const files: Record<string, Uint8Array> = {};
    for (const e of list) files[e.fileName] = new Uint8Array(await e.pdf.arrayBuffer());
    files['manifest.json'] = strToU8(JSON.stringify(undeliveredManifest(list, at), null, 2));
    downloadFile(
      zipSync(files, { level: 0 }) as Uint8Array<ArrayBuffer>,
      'application/zip',
      `未交付的签名文件 ${at.slice(0, 16).replace('T', ' ').replace(':', '时')}分.zip`,
    );
    await stores.documents.markDelivered(
      list.map((e) => e.hash),
      at,
    );
    await this.#count();
  }
}

customElements.define('undelivered-exports', UndeliveredExports);
