// <document-collection>: the manager's collection of signed documents. Imports PDFs through the
// worker-side checker and keeps each under its document id with the original file; search, filter,
// open, include/exclude, delete (with undo), history. Announces `collection-changed`. When the trust
// list changes, every stored original is checked again, so a revocation reaches collected documents.
import type { ChecklistTemplate } from '../../domain/checklist';
import {
  currentDocuments,
  decideImport,
  historyOf,
  importState,
  importSummary,
  isProblem,
  noteStored,
  withUnsaved,
  type OutcomeBucket,
} from '../../domain/collection';
import { documentStatus, historyLine, isTicked, rowText, visibleDocuments } from '../../domain/collection-rows';
import { appStores } from '../../adapters/store';
import type { StoredDocument } from '../../adapters/store/db';
import { nowIso } from '../../adapters/clock';
import { readAhead } from '../../adapters/files/read-ahead';
import type { VerifyResult } from '../../adapters/signing/verify-report';
import { el } from '../dom';

/** Lets a caller refuse a file the checker read (e.g. sync: only enrolled signers, labels must agree). */
export type Vet = (file: File, result: VerifyResult) => string | null;
export interface ImportLine {
  file: File;
  bucket: OutcomeBucket;
  line: string;
}

/** How many files are read and checked ahead of the one being stored (bounds the memory held). */
const CHECK_AHEAD = 8;

function button(text: string, data: Record<string, string>): HTMLButtonElement {
  const b = el('button', text, 'button button-quiet');
  b.type = 'button';
  Object.assign(b.dataset, data);
  return b;
}

class DocumentCollection extends HTMLElement {
  #templates: ChecklistTemplate[] = [];
  #docs: StoredDocument[] = [];
  #undo: { hash: string; label: string } | null = null;
  /** Imports and re-checks run one after another (one checker, one consistent collection). */
  #queue: Promise<unknown> = Promise.resolve();

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** The documents as they stand (the report derives what counts from them). */
  get documents(): readonly StoredDocument[] {
    return this.#docs;
  }

  async connectedCallback(): Promise<void> {
    this.#templates = JSON.parse(this.closest('monthly-report')?.querySelector('script[data-templates]')?.textContent ?? '[]');
    const files = this.querySelector<HTMLInputElement>('[data-files]')!;
    files.addEventListener('change', () => {
      const list = [...(files.files ?? [])];
      files.value = '';
      void this.#serial(() => this.#import(list));
    });
    const drop = this.querySelector<HTMLElement>('[data-drop]')!;
    drop.addEventListener('dragover', (e) => (e.preventDefault(), drop.toggleAttribute('data-over', true)));
    drop.addEventListener('dragleave', () => drop.removeAttribute('data-over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.removeAttribute('data-over');
      const list = [...(e.dataTransfer?.files ?? [])];
      void this.#serial(() => this.#import(list));
    });
    this.querySelector('[data-filter]')!.addEventListener('input', () => this.#renderList());
    this.querySelector('[data-state-filter]')!.addEventListener('change', () => this.#renderList());
    this.querySelector('[data-collection]')!.addEventListener('click', (e) => void this.#act(e.target as HTMLElement));
    this.querySelector('[data-collection]')!.addEventListener('change', (e) => void this.#toggle(e.target as HTMLInputElement));
    this.querySelector('[data-undo]')!.addEventListener('click', () => void this.#undoDelete());
    // Trust decides who is enrolled: a new list means every collected document is checked again.
    document.addEventListener('trust-list-changed', () => void this.#serial(() => this.#recheck()));
    const stores = await appStores();
    await stores.documents.migrateLegacy();
    await this.#reload();
    this.dataset.state = 'ready';
    // The list may have changed on another page (/verify/) since these documents were checked.
    void this.#serial(() => this.#recheck());
  }

  /** Checks again every stored original not yet verified with the current trust list. */
  async #recheck(): Promise<void> {
    const progress = this.querySelector<HTMLProgressElement>('[data-progress]')!;
    const text = this.querySelector('[data-progress-text]')!;
    const stores = await appStores();
    const { recheckStored } = await import('../../adapters/signing/recheck-stored');
    const { summary } = await recheckStored(await stores.documents.all(), {
      templates: this.#templates,
      save: (hash, write) => stores.documents.setVerdict(hash, write),
      progress: (done, total, d) => {
        this.dataset.recheck = 'running';
        Object.assign(progress, { hidden: false, max: total, value: done });
        text.textContent = `信任列表已更新，正在重新核验已收集的文件 ${done + 1} / ${total}：${d.fileName}`;
      },
    });
    if (summary === null) return;
    progress.value = progress.max;
    text.textContent = summary;
    this.dataset.recheck = 'done';
    this.dataset.rechecked = String(Number(this.dataset.rechecked ?? 0) + 1);
    await this.#reload();
  }

  async #reload(): Promise<void> {
    this.#docs = await (await appStores()).documents.all();
    this.#renderList();
    this.dispatchEvent(new CustomEvent('collection-changed', { bubbles: true }));
  }

  /**
   * Entry point for documents arriving from sync (issue 19): the same checker and collection
   * path as a file import, plus `vet`, which may refuse a file the checker read. Returns what
   * became of each file, so the sync can show it as received or refused.
   */
  receive(files: File[], vet: Vet): Promise<ImportLine[]> {
    return this.#serial(() => this.#import(files, vet));
  }

  async #import(picked: File[], vet?: Vet): Promise<ImportLine[]> {
    if (!picked.length) return [];
    // fflate is loaded only when files are imported: /reports/ keeps within its startup budget.
    const files = vet ? picked : await (await import('../../adapters/files/zip-input')).expandZips(picked);
    const [{ verifyInWorker }, { loadTrustList, trustListKey }] = await Promise.all([
      import('../../adapters/signing/verify-client'),
      import('../../adapters/signing/trust-store'),
    ]);
    const trust = (await loadTrustList())?.list ?? null;
    const trustedBy = await trustListKey(trust);
    const stores = await appStores();
    const progress = this.querySelector<HTMLProgressElement>('[data-progress]')!;
    const text = this.querySelector('[data-progress-text]')!;
    const log = this.querySelector('[data-log]')!;
    log.replaceChildren();
    progress.hidden = false;
    progress.max = files.length;
    const state = importState(this.#docs);
    const templateIds = new Set(this.#templates.map((t) => t.id));
    const writer = stores.documents.batchedWriter();
    /** File index → hash of the document it adds, or duplicates (not imported if that one fails to store). */
    const stored = new Map<number, string>();
    const duplicates = new Map<number, string>();
    const checked = readAhead(files, (bytes) => verifyInWorker(bytes, { trust, templates: this.#templates }), CHECK_AHEAD);
    const outcomes: ImportLine[] = [];
    for (const [i, file] of files.entries()) {
      progress.value = i;
      text.textContent = `正在检查 ${i + 1} / ${files.length}：${file.name}`;
      let line: string;
      let bucket: OutcomeBucket;
      try {
        const { bytes, result } = await checked(i);
        const doc = result.document;
        const attached = doc && result.hash ? { hash: result.hash, document: doc } : undefined;
        const decision = decideImport({ verdict: result.verdict, attached }, state, templateIds, vet && (() => vet(file, result)));
        ({ bucket, line } = decision);
        if (decision.store && attached) {
          const entry: StoredDocument = {
            hash: attached.hash,
            document: attached.document,
            state: decision.state,
            signer: result.facts.signer?.name ?? '',
            fileName: file.name,
            importedAt: nowIso(),
            included: false,
            excluded: false,
            month: attached.document.record.inspectedAt.slice(0, 7),
            recordId: attached.document.record.id,
            pdf: file, // the writer stores the bytes already read, as a PDF (no copy here)
            reason: result.verdict.reason,
            trustedBy,
          };
          stored.set(i, entry.hash);
          await writer.add(i, entry, bytes.buffer);
          noteStored(state, entry);
        } else if (decision.bucket === 'duplicate' && attached) duplicates.set(i, attached.hash);
      } catch (err) {
        bucket = 'unreadable';
        line = `未导入：${(err as Error).message}`;
      }
      outcomes.push({ file, bucket, line });
    }
    const final = withUnsaved(outcomes, stored, duplicates, await writer.done());
    const buckets = final.map((o) => o.bucket);
    const lines = final.map(({ file, bucket, line }) => {
      const li = el('li', `${file.name}：${line}`);
      li.dataset.outcome = bucket;
      const problem = isProblem(bucket);
      if (problem) li.classList.add('import-problem');
      return { li, problem };
    });
    // Problem files first, so they are not lost below a long list of successes.
    log.replaceChildren(...lines.filter((l) => l.problem).map((l) => l.li), ...lines.filter((l) => !l.problem).map((l) => l.li));
    progress.value = files.length;
    text.textContent = `完成：共 ${files.length} 个文件。${importSummary(buckets)}`;
    this.dataset.imported = String(Number(this.dataset.imported ?? 0) + files.length);
    await this.#reload();
    return final;
  }

  #renderList(): void {
    const q = this.querySelector<HTMLInputElement>('[data-filter]')!.value.trim();
    const state = this.querySelector<HTMLSelectElement>('[data-state-filter]')!.value;
    const { current, conflicts } = currentDocuments(this.#docs);
    const counted = new Set(current.map((c) => c.hash));
    const inConflict = new Set(conflicts.flatMap((c) => c.hashes));
    const rows = visibleDocuments(this.#docs, q, state, inConflict).map((d) => {
      const tr = el('tr');
      tr.dataset.hash = d.hash;
      const text = rowText(d, documentStatus(d, counted.has(d.hash), inConflict.has(d.hash)));
      const box = Object.assign(el('input'), { type: 'checkbox', checked: isTicked(d) });
      box.dataset.include = d.hash;
      const label = el('label');
      label.append(box, ' 计入');
      const actions = el('td');
      actions.append(
        label,
        button('打开原件', { open: d.hash }),
        button('历史', { history: d.recordId }),
        button('删除', { remove: d.hash }),
      );
      tr.append(el('td', text.record), el('td', text.file), actions);
      if (inConflict.has(d.hash)) tr.classList.add('import-problem');
      return tr;
    });
    this.querySelector('[data-collection]')!.replaceChildren(...rows);
    this.querySelector('[data-collection-count]')!.textContent = String(this.#docs.filter((d) => !d.deletedAt).length);
    const conflictBox = this.querySelector('[data-conflicts]')!;
    conflictBox.replaceChildren(
      ...conflicts.map((c) =>
        el('p', `冲突：检查记录 ${c.recordId.slice(0, 8)}（${c.hashes.length} 份文件）——${c.reason}。冲突解决前不计入报告。`, 'form-error'),
      ),
    );
  }

  async #toggle(input: HTMLInputElement): Promise<void> {
    const hash = input.dataset.include;
    const d = this.#docs.find((x) => x.hash === hash);
    if (!hash || !d) return;
    const stores = await appStores();
    if (d.state === 'valid') await stores.documents.flag(hash, { excluded: !input.checked });
    else {
      if (input.checked && !confirm('这份文件未通过验证（签名人未登记或未签名）。计入后，月度报告会注明包含未经验证的报告。确定计入吗？')) {
        input.checked = false;
        return;
      }
      await stores.documents.flag(hash, { included: input.checked });
    }
    await this.#reload();
  }

  async #act(target: HTMLElement): Promise<void> {
    const stores = await appStores();
    const { open, history, remove } = target.dataset;
    if (open) {
      const d = await stores.documents.get(open);
      if (!d?.pdf.size) return alert('这份文件是旧版本导入的，未保存原件。');
      window.open(URL.createObjectURL(d.pdf), '_blank', 'noopener');
    } else if (history) {
      const box = this.querySelector('[data-history]')!;
      const list = el('ol');
      list.append(...historyOf(this.#docs, history).map((d) => el('li', historyLine(d))));
      box.replaceChildren(el('h3', '检查记录的历史'), list);
      (box as HTMLElement).hidden = false;
    } else if (remove) {
      const d = this.#docs.find((x) => x.hash === remove);
      await stores.documents.flag(remove, { deletedAt: nowIso() });
      this.#undo = { hash: remove, label: d?.fileName ?? '' };
      const undo = this.querySelector<HTMLElement>('[data-undo-bar]')!;
      undo.hidden = false;
      undo.querySelector('[data-undo-text]')!.textContent = `已删除「${this.#undo.label}」。`;
      await this.#reload();
    }
  }

  async #undoDelete(): Promise<void> {
    if (!this.#undo) return;
    await (await appStores()).documents.flag(this.#undo.hash, { deletedAt: undefined });
    this.#undo = null;
    this.querySelector<HTMLElement>('[data-undo-bar]')!.hidden = true;
    await this.#reload();
  }
}

customElements.define('document-collection', DocumentCollection);

/** What other elements may call on <document-collection>. */
export interface DocumentCollectionApi {
  receive(files: File[], vet: Vet): Promise<ImportLine[]>;
}
