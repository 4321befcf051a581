// <trust-import>: imports the company trust list into this device and shows the one held.
import type { TrustList } from '../schemas/trust-list';

export async function rootFingerprint(list: TrustList): Promise<string> {
  const [{ certificateFingerprint }, { fromBase64 }] = await Promise.all([
    import('../adapters/signing/certificate'),
    import('../adapters/signing/trust-list'),
  ]);
  return certificateFingerprint(fromBase64(list.root));
}

const day = (iso: string) => new Date(iso).toLocaleDateString('zh-CN');

class TrustImport extends HTMLElement {
  async connectedCallback(): Promise<void> {
    const input = this.querySelector<HTMLInputElement>('[data-trust-file]')!;
    input.addEventListener('change', async () => {
      const f = input.files?.[0];
      input.value = '';
      if (f) await this.#import(f);
    });
    await this.#show();
    this.dataset.state = 'ready';
  }

  async #show(): Promise<void> {
    const { getTrustList } = await import('../adapters/store/trust-store');
    const signed = await getTrustList('imported');
    const box = this.querySelector('[data-trust-current]')!;
    if (!signed) return;
    const l = signed.list;
    const p = document.createElement('p');
    p.textContent = `已导入：${l.company} · 第 ${l.sequence} 版（${day(l.issuedAt)} 发布）· 根证书指纹 ${(await rootFingerprint(l)).slice(0, 23)}… · 吊销 ${l.revocations.length} 张证书。`;
    const ul = document.createElement('ul');
    for (const r of l.revocations)
      ul.append(
        Object.assign(document.createElement('li'), {
          textContent: `已吊销：${r.name}（${r.device}），自 ${day(r.revokedAt)} 起，原因：${r.reason}`,
        }),
      );
    box.replaceChildren(p, ul);
    this.dataset.sequence = String(l.sequence);
  }

  async #import(file: File): Promise<void> {
    const status = this.querySelector('[data-trust-status]')!;
    status.classList.remove('save-error');
    try {
      if (file.size > 5 * 1024 * 1024) throw new Error('文件太大，不是信任列表。');
      const { importTrustList } = await import('../adapters/signing/department');
      const { nowIso } = await import('../adapters/clock');
      const replaceRoot = this.querySelector<HTMLInputElement>('[data-trust-replace]')!.checked;
      const { note } = await importTrustList(await file.text(), nowIso(), { replaceRoot });
      status.textContent = note;
      await this.#show();
      this.dispatchEvent(new CustomEvent('trust-changed', { bubbles: true }));
    } catch (err) {
      status.textContent = (err as Error).message;
      status.classList.add('save-error');
    }
  }
}

customElements.define('trust-import', TrustImport);
