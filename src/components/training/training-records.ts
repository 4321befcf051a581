// <training-records>: the supervisor's table, one row per learner and assigned post, filterable,
// sortable by any column (click again to reverse), with CSV of what is shown.
import type { PathPage } from '../../domain/progress';
import {
  filterRows,
  ROW_STATUS_NAMES,
  sortRows,
  trainingCsv,
  trainingRows,
  type RowStatus,
  type SortKey,
  type TrainingRow,
} from '../../domain/training-records';
import { formatTenths, tenths } from '../../domain/tenths';
import { listLearners } from '../../adapters/store/learners-store';
import { listTrainingDocuments } from '../../adapters/store/training-documents-store';
import { importedLearners } from '../../domain/training-import';
import { downloadFile } from '../../adapters/files/download';

/** Where a row comes from: this device's learners, or certificates imported from other devices. */
type SourcedRow = TrainingRow & { source: string };

class TrainingRecords extends HTMLElement {
  #rows: SourcedRow[] = [];
  #shown: SourcedRow[] = [];
  #sort: { key: SortKey; descending: boolean } = { key: 'learner', descending: false };

  async connectedCallback(): Promise<void> {
    const { paths, names } = JSON.parse(this.querySelector('script[data-paths]')!.textContent!) as {
      paths: Record<string, PathPage[]>;
      names: Record<string, string>;
    };
    const load = async () => {
      const imported = importedLearners(await listTrainingDocuments());
      this.#rows = [
        ...trainingRows(await listLearners(), paths, names).map((r) => ({ ...r, source: '本设备' })),
        ...trainingRows(imported, paths, names).map((r) => ({ ...r, source: '导入的证书' })),
      ];
    };
    await load();
    // Certificates imported on this page join the table at once.
    this.addEventListener('training-collection-changed', () => void load().then(() => this.#render()));
    const form = this.querySelector<HTMLFormElement>('[data-filters]')!;
    form.addEventListener('input', () => this.#render());
    form.addEventListener('submit', (e) => e.preventDefault());
    this.querySelector('thead')!.addEventListener('click', (e) => {
      const key = (e.target as HTMLElement).closest<HTMLButtonElement>('[data-sort]')?.dataset.sort as SortKey | undefined;
      if (!key) return;
      this.#sort = { key, descending: this.#sort.key === key ? !this.#sort.descending : false };
      this.#render();
    });
    this.querySelector('[data-csv]')!.addEventListener('click', () => {
      downloadFile(trainingCsv(this.#shown), 'text/csv;charset=utf-8', 'training-records.csv');
    });
    this.#render();
    this.dataset.state = 'ready';
  }

  #render(): void {
    const data = new FormData(this.querySelector<HTMLFormElement>('[data-filters]')!);
    const filtered = filterRows(this.#rows, {
      post: String(data.get('post') ?? ''),
      status: String(data.get('status') ?? '') as RowStatus | '',
      text: String(data.get('text') ?? ''),
    });
    this.#shown = sortRows(filtered, this.#sort.key, this.#sort.descending) as SourcedRow[];
    for (const th of this.querySelectorAll<HTMLElement>('[data-sort-col]')) {
      const on = th.dataset.sortCol === this.#sort.key;
      th.setAttribute('aria-sort', on ? (this.#sort.descending ? 'descending' : 'ascending') : 'none');
    }
    this.querySelector('[data-rows]')!.replaceChildren(
      ...this.#shown.map((r) => {
        const tr = document.createElement('tr');
        tr.dataset.rowStatus = r.status;
        const cells = [
          `${r.name}（${r.employeeNo}）`,
          r.post,
          `${r.done} / ${r.total}`,
          r.bestScore === null ? '未测验' : `最高 ${formatTenths(tenths(r.bestScore))} 分，共 ${r.attempts} 次`,
          r.signedAt ? `${r.signedAt.slice(0, 10)} 已签署${r.changed ? `（其后 ${r.changed} 篇已更新）` : ''}` : '未签署',
          ROW_STATUS_NAMES[r.status],
          r.source,
        ];
        for (const c of cells) tr.append(Object.assign(document.createElement('td'), { textContent: c }));
        return tr;
      }),
    );
    this.querySelector('[data-status]')!.textContent = this.#rows.length
      ? `共 ${this.#rows.length} 条记录，显示 ${this.#shown.length} 条。`
      : '本设备上还没有学员的学习记录，也没有导入的培训合格证明。';
  }
}

customElements.define('training-records', TrainingRecords);
