// <trust-list-import>: shows which company trust list this device verifies against and imports
// a new one (checked with the root's signature; an older list or another root changes nothing
// without the user's say). Announces changes with a `trust-list-changed` event on document.
// The trust store, pkijs and the verifier's certificate code load after the page, on first use:
// they are not part of the page's own script.
const trustStore = () => import('../adapters/signing/trust-store');
const trustList = () => import('../adapters/signing/trust-list');
const verifier = () => import('../adapters/signing/verify-report');

class TrustListImport extends HTMLElement {
  connectedCallback(): void {
    const input = this.querySelector<HTMLInputElement>('[data-trust-file]')!;
    input.addEventListener('change', () => {
      const f = input.files?.[0];
      input.value = '';
      if (f) void this.#import(f);
    });
    void this.#status();
  }

  async #status(): Promise<void> {
    const box = this.querySelector('[data-trust-status]')!;
    const current = await (await trustStore()).loadTrustList();
    if (!current) {
      box.textContent =
        '本设备尚未导入公司信任列表：可以检查文件签名后有没有被改动，但无法确认签名人是否已在公司登记（都会显示为“签名人未登记”）。请向品质部索取信任列表文件后导入。';
      this.dataset.trust = 'none';
      return;
    }
    const { list } = current;
    const [{ fromBase64 }, { certificateFingerprint }] = await Promise.all([trustList(), verifier()]);
    const fp = await certificateFingerprint(fromBase64(list.root));
    box.textContent = `已导入「${list.company}」的信任列表：第 ${list.sequence} 版，发布于 ${list.issuedAt.slice(0, 10)}，已吊销 ${list.revocations.length} 张证书。根证书指纹 ${fp}。`;
    this.dataset.trust = String(list.sequence);
  }

  async #import(file: File): Promise<void> {
    const msg = this.querySelector('[data-trust-message]')!;
    try {
      const text = await file.text();
      const { saveTrustList } = await trustStore();
      let outcome = await saveTrustList(text);
      if (outcome.kind === 'other-root') {
        const ok = confirm(
          `这份信任列表属于另一个根证书（「${outcome.list.list.company}」）。改用它之后，原根证书签发的报告都会显示为“签名人未登记”。确定改用吗？`,
        );
        if (!ok) {
          msg.textContent = '未更改本设备的信任列表。';
          return;
        }
        outcome = await saveTrustList(text, { replaceRoot: true });
      }
      const said =
        outcome.kind === 'same'
          ? '这份信任列表与本设备已有的相同，无需更新。'
          : outcome.kind === 'newer'
            ? `已更新到第 ${outcome.list.list.sequence} 版，新增吊销 ${outcome.added.length} 张证书。`
            : `已导入第 ${outcome.list.list.sequence} 版信任列表。`;
      // The status first: when the message appears, the status above it is already current.
      await this.#status();
      msg.textContent = said;
      document.dispatchEvent(new CustomEvent('trust-list-changed'));
    } catch (err) {
      msg.textContent = `未导入：${(err as Error).message}`;
    }
  }
}

customElements.define('trust-list-import', TrustListImport);
