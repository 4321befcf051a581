// <inspection-list>: starts new inspections and lists the stored ones (newest first, filterable).
import { deletionPlan, deletionQuestion, headerLabels, newInspection, type InspectionRecord } from '../../domain/inspection';
import { GRADE_NAMES } from '../../domain/scoring';
import { formatTenths, tenths } from '../../domain/tenths';
import type { ChecklistTemplate } from '../../domain/checklist';
import { appStores, storageUsage } from '../../adapters/store';
import { exportAll, importAll } from '../../adapters/store/backup-io';
import { downloadFile } from '../../adapters/files/download';
import { fromDatetimeLocal, newId, nowIso, toDatetimeLocal } from '../../adapters/clock';

// Before surveys had their own, one header was remembered for both: only its project is still used.
const LAST_HEADER = 'inspection-last-header';
const lastHeaderKey = (kind: ChecklistTemplate['kind']) => `inspection-last-header:${kind}`;

class InspectionList extends HTMLElement {
  #records: InspectionRecord[] = [];

  async connectedCallback(): Promise<void> {
    const form = this.querySelector<HTMLFormElement>('[data-new]')!;
    this.#applyKind(form);
    form.addEventListener('change', (e) => {
      if ((e.target as HTMLInputElement).name === 'template') this.#applyKind(form);
    });
    (form.elements.namedItem('inspectedAt') as HTMLInputElement).value = toDatetimeLocal(nowIso());
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.#start(form);
    });
    this.querySelector('[data-list]')!.addEventListener('click', (e) => {
      const id = (e.target as HTMLElement).closest<HTMLButtonElement>('[data-delete]')?.dataset.delete;
      if (id) void this.#delete(id);
    });
    this.querySelector('[data-filter-text]')!.addEventListener('input', () => this.#render());
    this.querySelector('[data-filter-status]')!.addEventListener('change', () => this.#render());
    this.querySelector('[data-export]')!.addEventListener('click', () => void this.#export());
    this.querySelector<HTMLInputElement>('[data-import]')!.addEventListener(
      'change',
      (e) => void this.#import(e.target as HTMLInputElement),
    );
    const stores = await appStores();
    this.#records = await stores.inspections.list();
    this.#render();
    this.dataset.state = 'ready';
    void this.#listCertificates();
    const usage = await storageUsage();
    if (usage) {
      this.querySelector('[data-storage]')!.textContent =
        `本设备已用存储 ${(usage.usage / 1048576).toFixed(1)} MB，可用约 ${(usage.quota / 1073741824).toFixed(1)} GB${usage.persisted ? '（已申请持久保存）' : ''}。`;
    }
  }

  #kind(form: HTMLFormElement): ChecklistTemplate['kind'] {
    const id = String(new FormData(form).get('template'));
    const heads = JSON.parse(this.querySelector('script[data-templates]')!.textContent!) as ChecklistTemplate[];
    return heads.find((t) => t.id === id)?.kind ?? 'inspection';
  }

  /**
   * Labels in the chosen kind's words, and the header prefilled from the last one of the same
   * kind started here (supervisors inspect the same project repeatedly; a survey's 房号 and
   * 调查员 are not an inspection's 区域 and 检查人). The project is shared.
   */
  #applyKind(form: HTMLFormElement): void {
    const kind = this.#kind(form);
    const labels = headerLabels(kind);
    for (const el of form.querySelectorAll<HTMLElement>('[data-kind-label]'))
      el.textContent = labels[el.dataset.kindLabel as keyof typeof labels];
    const prev = this.#prefilled;
    const last = JSON.parse(localStorage.getItem(lastHeaderKey(kind)) ?? '{}') as Record<string, string>;
    const shared = JSON.parse(localStorage.getItem(LAST_HEADER) ?? '{}') as Record<string, string>;
    const next: Record<string, string> = {
      project: last.project ?? shared.project ?? '',
      area: last.area ?? '',
      inspector: last.inspector ?? '',
    };
    for (const f of ['project', 'area', 'inspector'] as const) {
      const input = form.elements.namedItem(f) as HTMLInputElement;
      // Only replace what was prefilled: anything typed stays.
      if (!input.value || input.value === prev[f]) input.value = next[f] ?? '';
    }
    this.#prefilled = next;
  }

  #prefilled: Record<string, string> = {};

  async #start(form: HTMLFormElement): Promise<void> {
    const data = new FormData(form);
    const templateId = String(data.get('template'));
    const inspectedAt = fromDatetimeLocal(String(data.get('inspectedAt')));
    const error = this.querySelector<HTMLElement>('[data-new-error]')!;
    const header = {
      project: String(data.get('project')).trim(),
      area: String(data.get('area')).trim(),
      inspector: String(data.get('inspector')).trim(),
    };
    if (!header.project || !header.area || !header.inspector || !inspectedAt) {
      const l = headerLabels(this.#kind(form));
      error.textContent = `请填写${l.project}、${l.area}、${l.inspector}和${l.inspectedAt}。`;
      error.hidden = false;
      return;
    }
    try {
      const heads = JSON.parse(this.querySelector('script[data-templates]')!.textContent!) as ChecklistTemplate[];
      const template = heads.find((t) => t.id === templateId);
      if (!template) throw new Error('找不到检查表，请刷新页面后重试。');
      const record = newInspection(template, { templateId, inspectedAt, ...header }, newId(), nowIso());
      await (await appStores()).inspections.put(record);
      localStorage.setItem(lastHeaderKey(template.kind), JSON.stringify(header));
      location.href = `/inspections/${templateId}/?id=${encodeURIComponent(record.id)}`;
    } catch (err) {
      error.textContent = (err as Error).message;
      error.hidden = false;
    }
  }

  async #delete(id: string): Promise<void> {
    const target = this.#records.find((r) => r.id === id);
    if (!target || !confirm(deletionQuestion(target))) return;
    const status = this.querySelector('[data-list-status]')!;
    try {
      const stores = await appStores();
      await stores.inspections.delete(deletionPlan(target, this.#records, await stores.photos.byInspection(id)));
      localStorage.removeItem(`inspection-journal:${id}`);
      this.#records = await stores.inspections.list();
      this.#render();
    } catch (err) {
      status.textContent = `删除失败：${(err as Error).message}`;
    }
  }

  async #listCertificates(): Promise<void> {
    const { certificatePem, certificateFingerprint } = await import('../../adapters/signing/certificate');
    const list = this.querySelector('[data-certs]')!;
    const ids = await (await appStores()).keys.all();
    if (!ids.length) {
      list.replaceChildren(Object.assign(document.createElement('li'), { textContent: '本设备没有旧版本留下的自签名证书。' }));
      return;
    }
    list.replaceChildren(
      ...(await Promise.all(
        ids.map(async (id) => {
          const li = document.createElement('li');
          const a = document.createElement('a');
          a.href = URL.createObjectURL(new Blob([certificatePem(id.certificate)], { type: 'application/x-pem-file' }));
          a.download = `certificate-${id.createdAt.slice(0, 10)}.pem`;
          a.textContent = `导出 ${id.commonName} 的证书`;
          const fp = document.createElement('p');
          fp.className = 'muted';
          fp.textContent = `SHA-256 指纹：${await certificateFingerprint(id.certificate)}`;
          li.append(a, fp);
          return li;
        }),
      )),
    );
  }

  async #export(): Promise<void> {
    const status = this.querySelector('[data-backup-status]')!;
    try {
      const blob = await exportAll(nowIso());
      downloadFile(blob, 'application/json', `物业检查数据-${nowIso().slice(0, 16).replace(/[-:T]/g, '')}.json`);
      status.textContent = `已导出 ${this.#records.length} 条检查记录（${(blob.size / 1048576).toFixed(1)} MB）。`;
    } catch (err) {
      status.textContent = `导出失败：${(err as Error).message}`;
    }
  }

  async #import(input: HTMLInputElement): Promise<void> {
    const status = this.querySelector('[data-backup-status]')!;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    status.textContent = '正在导入…';
    try {
      const s = await importAll(await file.text());
      status.textContent =
        `导入完成：新增 ${s.added} 条，更新 ${s.updated} 条，已有相同或更新版本而跳过 ${s.skipped} 条；照片 ${s.photos} 张。` +
        (s.conflicts.length
          ? ` 有 ${s.conflicts.length} 条与本设备已定稿的记录冲突，未覆盖：${s.conflicts.map((c) => c.reason).join('；')}。`
          : '');
      this.#records = await (await appStores()).inspections.list();
      this.#render();
    } catch (err) {
      status.textContent = (err as Error).message;
    }
    this.dataset.backup = 'done';
  }

  #render(): void {
    const text = this.querySelector<HTMLInputElement>('[data-filter-text]')!.value.trim();
    const status = this.querySelector<HTMLSelectElement>('[data-filter-status]')!.value;
    const rows = this.#records.filter(
      (r) => (!status || r.status === status) && (!text || [r.project, r.area, r.inspector, r.templateTitle].some((v) => v.includes(text))),
    );
    const list = this.querySelector('[data-list]')!;
    list.replaceChildren(...rows.map((r) => this.#row(r)));
    this.querySelector('[data-list-status]')!.textContent = this.#records.length
      ? `共 ${this.#records.length} 条，显示 ${rows.length} 条`
      : '还没有检查记录。';
  }

  #row(r: InspectionRecord): HTMLLIElement {
    const li = document.createElement('li');
    li.className = `inspection-row status-${r.status}`;
    const a = document.createElement('a');
    a.href = `/inspections/${r.templateId}/?id=${encodeURIComponent(r.id)}`;
    a.textContent = `${r.templateTitle} · ${r.project} ${r.area}`;
    const meta = document.createElement('p');
    const score = r.result?.score != null ? formatTenths(tenths(r.result.score)) : '';
    const grade = r.result?.grade ? GRADE_NAMES[r.result.grade] : '';
    meta.textContent = [
      r.status === 'final' ? `已定稿${r.supersededBy ? '（已修订）' : ''}` : '草稿',
      score && `${score} 分 ${grade}`,
      r.inspectedAt.slice(0, 16).replace('T', ' '),
      r.inspector,
      r.revision > 1 ? `第 ${r.revision} 版` : '',
    ]
      .filter(Boolean)
      .join(' · ');
    const del = Object.assign(document.createElement('button'), { type: 'button', className: 'button button-quiet', textContent: '删除' });
    del.dataset.delete = r.id;
    del.setAttribute('aria-label', `删除 ${r.templateTitle} · ${r.project} ${r.area}`);
    li.append(a, meta, del);
    return li;
  }
}

customElements.define('inspection-list', InspectionList);
