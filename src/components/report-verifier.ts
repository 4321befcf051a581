// <report-verifier>: reads a dropped or chosen PDF (inspection report, monthly report or training
// certificate) and shows the verdict in plain Chinese, against this device's company trust list.
import type { ChecklistTemplate } from '../domain/checklist';

const MAX_BYTES = 64 * 1024 * 1024;

class ReportVerifier extends HTMLElement {
  connectedCallback(): void {
    const drop = this.querySelector<HTMLElement>('[data-drop]')!;
    const input = this.querySelector<HTMLInputElement>('[data-file]')!;
    input.addEventListener('change', () => {
      const f = input.files?.[0];
      input.value = '';
      if (f) void this.#check(f);
    });
    drop.addEventListener('dragover', (e) => {
      e.preventDefault();
      drop.toggleAttribute('data-over', true);
    });
    drop.addEventListener('dragleave', () => drop.removeAttribute('data-over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.removeAttribute('data-over');
      const f = e.dataTransfer?.files[0];
      if (f) void this.#check(f);
    });
    // A newly imported trust list changes who counts as enrolled: check the last file again.
    document.addEventListener('trust-list-changed', () => {
      if (this.#last) void this.#check(this.#last);
    });
    this.dataset.state = 'ready';
  }

  #last: File | null = null;
  #templates: Promise<ChecklistTemplate[]> | null = null;

  #loadTemplates(): Promise<ChecklistTemplate[]> {
    this.#templates ??= fetch('/templates.json')
      .then((r) => (r.ok ? (r.json() as Promise<ChecklistTemplate[]>) : []))
      .catch(() => []);
    return this.#templates;
  }

  #show(kind: string, title: string, detail: string, file: string): void {
    const box = document.createElement('div');
    box.className = `verdict verdict-${kind}`;
    const h = document.createElement('h2');
    h.textContent = title;
    const p = document.createElement('p');
    p.textContent = detail;
    const f = document.createElement('p');
    f.className = 'muted';
    f.textContent = `文件：${file}`;
    box.append(h, p, f);
    this.querySelector('[data-result]')!.replaceChildren(box);
    this.dataset.verdict = kind;
  }

  async #check(file: File): Promise<void> {
    this.dataset.verdict = '';
    this.#last = file;
    if (file.size > MAX_BYTES)
      return this.#show('tampered', '文件太大', '本系统的文件一般不超过几 MB，这个文件超过 64 MB，未作检查。', file.name);
    this.querySelector('[data-result]')!.textContent = '正在检查…';
    try {
      const [{ verifyInWorker }, { loadTrustList }] = await Promise.all([
        import('../adapters/signing/verify-client'),
        import('../adapters/signing/trust-store'),
      ]);
      const trust = (await loadTrustList())?.list ?? null;
      const { verdict } = await verifyInWorker(new Uint8Array(await file.arrayBuffer()), { trust, templates: await this.#loadTemplates() });
      this.#show(verdict.kind, verdict.title, verdict.detail, file.name);
    } catch (err) {
      console.error(err);
      this.#show('foreign', '无法检查这个文件', '文件无法读取或已损坏。', file.name);
    }
  }
}

customElements.define('report-verifier', ReportVerifier);
