// <sync-status>: starts this device's replication when sync is configured, and shows per device
// what waits to be sent (tablet) or what was received and refused (manager). The replication
// client (PouchDB) is imported only here and only when configured, so pages without sync
// configured load none of it. On /reports/ a manager's documents go into <document-collection>.
import { hasSyncConfig } from '../../adapters/sync/sync-config-key';
import type { SyncReport } from '../../adapters/sync/replicator';
import type { SyncConfig } from '../../schemas/sync-config';

class SyncStatus extends HTMLElement {
  #handle: { cancel(): void } | null = null;

  connectedCallback(): void {
    document.addEventListener('sync-config-changed', () => void this.#start());
    void this.#start();
  }

  disconnectedCallback(): void {
    this.#handle?.cancel();
  }

  #show(r: SyncReport): void {
    const state = r.state === 'active' ? '（正在同步）' : r.state === 'offline' ? '（未连接，联网后自动继续）' : '';
    this.querySelector('[data-sync-line]')!.textContent = `${r.line}${state}`;
    const err = this.querySelector<HTMLElement>('[data-sync-error]')!;
    err.hidden = !r.error;
    err.textContent = r.error ?? '';
    const box = this.querySelector<HTMLElement>('[data-sync-refused-box]')!;
    box.hidden = r.refused.length === 0;
    this.querySelector('[data-sync-refused-count]')!.textContent = String(r.refused.length);
    this.querySelector('[data-sync-refused]')!.replaceChildren(
      ...r.refused.map((x) => Object.assign(document.createElement('li'), { textContent: `${x.id.slice(0, 16)}：${x.reason}` })),
    );
    this.dataset.state = r.state;
    this.dataset.line = r.line;
  }

  async #start(): Promise<void> {
    this.#handle?.cancel();
    this.#handle = null;
    // The configuration is checked (zod) only when there is one.
    const config = hasSyncConfig() ? (await import('../../adapters/sync/sync-config-store')).loadSyncConfig() : null;
    this.dataset.configured = String(!!config);
    if (!config) return;
    try {
      this.#handle = config.role === 'tablet' ? await this.#push(config) : await this.#pull(config);
    } catch (e) {
      const err = this.querySelector<HTMLElement>('[data-sync-error]')!;
      err.hidden = false;
      err.textContent = `同步未能启动：${(e as Error).message}`;
    }
  }

  async #push(config: SyncConfig) {
    const [{ startPush, syncDocFields }, { appStores }, { verifyInWorker }, { loadTrustList }] = await Promise.all([
      import('../../adapters/sync/replicator'),
      import('../../adapters/store'),
      import('../../adapters/signing/verify-client'),
      import('../../adapters/signing/trust-store'),
    ]);
    const exports = await (await appStores()).documents.allExports();
    const trust = (await loadTrustList())?.list ?? null;
    // The tablet reads each of its own files once before sending: the fields on the server come
    // from the signed file itself, and a file this device cannot read is never sent.
    const describe = async (e: { hash: string; pdf: Blob }) => {
      const r = await verifyInWorker(new Uint8Array(await e.pdf.arrayBuffer()), { trust, templates: [] });
      const ok = r.document && r.hash === e.hash && r.facts.signer && r.verdict.kind !== 'tampered' && r.verdict.kind !== 'foreign';
      return {
        hash: e.hash,
        project: ok ? r.document!.record.project : null,
        fields: ok ? syncDocFields(e.hash, r.document!, r.facts.signer!.fingerprint) : null,
        pdf: e.pdf,
      };
    };
    return startPush(config, exports, describe, (r) => this.#show(r));
  }

  async #pull(config: SyncConfig) {
    const [{ startPull }, { syncDocMismatch }, { loadTrustList, trustListKey }] = await Promise.all([
      import('../../adapters/sync/replicator'),
      import('../../domain/sync-doc'),
      import('../../adapters/signing/trust-store'),
    ]);
    const collection = document.querySelector('document-collection') as
      (HTMLElement & { receive: import('../reports/document-collection').DocumentCollectionApi['receive'] }) | null;
    if (collection && collection.dataset.state !== 'ready') {
      await new Promise<void>((resolve) => {
        const seen = new MutationObserver(() => collection.dataset.state === 'ready' && (seen.disconnect(), resolve()));
        seen.observe(collection, { attributes: true, attributeFilter: ['data-state'] });
      });
    }
    // Without the collection on this page, documents are downloaded and checked on /reports/.
    const receive: import('../../adapters/sync/replicator').Receiver | null = collection
      ? async (items) => {
          const files = items.map(
            (i) => new File([i.pdf], `同步·${i.fields.project}·${i.fields.month}·${i.id.slice(0, 8)}.pdf`, { type: 'application/pdf' }),
          );
          const itemOf = new Map(files.map((f, k) => [f, items[k]!]));
          const lines = await collection.receive(files, (file, result) => {
            const v = result.verdict;
            if (v.kind === 'untrusted' || v.kind === 'unsigned')
              return `同步收到的文件必须由公司登记的人员签名（${v.title}${v.reason ? `：${v.reason}` : ''}）`;
            if (v.kind !== 'valid') return null; // the collection refuses it itself
            if (!result.document || !result.hash) return '文件中没有可读取的检查记录';
            return syncDocMismatch(itemOf.get(file)!.fields, {
              hash: result.hash,
              document: result.document,
              signer: result.facts.signer?.fingerprint ?? '',
            });
          });
          return new Map(
            lines.map((l) => [
              itemOf.get(l.file)!.key,
              l.bucket === 'added' || l.bucket === 'updated' || l.bucket === 'duplicate'
                ? { kind: 'received' as const }
                : { kind: 'refused' as const, reason: l.line.replace(/^未(导入|收入)：/, '') },
            ]),
          );
        }
      : null;
    const trustKey = async () => trustListKey((await loadTrustList())?.list ?? null);
    return startPull(config, receive && { receive, trustKey }, (r) => this.#show(r));
  }
}

customElements.define('sync-status', SyncStatus);
