// <training-import>: the supervisor's PC collects signed training certificates from learners'
// devices (PDFs, or ZIPs of them), checked by the same worker-side checker as reports. Each is kept
// under its document id with the original file; duplicates, tampered, foreign and unreadable files
// take no place. When the trust list changes (imported here or on another page), every stored
// certificate is checked again from its original (a revoked learner's certificate stops counting).
// Announces `training-collection-changed` so <training-records> shows them. Certificates arriving
// by sync (issue 19) come through `receive`, the same path with sync's own rules on top.
import { importOutcome, importSummary, type OutcomeBucket } from '../../domain/collection';
import { trainingDocumentSchema } from '../../schemas/training-document';
import {
  addTrainingDocument,
  flagTrainingDocument,
  listTrainingDocuments,
  setTrainingVerdict,
} from '../../adapters/store/training-documents-store';
import type { StoredTrainingDocument } from '../../adapters/store/db';
import { nowIso } from '../../adapters/clock';
import { el } from '../dom';
import type { ImportLine, Vet } from '../reports/document-collection';

const STATE_TEXT: Record<StoredTrainingDocument['state'], string> = { valid: '已验证', untrusted: '签名人未登记', unsigned: '未签名' };

class TrainingImport extends HTMLElement {
  #docs: StoredTrainingDocument[] = [];
  /** Imports and re-checks run one after another, so each sees what the other stored. */
  #queue: Promise<void> = Promise.resolve();
  #urls: string[] = [];

  #serial(task: () => Promise<void>): Promise<void> {
    this.#queue = this.#queue.then(task, task);
    return this.#queue;
  }

  /**
   * Entry point for certificates arriving from sync: the same checker and path as a file import,
   * plus `vet`, which may refuse a file the checker read. Returns what became of each file.
   */
  receive(files: File[], vet: Vet): Promise<ImportLine[]> {
    let lines: ImportLine[] = [];
    return this.#serial(async () => void (lines = await this.#import(files, vet))).then(() => lines);
  }

  async connectedCallback(): Promise<void> {
    const input = this.querySelector<HTMLInputElement>('[data-training-files]')!;
    input.addEventListener('change', () => {
      const list = [...(input.files ?? [])];
      input.value = '';
      void this.#serial(async () => void (await this.#import(list)));
    });
    this.querySelector('[data-training-docs]')!.addEventListener('change', (e) => {
      const box = e.target as HTMLInputElement;
      if (box.dataset.include) void flagTrainingDocument(box.dataset.include, { included: box.checked }).then(() => this.#reload());
    });
    document.addEventListener('trust-list-changed', () => void this.#serial(() => this.#recheck()));
    await this.#reload();
    this.dataset.state = 'ready';
    // The list may have changed on another page (/verify/, /reports/) since these were checked.
    void this.#serial(() => this.#recheck());
  }

  /** Checks again every stored certificate not yet verified with the current trust list. */
  async #recheck(): Promise<void> {
    const { recheckStored } = await import('../../adapters/signing/recheck-stored');
    const text = this.querySelector('[data-training-progress]')!;
    const run = await recheckStored(
      (await listTrainingDocuments()).map((d) => ({ ...d, excluded: false })),
      {
        templates: [],
        save: setTrainingVerdict,
        progress: (i, n, d) => (text.textContent = `信任列表已更新，正在重新核验已导入的证书 ${i + 1} / ${n}：${d.fileName}`),
        countsIn: '计入培训记录',
      },
    );
    if (!run.summary) return;
    text.textContent = run.summary;
    this.dataset.rechecked = String(Number(this.dataset.rechecked ?? 0) + 1);
    await this.#reload();
  }

  async #reload(): Promise<void> {
    this.#docs = await listTrainingDocuments();
    // Links to the originals of the previous listing are no longer on the page.
    for (const url of this.#urls.splice(0)) URL.revokeObjectURL(url);
    const rows = this.#docs
      .filter((d) => !d.deletedAt)
      .sort((a, b) => b.data.signOff.at.localeCompare(a.data.signOff.at))
      .map((d) => {
        const tr = el('tr');
        tr.dataset.trainingDoc = d.hash;
        const open = el('a', d.fileName);
        open.href = URL.createObjectURL(d.pdf);
        this.#urls.push(open.href);
        open.target = '_blank';
        const file = el('td');
        file.append(open);
        // The checker's reason says more than the state (签名证书已被公司吊销 is not 未登记).
        const state = el('td', d.state !== 'valid' && d.reason ? d.reason : STATE_TEXT[d.state]);
        state.dataset.state = d.state;
        if (d.state !== 'valid') {
          const label = el('label');
          const box = el('input');
          box.type = 'checkbox';
          box.checked = d.included;
          box.dataset.include = d.hash;
          label.append(box, ' 仍然计入');
          state.append(' ', label);
        }
        tr.append(
          el('td', `${d.data.learner.name}（${d.data.learner.employeeNo}）`),
          el('td', d.data.signOff.at.slice(0, 10)),
          state,
          file,
        );
        return tr;
      });
    this.querySelector('[data-training-docs]')!.replaceChildren(...rows);
    this.querySelector('[data-training-count]')!.textContent = String(rows.length);
    this.dispatchEvent(new CustomEvent('training-collection-changed', { bubbles: true }));
  }

  async #import(picked: File[], vet?: Vet): Promise<ImportLine[]> {
    if (!picked.length) return [];
    const files = vet ? picked : await (await import('../../adapters/files/zip-input')).expandZips(picked);
    const [{ verifyInWorker }, { loadTrustList, trustListKey }] = await Promise.all([
      import('../../adapters/signing/verify-client'),
      import('../../adapters/signing/trust-store'),
    ]);
    const trust = (await loadTrustList())?.list ?? null;
    const trustedBy = await trustListKey(trust);
    const text = this.querySelector('[data-training-progress]')!;
    const known = new Map(this.#docs.map((d) => [d.hash, d]));
    const buckets: OutcomeBucket[] = [];
    const lines: { li: HTMLLIElement; problem: boolean }[] = [];
    const outcomes: ImportLine[] = [];
    for (const [i, file] of files.entries()) {
      text.textContent = `正在检查 ${i + 1} / ${files.length}：${file.name}`;
      let bucket: OutcomeBucket;
      let line: string;
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        const result = await verifyInWorker(bytes, { trust, templates: [] });
        const parsed = trainingDocumentSchema.safeParse(result.data);
        const isTraining = result.facts.summary?.kind === 'training';
        const outcome = importOutcome(result.verdict, isTraining && parsed.success ? result.hash : undefined, known);
        // Sync's own rules, asked (as for reports) only about files the checker did not refuse.
        const vetoed = outcome.kind === 'refused' ? null : (vet?.(file, result) ?? null);
        if (vetoed) {
          bucket = 'tampered'; // a file the server relabelled, whoever signed it
          line = `未收入：${vetoed}`;
        } else if (outcome.kind === 'refused' && result.verdict.kind !== 'tampered' && result.verdict.kind !== 'foreign' && !isTraining) {
          bucket = 'unreadable';
          line = '未导入：这不是培训合格证明（检查报告请到“月度品质报告”页导入）';
        } else if (outcome.kind === 'refused') {
          bucket = result.verdict.kind === 'tampered' && !outcome.truncated ? 'tampered' : 'unreadable';
          line = outcome.truncated
            ? '未导入：文件不完整，请重新索取'
            : `未导入：${parsed.success || !isTraining ? outcome.reason : '附带的培训记录格式不符'}`;
        } else if (outcome.kind === 'duplicate') {
          bucket = 'duplicate';
          line = `重复：与已收集的「${outcome.of.fileName}」是同一份文件`;
        } else {
          const data = parsed.data!;
          const entry: StoredTrainingDocument = {
            hash: result.hash!,
            data,
            state: outcome.state,
            signer: result.facts.signer?.name ?? '',
            fileName: file.name,
            importedAt: nowIso(),
            included: false,
            reason: result.verdict.reason,
            trustedBy,
            employeeNo: data.learner.employeeNo,
            pdf: new Blob([bytes], { type: 'application/pdf' }),
          };
          await addTrainingDocument(entry);
          known.set(entry.hash, entry);
          bucket = outcome.state === 'valid' ? 'added' : 'untrusted';
          line =
            outcome.state === 'valid'
              ? `已验证：${data.learner.name}（${data.learner.employeeNo}）${data.signOff.at.slice(0, 10)} 签署`
              : outcome.state === 'untrusted'
                ? `${result.verdict.title}（${result.verdict.reason}），默认不计入`
                : '未签名，默认不计入';
        }
      } catch (err) {
        bucket = 'unreadable';
        line = `未导入：${(err as Error).message}`;
      }
      buckets.push(bucket);
      outcomes.push({ file, bucket, line });
      const li = el('li', `${file.name}：${line}`);
      li.dataset.outcome = bucket;
      const problem = bucket === 'tampered' || bucket === 'untrusted' || bucket === 'unreadable';
      if (problem) li.classList.add('import-problem');
      lines.push({ li, problem });
    }
    // Problem files first, so they are not lost below a long list of successes.
    this.querySelector('[data-training-log]')!.replaceChildren(
      ...lines.filter((l) => l.problem).map((l) => l.li),
      ...lines.filter((l) => !l.problem).map((l) => l.li),
    );
    text.textContent = `完成：共 ${files.length} 个文件。${importSummary(buckets)}`;
    this.dataset.imported = String(Number(this.dataset.imported ?? 0) + files.length);
    await this.#reload();
    return outcomes;
  }
}

customElements.define('training-import', TrainingImport);
