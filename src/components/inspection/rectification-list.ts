// <rectification-list>: every rectification of finalised inspections, with status actions.
import {
  deadlineState,
  DEADLINE_STATE_NAMES,
  filterRectifications,
  isClosedLate,
  isOverdue,
  markDone,
  reject,
  verify,
  RECTIFICATION_STATUS_NAMES,
  type Rectification,
  type RectificationStatus,
} from '../../domain/rectification';
import { isCurrentFinal, type InspectionRecord } from '../../domain/inspection';
import { appStores, type AppStores } from '../../adapters/store';
import { downscalePhoto } from '../../adapters/files/downscale';
import { newId, nowIso, today } from '../../adapters/clock';

class RectificationList extends HTMLElement {
  #stores!: AppStores;
  #rects: Rectification[] = [];
  #inspections = new Map<string, InspectionRecord>();

  async connectedCallback(): Promise<void> {
    this.#stores = await appStores();
    await this.#load();
    this.querySelector('[data-filter-status]')!.addEventListener('change', () => this.#render());
    this.querySelector('[data-filter-department]')!.addEventListener('change', () => this.#render());
    this.addEventListener('change', (e) => {
      const input = e.target as HTMLInputElement;
      if (input.name === 'photo') this.#preview(input);
    });
    this.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.#act(e.target as HTMLFormElement, (e as SubmitEvent).submitter as HTMLButtonElement | null);
    });
    this.dataset.state = 'ready';
  }

  async #load(): Promise<void> {
    const inspections = await this.#stores.inspections.list();
    this.#inspections = new Map(inspections.map((i) => [i.id, i]));
    // Only finalised, current inspections own live rectifications; drafts are still being filled in.
    this.#rects = (await this.#stores.rectifications.all()).filter((r) => {
      const i = this.#inspections.get(r.inspectionId);
      return !!i && isCurrentFinal(i);
    });
    const departments = [...new Set(this.#rects.map((r) => r.department))].sort();
    const select = this.querySelector<HTMLSelectElement>('[data-filter-department]')!;
    const current = select.value;
    select.replaceChildren(new Option('全部', ''), ...departments.map((d) => new Option(d, d)));
    select.value = current;
    this.#render();
  }

  #render(): void {
    const status = this.querySelector<HTMLSelectElement>('[data-filter-status]')!.value as RectificationStatus | 'overdue' | '';
    const department = this.querySelector<HTMLSelectElement>('[data-filter-department]')!.value;
    const rows = filterRectifications(this.#rects, { status: status || undefined, department: department || undefined }, today());
    this.querySelector('[data-list]')!.replaceChildren(...rows.map((r) => this.#row(r)));
    const overdue = this.#rects.filter((r) => isOverdue(r, today())).length;
    const late = this.#rects.filter((r) => isClosedLate(r)).length;
    this.querySelector('[data-list-status]')!.textContent = this.#rects.length
      ? `共 ${this.#rects.length} 项，其中逾期未整改 ${overdue} 项、逾期完成 ${late} 项；显示 ${rows.length} 项`
      : '暂无整改事项（检查定稿后生成）。';
  }

  #row(r: Rectification): HTMLLIElement {
    const li = document.createElement('li');
    const late = deadlineState(r, today());
    li.className = `rect-row rect-${r.status}${late ? ` rect-${late}` : ''}`;
    li.dataset.rect = r.id;
    const insp = this.#inspections.get(r.inspectionId);
    const h = document.createElement('p');
    h.className = 'rect-title';
    const badge = (kind: string, text: string) =>
      Object.assign(document.createElement('span'), { className: `badge badge-${kind}`, textContent: text });
    // 已逾期 replaces 待整改; a closed-late item shows its status and 逾期完成 side by side.
    if (late === 'overdue') h.append(badge('overdue', DEADLINE_STATE_NAMES.overdue));
    else h.append(badge(r.status, RECTIFICATION_STATUS_NAMES[r.status]));
    if (late === 'closed-late') h.append(badge('closed-late', DEADLINE_STATE_NAMES['closed-late']));
    h.append(` ${r.description}`);
    const meta = document.createElement('p');
    meta.className = 'rect-meta';
    meta.textContent = `${r.department} · ${r.owner} · 期限 ${r.deadline}${insp ? ` · ${insp.templateTitle} · ${insp.project} ${insp.area}` : ''}`;
    li.append(h, meta);
    if (insp) {
      const a = document.createElement('a');
      a.href = `/inspections/${insp.templateId}/?id=${encodeURIComponent(insp.id)}#item-${r.itemId}`;
      a.textContent = '查看检查记录';
      li.append(a);
    }
    if (r.doneNote) li.append(Object.assign(document.createElement('p'), { textContent: `整改说明：${r.doneNote}` }));
    if (r.afterPhotos.length) li.append(this.#afterPhotos(r));
    if (r.rejectedNote && r.status === 'open')
      li.append(Object.assign(document.createElement('p'), { textContent: `退回原因：${r.rejectedNote}` }));
    if (r.verifiedBy)
      li.append(Object.assign(document.createElement('p'), { textContent: `复查：${r.verifiedBy}，${r.verifiedAt?.slice(0, 10)}` }));
    li.append(this.#actions(r, insp?.inspector ?? ''));
    return li;
  }

  /** Shows the chosen after-photo before it is submitted, so the right one goes in. */
  #preview(input: HTMLInputElement): void {
    const form = input.closest('form')!;
    form.querySelector('[data-after-preview]')?.remove();
    const file = input.files?.[0];
    if (!file) return;
    const img = Object.assign(document.createElement('img'), { src: URL.createObjectURL(file), alt: '整改后照片预览' });
    const box = Object.assign(document.createElement('div'), { className: 'photos after-photos' });
    box.dataset.afterPreview = '';
    box.append(img);
    input.closest('label')!.after(box);
  }

  /** The after-photos as thumbnails for the reviewer; each opens full size. */
  #afterPhotos(r: Rectification): HTMLElement {
    const box = document.createElement('div');
    box.className = 'photos after-photos';
    box.dataset.afterPhotos = r.id;
    r.afterPhotos.forEach((id, i) => {
      void this.#stores.photos.get(id).then((p) => {
        if (!p) return;
        const url = URL.createObjectURL(p.blob);
        const a = Object.assign(document.createElement('a'), { href: url, target: '_blank' });
        a.append(Object.assign(document.createElement('img'), { src: url, alt: `整改后照片 ${i + 1}` }));
        box.append(a);
      });
    });
    return box;
  }

  #actions(r: Rectification, inspector: string): HTMLFormElement {
    const form = document.createElement('form');
    form.className = 'rect-actions';
    form.dataset.rectId = r.id;
    if (r.status === 'open') {
      form.innerHTML = `
        <label class="field"><span>整改说明</span><textarea name="note" rows="2" required maxlength="500"></textarea></label>
        <label class="button button-quiet photo-add"><span>整改后照片</span><input type="file" name="photo" accept="image/*" capture="environment" class="visually-hidden" /></label>
        <button class="button" value="done">标记已整改</button>`;
    } else if (r.status === 'done') {
      form.innerHTML = `
        <label class="field"><span>复查人</span><input name="inspector" maxlength="30" /></label>
        <label class="field"><span>退回原因（不通过时填写）</span><input name="reason" maxlength="200" /></label>
        <button class="button" value="verify">复查通过</button>
        <button class="button button-quiet" value="reject">退回重新整改</button>`;
      (form.elements.namedItem('inspector') as HTMLInputElement).value = inspector;
    }
    return form;
  }

  async #act(form: HTMLFormElement, button: HTMLButtonElement | null): Promise<void> {
    const r = this.#rects.find((x) => x.id === form.dataset.rectId);
    if (!r || !button) return;
    const data = new FormData(form);
    try {
      let next: Rectification;
      if (button.value === 'done') {
        const photos: string[] = [];
        const file = data.get('photo');
        if (file instanceof File && file.size > 0) {
          const { blob, width, height } = await downscalePhoto(file);
          const id = newId();
          await this.#stores.photos.put({
            id,
            inspectionId: r.inspectionId,
            itemId: `${r.itemId}:after`,
            blob,
            width,
            height,
            createdAt: nowIso(),
          });
          photos.push(id);
        }
        next = markDone(r, String(data.get('note') ?? ''), photos, nowIso());
      } else if (button.value === 'verify') {
        next = verify(r, String(data.get('inspector') ?? ''), nowIso());
      } else {
        next = reject(r, String(data.get('reason') ?? ''), nowIso());
      }
      await this.#stores.rectifications.put(next);
      await this.#load();
      document.dispatchEvent(new Event('rectifications-changed'));
    } catch (err) {
      alert((err as Error).message);
    }
  }
}

customElements.define('rectification-list', RectificationList);
