// <document-collection>: the manager's collection of signed documents. Imports many PDFs through
// the worker-side checker, keeps each under its document id with the original file, and lets the
// manager search, filter, open, include or exclude, delete (with undo) and see a record's
// history. Announces every change with `collection-changed`, so the report recomputes. When the
// trust list changes (here or on another page), every stored original is checked again with the
// same checker and its verdict updated, so a revocation reaches documents already collected.
import type { ChecklistTemplate } from '../../domain/checklist';
import { currentDocuments, historyOf, importOutcome, importSummary, updateOf, type OutcomeBucket } from '../../domain/collection';
import { appStores } from '../../adapters/store';
import type { StoredDocument } from '../../adapters/store/db';
import { nowIso } from '../../adapters/clock';
import { recheckDecision, recheckSummary, type RecheckDecision } from '../../domain/recheck';
import type { VerifyResult } from '../../adapters/signing/verify-report';

/** Lets a caller refuse a file the checker read (e.g. sync: only enrolled signers, labels must agree). */
export type Vet = (file: File, result: VerifyResult) => string | null;
export interface ImportLine {
  file: File;
  bucket: OutcomeBucket;
  line: string;
}

/** How many files are read and checked ahead of the one being stored (bounds the memory held). */
const CHECK_AHEAD = 8;

const STATE_TEXT: Record<StoredDocument['state'], string> = { valid: '已验证', untrusted: '未确认签名人', unsigned: '未签名' };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

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
    const [{ verifyInWorker }, { loadTrustList, trustListKey }] = await Promise.all([
      import('../../adapters/signing/verify-client'),
      import('../../adapters/signing/trust-store'),
    ]);
    const trust = (await loadTrustList())?.list ?? null;
    const key = await trustListKey(trust);
    const stores = await appStores();
    const stale = (await stores.documents.all()).filter((d) => d.trustedBy !== key);
    if (!stale.length) return;
    this.dataset.recheck = 'running';
    const progress = this.querySelector<HTMLProgressElement>('[data-progress]')!;
    const text = this.querySelector('[data-progress-text]')!;
    progress.hidden = false;
    progress.max = stale.length;
    const decisions: { decision: RecheckDecision; deleted: boolean }[] = [];
    for (const [i, d] of stale.entries()) {
      progress.value = i;
      text.textContent = `信任清单已更新，正在重新核验已收集的文件 ${i + 1} / ${stale.length}：${d.fileName}`;
      let verdict = null;
      if (d.pdf.size) {
        const r = await verifyInWorker(new Uint8Array(await d.pdf.arrayBuffer()), { trust, templates: this.#templates });
        verdict = { kind: r.verdict.kind, problem: r.verdict.problem, reason: r.verdict.reason, hash: r.hash };
      }
      const decision = recheckDecision(d, verdict);
      if (decision.kind === 'changed') {
        const { state, included, reason } = decision;
        await stores.documents.setVerdict(d.hash, { state, included, reason, trustedBy: key });
      } else if (decision.kind === 'same') await stores.documents.setVerdict(d.hash, { reason: decision.reason, trustedBy: key });
      // No original kept: nothing will ever change that, so it is not tried again. A checker that
      // did not finish is tried again with the next change or visit.
      else if (!verdict) await stores.documents.setVerdict(d.hash, { trustedBy: key });
      decisions.push({ decision, deleted: Boolean(d.deletedAt) });
    }
    progress.value = stale.length;
    text.textContent = recheckSummary(decisions);
    this.dataset.recheck = 'done';
    this.dataset.rechecked = String(Number(this.dataset.rechecked ?? 0) + 1);
    await this.#reload();
  }

  async #reload(): Promise<void> {
    this.#docs = await (await appStores()).documents.all();
    this.#renderList();
    this.dispatchEvent(new CustomEvent('collection-changed', { bubbles: true }));
  }

  /** A ZIP (e.g. a tablet's 未交付的文件) counts as the PDFs inside it. */
  async #expand(files: File[]): Promise<File[]> {
    const out: File[] = [];
    for (const f of files) {
      const head = new Uint8Array(await f.slice(0, 2).arrayBuffer());
      if (head[0] !== 0x50 || head[1] !== 0x4b) {
        out.push(f);
        continue;
      }
      const { unzipSync } = await import('fflate');
      try {
        const entries = unzipSync(new Uint8Array(await f.arrayBuffer()), {
          filter: (e) => e.name.toLowerCase().endsWith('.pdf') && e.originalSize <= 64 * 1024 * 1024,
        });
        for (const [name, data] of Object.entries(entries)) {
          out.push(new File([data as Uint8Array<ArrayBuffer>], `${f.name}/${name}`, { type: 'application/pdf' }));
        }
      } catch {
        out.push(f); // reported below as unreadable
      }
    }
    return out;
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
    const files = vet ? picked : await this.#expand(picked);
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
    const known = new Map(this.#docs.map((d) => [d.hash, d]));
    const records = new Set(this.#docs.filter((d) => !d.deletedAt).map((d) => d.recordId));
    const writer = stores.documents.batchedWriter();
    /** File index → hash of the document it duplicates (not imported if that one fails to store). */
    const duplicates = new Map<number, string>();
    /** File index → hash of the document it adds. */
    const stored = new Map<number, string>();
    // Files are read and checked a few ahead (the checker pool runs one per core); their results
    // are taken in order, so duplicates within one import are found exactly as one by one.
    const checks: (Promise<{ bytes: Uint8Array<ArrayBuffer>; result: VerifyResult }> | undefined)[] = [];
    const check = (k: number) => {
      const f = files[k];
      if (!f || checks[k]) return;
      const p = f.arrayBuffer().then(async (buf) => {
        const bytes = new Uint8Array(buf);
        return { bytes, result: await verifyInWorker(bytes, { trust, templates: this.#templates }) };
      });
      p.catch(() => {}); // handled when its turn comes
      checks[k] = p;
    };
    for (let k = 0; k < CHECK_AHEAD; k++) check(k);
    const outcomes: ImportLine[] = [];
    for (const [i, file] of files.entries()) {
      check(i + CHECK_AHEAD);
      progress.value = i;
      text.textContent = `正在检查 ${i + 1} / ${files.length}：${file.name}`;
      let line: string;
      let bucket: OutcomeBucket;
      try {
        const pending = checks[i]!;
        checks[i] = undefined; // let the bytes go once stored
        const { bytes, result } = await pending;
        const outcome = importOutcome(result.verdict, result.document ? result.hash : undefined, known);
        const doc = result.document;
        const veto = outcome.kind === 'refused' ? null : (vet?.(file, result) ?? null);
        if (veto) {
          bucket = result.verdict.kind === 'valid' ? 'tampered' : 'untrusted';
          line = `未收入：${veto}`;
        } else if (outcome.kind === 'added' && doc && !this.#templates.some((t) => t.id === doc.record.templateId)) {
          bucket = 'unreadable';
          line = `未导入：报告使用的检查表「${doc.record.templateTitle}」（${doc.record.templateId}）在本设备上不存在，请先更新本应用。`;
        } else if (outcome.kind === 'added' && doc) {
          const entry: StoredDocument = {
            hash: result.hash!,
            document: doc,
            state: outcome.state,
            signer: result.facts.signer?.name ?? '',
            fileName: file.name,
            importedAt: nowIso(),
            included: false,
            excluded: false,
            month: doc.record.inspectedAt.slice(0, 7),
            recordId: doc.record.id,
            // The picked file itself (no copy); stored from `bytes` below.
            pdf: file.type === 'application/pdf' ? file : new Blob([bytes], { type: 'application/pdf' }),
            reason: result.verdict.reason,
            trustedBy,
          };
          stored.set(i, entry.hash);
          await writer.add(i, entry, bytes.buffer);
          known.set(entry.hash, entry);
          const isUpdate = records.has(entry.recordId) || updateOf(doc) > 0;
          records.add(entry.recordId);
          bucket = outcome.state === 'valid' ? (isUpdate ? 'updated' : 'added') : 'untrusted';
          line =
            outcome.state === 'valid'
              ? isUpdate
                ? `已验证，作为该检查的${updateOf(doc) ? `第 ${updateOf(doc)} 次更新（整改进展）` : '另一份文件'}收集`
                : '已验证，计入报告'
              : outcome.state === 'untrusted'
                ? `签名完整但签名人未登记（${result.verdict.reason}），默认不计入`
                : '未签名，默认不计入';
        } else if (outcome.kind === 'duplicate') {
          bucket = 'duplicate';
          duplicates.set(i, outcome.of.hash);
          line = `重复：与已收集的「${outcome.of.fileName}」是同一份文件，未重复计入`;
        } else {
          const reason = outcome.kind === 'refused' ? outcome : { reason: '文件中没有可读取的检查记录', truncated: false };
          bucket = result.verdict.kind === 'tampered' && !reason.truncated ? 'tampered' : 'unreadable';
          line = reason.truncated ? '未导入：文件不完整，请重新索取' : `未导入：${reason.reason}`;
        }
      } catch (err) {
        bucket = 'unreadable';
        line = `未导入：${(err as Error).message}`;
      }
      outcomes.push({ file, bucket, line });
    }
    // What could not be stored is 未导入, and so is a duplicate of it from the same import.
    const unsaved = await writer.done();
    const lost = new Map([...unsaved].map(([i, message]) => [stored.get(i)!, message]));
    for (const [i, hash] of [...stored, ...duplicates]) {
      const message = lost.get(hash);
      if (message !== undefined) outcomes[i] = { file: outcomes[i]!.file, bucket: 'unreadable', line: `未导入：${message}` };
    }
    const buckets = outcomes.map((o) => o.bucket);
    const lines = outcomes.map(({ file, bucket, line }) => {
      const li = el('li', `${file.name}：${line}`);
      li.dataset.outcome = bucket;
      const problem = bucket === 'tampered' || bucket === 'untrusted' || bucket === 'unreadable';
      if (problem) li.classList.add('import-problem');
      return { li, problem };
    });
    // Problem files first, so they are not lost below a long list of successes.
    log.replaceChildren(...lines.filter((l) => l.problem).map((l) => l.li), ...lines.filter((l) => !l.problem).map((l) => l.li));
    progress.value = files.length;
    text.textContent = `完成：共 ${files.length} 个文件。${importSummary(buckets)}`;
    this.dataset.imported = String(Number(this.dataset.imported ?? 0) + files.length);
    await this.#reload();
    return outcomes;
  }

  #renderList(): void {
    const q = this.querySelector<HTMLInputElement>('[data-filter]')!.value.trim();
    const state = this.querySelector<HTMLSelectElement>('[data-state-filter]')!.value;
    const { current, conflicts } = currentDocuments(this.#docs);
    const counted = new Set(current.map((c) => c.hash));
    const inConflict = new Set(conflicts.flatMap((c) => c.hashes));
    const visible = this.#docs
      .filter((d) => !d.deletedAt)
      .filter((d) => {
        const r = d.document.record;
        const text = `${r.templateTitle} ${r.project} ${r.area} ${r.inspector} ${d.fileName} ${r.inspectedAt.slice(0, 10)}`;
        return (!q || text.includes(q)) && (!state || (state === 'conflict' ? inConflict.has(d.hash) : d.state === state));
      })
      .sort(
        (a, b) => b.document.record.inspectedAt.localeCompare(a.document.record.inspectedAt) || updateOf(b.document) - updateOf(a.document),
      );
    const rows = visible.map((d) => {
      const r = d.document.record;
      const tr = el('tr');
      tr.dataset.hash = d.hash;
      const status = inConflict.has(d.hash)
        ? '冲突：同一检查有不同的文件，请删除或排除有误的一份'
        : counted.has(d.hash)
          ? '计入报告'
          : d.excluded
            ? '已排除'
            : d.state !== 'valid' && !d.included
              ? '未计入'
              : '已被更新的文件取代';
      const rev = `第 ${r.revision} 版${updateOf(d.document) ? ` · 第 ${updateOf(d.document)} 次更新` : ''}`;
      const box = Object.assign(el('input'), { type: 'checkbox', checked: d.state === 'valid' ? !d.excluded : d.included });
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
      tr.append(
        el('td', `${r.templateTitle} · ${r.project} · ${r.inspectedAt.slice(0, 10)} · ${r.inspector}（${rev}）`),
        el(
          'td',
          `${d.fileName} · ${STATE_TEXT[d.state]}${d.signer ? `（${d.signer}）` : ''}${d.reason ? `：${d.reason}` : ''} · ${status}`,
        ),
        actions,
      );
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
      for (const d of historyOf(this.#docs, history)) {
        const r = d.document.record;
        const closed = d.document.rectifications.filter((x) => x.status !== 'open').length;
        list.append(
          el(
            'li',
            `第 ${r.revision} 版${updateOf(d.document) ? ` · 第 ${updateOf(d.document)} 次更新` : ''} · ${r.result?.score === null || r.result?.score === undefined ? '—' : (r.result.score / 10).toFixed(1)} 分 · 整改 ${closed}/${d.document.rectifications.length} · ${d.fileName} · 导入于 ${d.importedAt.slice(0, 16).replace('T', ' ')}${d.deletedAt ? '（已删除）' : ''}`,
          ),
        );
      }
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
