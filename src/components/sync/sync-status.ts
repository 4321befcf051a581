// <sync-status>: starts this device's replication when sync is configured, and shows per device
// what waits to be sent (tablet) or what was received and refused (manager). The replication
// client (PouchDB) is imported only here and only when configured, so pages without sync
// configured load none of it. On /reports/ a manager's reports go into <document-collection>, on
// /training/records/ training certificates into <training-import>; a learner's phone (role
// tablet) sends its signed certificates from the training pages.
import { hasSyncConfig } from '../../adapters/sync/sync-config-key';
import type { OwnDocument, SyncReport } from '../../adapters/sync/replicator';
import type { SyncConfig } from '../../schemas/sync-config';

class SyncStatus extends HTMLElement {
  #handle: { cancel(): void } | null = null;

  connectedCallback(): void {
    document.addEventListener('sync-config-changed', () => void this.#start());
    // A certificate just signed on this page goes into the outbox at once.
    document.addEventListener('signed-documents-changed', () => void this.#start());
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
    const [
      { startPush, syncDocFields },
      { certificateSyncFields },
      { appStores },
      { allCertificates },
      { verifyInWorker },
      { loadTrustList },
    ] = await Promise.all([
      import('../../adapters/sync/replicator'),
      import('../../domain/sync-doc'),
      import('../../adapters/store'),
      import('../../adapters/store/learners-store'),
      import('../../adapters/signing/verify-client'),
      import('../../adapters/signing/trust-store'),
    ]);
    const exports = await (await appStores()).documents.allExports();
    const trust = (await loadTrustList())?.list ?? null;
    const project = config.projects[0]!.name;
    const verify = async (pdf: Blob) => verifyInWorker(new Uint8Array(await pdf.arrayBuffer()), { trust, templates: [] });
    const readable = (r: Awaited<ReturnType<typeof verify>>) =>
      r.hash && r.facts.signer && r.verdict.kind !== 'tampered' && r.verdict.kind !== 'foreign';
    // Training certificates signed here are sent too, labelled with this device's project (a
    // certificate names none). They are few and carry no hash outside the file: read them now.
    const certs: OwnDocument[] = [];
    for (const c of await allCertificates()) {
      const pdf = new Blob([c.pdf as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
      const r = await verify(pdf);
      const parsed = (await import('../../schemas/training-document')).trainingDocumentSchema.safeParse(r.data);
      if (!readable(r) || r.facts.summary?.kind !== 'training' || !parsed.success) continue;
      certs.push({
        hash: r.hash!,
        project,
        fields: certificateSyncFields(r.hash!, parsed.data, r.facts.signer!.fingerprint, project),
        pdf,
      });
    }
    const own = new Map(certs.map((c) => [c.hash, c]));
    // The tablet reads each of its own files once before sending: the fields on the server come
    // from the signed file itself, and a file this device cannot read is never sent.
    const describe = async (e: { hash: string; pdf: Blob }): Promise<OwnDocument> => {
      if (own.has(e.hash)) return own.get(e.hash)!;
      const r = await verify(e.pdf);
      const ok = readable(r) && r.document && r.hash === e.hash;
      return {
        hash: e.hash,
        project: ok ? r.document!.record.project : null,
        fields: ok ? syncDocFields(e.hash, r.document!, r.facts.signer!.fingerprint) : null,
        pdf: e.pdf,
      };
    };
    return startPush(config, [...exports, ...certs], describe, (r) => this.#show(r));
  }

  async #pull(config: SyncConfig) {
    const [{ startPull }, { pageCollection, collectionReceiver }, { loadTrustList, trustListKey }] = await Promise.all([
      import('../../adapters/sync/replicator'),
      import('./sync-receivers'),
      import('../../adapters/signing/trust-store'),
    ]);
    // Without a collection on this page, documents are downloaded and checked on /reports/
    // (reports) or /training/records/ (training certificates).
    const collection = await pageCollection();
    const trustKey = async () => trustListKey((await loadTrustList())?.list ?? null);
    return startPull(config, collection && { receive: collectionReceiver(collection), kinds: collection.kinds, trustKey }, (r) =>
      this.#show(r),
    );
  }
}

customElements.define('sync-status', SyncStatus);
