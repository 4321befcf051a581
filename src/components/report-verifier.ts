// <report-verifier>: reads a dropped or chosen PDF and shows the verdict in plain Chinese.
const MAX_BYTES = 50 * 1024 * 1024;

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
    this.dataset.state = 'ready';
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
    if (file.size > MAX_BYTES)
      return this.#show('foreign', '文件太大', '检查报告一般不超过几 MB，这个文件超过 50 MB，未作检查。', file.name);
    this.querySelector('[data-result]')!.textContent = '正在检查…';
    try {
      const { verifyReport } = await import('../adapters/signing/verify-report');
      const { verdict } = await verifyReport(new Uint8Array(await file.arrayBuffer()));
      this.#show(verdict.kind, verdict.title, verdict.detail, file.name);
    } catch (err) {
      console.error(err);
      this.#show('foreign', '无法检查这个文件', '文件无法读取或已损坏。', file.name);
    }
  }
}

customElements.define('report-verifier', ReportVerifier);
