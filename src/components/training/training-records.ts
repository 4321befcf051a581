// <training-records>: the supervisor's table of learners and posts, with CSV export.
import type { PathPage } from '../../domain/progress';
import { trainingCsv, trainingRows, type TrainingRow } from '../../domain/training-records';
import { formatTenths, tenths } from '../../domain/tenths';
import { listLearners } from '../../adapters/store/learners-store';
import { downloadFile } from '../../adapters/files/download';

class TrainingRecords extends HTMLElement {
  #rows: TrainingRow[] = [];

  async connectedCallback(): Promise<void> {
    const { paths, names } = JSON.parse(this.querySelector('script[data-paths]')!.textContent!) as {
      paths: Record<string, PathPage[]>;
      names: Record<string, string>;
    };
    this.#rows = trainingRows(await listLearners(), paths, names);
    this.querySelector('[data-rows]')!.replaceChildren(
      ...this.#rows.map((r) => {
        const tr = document.createElement('tr');
        const cells = [
          `${r.name}（${r.employeeNo}）`,
          r.post,
          `${r.done} / ${r.total}`,
          r.bestScore === null ? '未测验' : `最高 ${formatTenths(tenths(r.bestScore))} 分，共 ${r.attempts} 次`,
          r.signedAt ? `${r.signedAt.slice(0, 10)} 已签署${r.changed ? `（其后 ${r.changed} 篇已更新，需重新学习）` : ''}` : '未签署',
        ];
        for (const c of cells) tr.append(Object.assign(document.createElement('td'), { textContent: c }));
        return tr;
      }),
    );
    this.querySelector('[data-status]')!.textContent = this.#rows.length
      ? `共 ${this.#rows.length} 条记录。`
      : '本设备上还没有学员的学习记录。';
    this.querySelector('[data-csv]')!.addEventListener('click', () => {
      downloadFile(trainingCsv(this.#rows), 'text/csv;charset=utf-8', 'training-records.csv');
    });
    this.dataset.state = 'ready';
  }
}

customElements.define('training-records', TrainingRecords);
