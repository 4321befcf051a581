// <inspection-form>: wires the server-rendered checklist to an inspection record. Every change
// goes through the InspectionWriter (journal + IndexedDB, latest state wins); the score, trace and
// progress are recomputed by the pure domain code after each change. Rendering never writes.
import type { ChecklistTemplate, ItemKind } from '../../domain/checklist';
import { finalize, finalizeProblems, setAnswer, setNote, type InspectionRecord } from '../../domain/inspection';
import { deadlineError, type Rectification } from '../../domain/rectification';
import { scoreInspection } from '../../domain/scoring';
import { scoreSummary } from '../../domain/score-trace';
import { answerFromControl, rectificationChanges, rectificationsOnFinalize, surveySummary } from '../../domain/inspection-controls';
import { appStores, type AppStores } from '../../adapters/store';
import { rectificationId } from '../../adapters/store/rectifications-store';
import { InspectionWriter, type SaveState } from '../../adapters/store/inspection-writer';
import { fromDatetimeLocal, nowIso } from '../../adapters/clock';
import type { BeforeReloadDetail } from '../pwa-client';
import { fillForm, renderExtraCount } from './inspection-fill';
import { itemEl, renderForm, renderProblems } from './inspection-view';
import { sectionAllPass } from '../../domain/walking';
import { plainText } from '../../domain/plain-text';
import { copyAsNewInspection, reviseInspection } from './inspection-actions';
import { goNextUnanswered, remember, resume, sopDialogClick } from './inspection-nav';
import { fillOwnerLists, rememberOwner } from './owner-lists';
import { EditLock } from './edit-lock';
import { applyLockView } from './edit-lock-view';

type HeaderField = 'project' | 'area' | 'inspector' | 'inspectedAt';

/** Longest a redraw waits for its write to be handed to IndexedDB without frames (a hidden tab). */
const REDRAW_WAIT_MS = 50;

class InspectionForm extends HTMLElement {
  #template!: ChecklistTemplate;
  #stores!: AppStores;
  #writer!: InspectionWriter;
  #id = '';
  #lock!: EditLock;
  /** Whether this tab holds the record's edit lock (see edit-lock.ts); read-only until it does. */
  #editable = false;
  #loads: Promise<void> = Promise.resolve();
  #refreshQueued = false;
  #redrawPending = false;

  get #record(): InspectionRecord {
    return this.#writer.record;
  }

  async connectedCallback(): Promise<void> {
    this.#template = JSON.parse(this.querySelector('script[data-template]')!.textContent!) as ChecklistTemplate;
    this.#stores = await appStores();
    const id = new URLSearchParams(location.search).get('id');
    const record = id ? await this.#stores.inspections.get(id) : undefined;
    if (!record || record.templateId !== this.#template.id) {
      this.q('[data-missing]').hidden = false;
      this.dataset.state = 'missing';
      return;
    }
    this.#id = record.id;
    // One editor per record: wait for the lock's first answer, then load as editor or reader.
    const firstLoad = new Promise<void>((resolve) => {
      this.#lock = new EditLock(record.id, {
        editable: () => void this.#load(true).then(resolve),
        readOnly: () => void this.#load(false).then(resolve),
        peerSaved: () => this.#refresh(),
      });
    });
    this.#lock.start();
    await firstLoad;
    if (!this.#writer) return;
    this.#bind();
    this.q('[data-body]').hidden = false;
    this.#render();
    this.dataset.state = 'ready';
    resume(this, this.#template, this.#record.id);
    window.addEventListener('app:before-reload', (e) => (e as CustomEvent<BeforeReloadDetail>).detail.waitUntil(this.flush()));
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && void this.flush());
  }

  /** (Re)reads the record and shows it, as editor (journal replayed) or read-only; loads never overlap. */
  #load(editable: boolean): Promise<void> {
    this.#loads = this.#loads.then(async () => {
      if (this.#editable && !editable) await this.#writer.flush(); // yielding: store what was typed first
      const record = await this.#stores.inspections.get(this.#id);
      if (!record) {
        this.q('[data-body]').hidden = true;
        this.q('[data-missing]').hidden = false;
        this.dataset.state = 'missing';
        return;
      }
      const rects = await this.#stores.rectifications.byInspection(record.id);
      this.#editable = editable;
      this.#writer = new InspectionWriter(this.#stores, localStorage, record, rects, (s) => this.#onSaveState(s));
      if (editable) {
        this.#writer.replayJournal();
        if (this.#record.status === 'draft') this.#syncRects(this.#record); // records from before rectifications were created on change
      }
      await this.#fill();
      this.#render();
    });
    return this.#loads;
  }

  /** A read-only tab shows what the editing tab stored (one reload at a time, the last one wins). */
  #refresh(): void {
    if (this.#editable || this.#refreshQueued) return;
    this.#refreshQueued = true;
    void this.#loads.then(() => {
      this.#refreshQueued = false;
      return this.#editable ? undefined : this.#load(false);
    });
  }

  q<T extends HTMLElement = HTMLElement>(sel: string): T {
    return this.querySelector<T>(sel)!;
  }

  #itemEl(itemId: string): HTMLElement {
    return itemEl(this, itemId);
  }

  // ---- load ----
  #fill(): Promise<void> {
    return fillForm({
      root: this,
      template: this.#template,
      record: () => this.#record,
      rects: this.#writer.rects,
      editable: this.#editable,
      save: (next) => {
        this.#update(next);
        return this.flush();
      },
      fail: (message) => this.#onSaveState({ kind: 'error', message }),
    });
  }

  // ---- events ----
  #bind(): void {
    fillOwnerLists(this);
    this.addEventListener('change', (e) => {
      if (!this.#editable) return; // controls are disabled while read-only; this is the backstop
      const t = e.target as HTMLInputElement;
      if (t.type === 'radio') this.#onResult(t);
      else if (t.dataset.rectField) rememberOwner(this, t.dataset.rectField, t.value); // once typed, offered again
    });
    this.addEventListener('input', (e) => {
      if (!this.#editable) return;
      const t = e.target as HTMLInputElement | HTMLTextAreaElement;
      const item = t.closest<HTMLElement>('[data-item]')?.dataset.item;
      if (t.matches('[data-header]')) this.#onHeader(t.dataset.header as HeaderField, t.value);
      else if (item && t.matches('[data-note]')) {
        this.#update(setNote(this.#record, item, t.value, nowIso()));
        renderExtraCount(this, this.#record, item);
      } else if (item && t.matches('[data-findings-input]')) this.#onFindings(item, Number(t.value));
      else if (item && t.matches('[data-rect-field]')) this.#onRectField(item, t.dataset.rectField as keyof Rectification, t.value);
    });
    this.addEventListener('click', (e) => {
      const t = e.target as HTMLElement;
      const step = t.closest<HTMLButtonElement>('[data-step]');
      const item = t.closest<HTMLElement>('[data-item]')?.dataset.item;
      if (step && item) {
        const input = this.#itemEl(item).querySelector<HTMLInputElement>('[data-findings-input]')!;
        input.value = String(Math.max(1, (Number(input.value) || 1) + Number(step.dataset.step)));
        this.#onFindings(item, Number(input.value));
      }
      sopDialogClick(this, e);
      if (t.closest('[data-next-unanswered]') && !goNextUnanswered(this, this.#template, this.#record, item))
        this.#onSaveState({ kind: 'saved', updatedAt: this.#record.updatedAt }, '已全部作答');
      const allPass = t.closest<HTMLButtonElement>('[data-all-pass]');
      if (allPass) this.#onAllPass(allPass.dataset.allPass!);
      if (t.closest('[data-copy-new]')) void copyAsNewInspection(this.#stores, this.#template, this.#record);
      if (t.closest('[data-finalize]')) void this.#onFinalize();
      if (t.closest('[data-revise]')) void reviseInspection(this.#stores, this.#record, [...this.#writer.rects.values()]);
    });
  }

  #onResult(radio: HTMLInputElement): void {
    const el = radio.closest<HTMLElement>('[data-item]')!;
    const findings = el.querySelector<HTMLInputElement>('[data-findings-input]')?.value;
    const answer = answerFromControl(el.dataset.kind as ItemKind, radio.value, findings);
    this.#update(setAnswer(this.#record, el.dataset.item!, answer, nowIso()));
    remember(this.#record.id, el.dataset.item!);
  }

  // ---- finding one's place ----
  #onAllPass(sectionId: string): void {
    const changes = sectionAllPass(this.#template, sectionId, this.#record.answers);
    const title = this.#template.sections.find((s) => s.id === sectionId)?.title ?? '';
    if (!changes.length) return void alert(`「${title}」没有未答的项目。`);
    if (!confirm(`将「${title}」中 ${changes.length} 个未答项全部标为符合？已作答的项目不变。`)) return;
    let next = this.#record;
    for (const [itemId, a] of changes) {
      next = setAnswer(next, itemId, a, nowIso());
      this.#itemEl(itemId).querySelector<HTMLInputElement>('input[value="pass"]')!.checked = true;
    }
    this.#update(next);
    remember(this.#record.id, changes.at(-1)![0]);
  }

  #onFindings(itemId: string, findings: number): void {
    if (!Number.isInteger(findings) || findings < 1) return; // keep the last valid count while typing
    const radio = this.#itemEl(itemId).querySelector<HTMLInputElement>('input[value="findings"]')!;
    radio.checked = true;
    this.#update(setAnswer(this.#record, itemId, { result: 'findings', findings }, nowIso()));
  }

  #onHeader(field: HeaderField, value: string): void {
    if (field === 'inspectedAt') {
      const iso = fromDatetimeLocal(value);
      if (!iso) return;
      this.#update({ ...this.#record, inspectedAt: iso, updatedAt: nowIso() });
    } else {
      this.#update({ ...this.#record, [field]: plainText(value), updatedAt: nowIso() });
    }
  }

  #onRectField(itemId: string, field: keyof Rectification, value: string): void {
    const r = this.#writer.rects.get(itemId);
    if (!r) return; // the fields are shown only once the item loses points, which creates it
    const error = field === 'deadline' ? deadlineError(value, this.#record.inspectedAt.slice(0, 10)) : null;
    const box = this.#itemEl(itemId).querySelector<HTMLElement>('[data-rect-error]')!;
    box.textContent = error ?? '';
    box.hidden = !error;
    if (error) return; // bad input changes nothing: the stored deadline stands
    this.#writer.setRects([{ ...r, [field]: plainText(value), updatedAt: nowIso() }]);
  }

  // ---- finalise and revise ----
  async #onFinalize(): Promise<void> {
    const { keep, drop } = rectificationsOnFinalize(this.#template, this.#record.answers, [...this.#writer.rects.values()]);
    const problems = finalizeProblems(this.#template, this.#record, keep);
    renderProblems(this, problems);
    if (problems.length) return;
    const summary =
      this.#template.kind === 'survey'
        ? surveySummary(this.#template, this.#record.answers)
        : scoreSummary(scoreInspection(this.#template, this.#record.answers));
    if (!confirm(`${summary}。\n定稿后不能再修改，确定定稿吗？`)) return;
    await this.#writer.deleteRects(drop.map((r) => r.itemId));
    await this.#writer.commitRevision(finalize(this.#template, this.#record, nowIso()));
    this.#render();
  }

  // ---- saving ----
  /**
   * A record change: stored (journal now, IndexedDB right after), the rectifications it newly
   * needs created, then the screen redrawn once the write is handed to IndexedDB, or at the next
   * frame if that comes first (the tap shows in the next frame either way). Redrawn at once, the
   * frame it dirtied (style, layout, paint) ran before the store's read came back, and the commit
   * came a frame later: the crash window of every tap. The timer covers a hidden tab (no frames).
   */
  #update(next: InspectionRecord): void {
    if (!this.#editable) return;
    this.#writer.setRecord(next);
    this.#syncRects(next);
    if (this.#redrawPending) return;
    this.#redrawPending = true;
    const frame = new Promise((r) => requestAnimationFrame(r));
    const timer = new Promise((r) => setTimeout(r, REDRAW_WAIT_MS));
    void Promise.race([this.#writer.queued(), frame, timer]).then(() => {
      this.#redrawPending = false;
      this.#render();
    });
  }

  #syncRects(record: InspectionRecord): void {
    this.#writer.setRects(
      rectificationChanges(this.#template, record.answers, this.#writer.rects, {
        inspectionId: record.id,
        inspectedOn: record.inspectedAt.slice(0, 10),
        now: nowIso(),
        idFor: (itemId) => rectificationId(record.id, itemId),
      }),
    );
  }

  async flush(): Promise<void> {
    await this.#writer.flush();
  }

  #onSaveState(s: SaveState, note?: string): void {
    const el = this.q('[data-save-state]');
    const error = s.kind === 'error';
    el.textContent = note ?? (s.kind === 'saving' ? '正在保存…' : s.kind === 'saved' ? '已保存' : s.message);
    el.classList.toggle('save-error', error);
    if (error) this.dataset.saveError = s.message;
    else delete this.dataset.saveError;
    if (s.kind === 'saved') {
      this.dataset.saved = s.updatedAt;
      this.#lock.announceSaved();
    }
  }

  #render(): void {
    renderForm({ root: this, template: this.#template, record: this.#record, rects: this.#writer.rects });
    applyLockView(this, this.#lock.path, this.#editable);
  }
}

customElements.define('inspection-form', InspectionForm);
