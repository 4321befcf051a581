// <inspection-form>: wires the server-rendered checklist to an inspection record in IndexedDB.
// Every change is written as it is made (latest state wins; writes never overlap), and the
// score, trace and progress are recomputed by the pure domain code after each change.
import type { ChecklistTemplate, DeductItem, ItemAnswer } from '../../domain/checklist';
import { finalize, finalizeProblems, revise, setAnswer, setNote, setPhotos, type InspectionRecord } from '../../domain/inspection';
import { newRectification, proposedDescription, type Rectification } from '../../domain/rectification';
import { GRADE_NAMES, progressBySection, scoreInspection } from '../../domain/scoring';
import { scoreSummary, scoreTrace } from '../../domain/score-trace';
import { formatTenths, tenths } from '../../domain/tenths';
import { scoreSurvey } from '../../domain/survey';
import { appStores, type AppStores } from '../../adapters/store';
import { rectificationId } from '../../adapters/store/rectifications-store';
import { downscalePhoto } from '../../adapters/files/downscale';
import { fromDatetimeLocal, newId, nowIso, toDatetimeLocal } from '../../adapters/clock';
import type { BeforeReloadDetail } from '../pwa-client';

type HeaderField = 'project' | 'area' | 'inspector' | 'inspectedAt';

/**
 * Write-ahead journal: each change is also put in localStorage synchronously, before the
 * IndexedDB transaction (which commits asynchronously) can finish. If the tab is closed or the
 * browser crashes in between, the next open replays the journal. Cleared once IndexedDB has it.
 */
interface Journal {
  record: InspectionRecord;
  rects: Rectification[];
}
const journalKey = (id: string) => `inspection-journal:${id}`;

class InspectionForm extends HTMLElement {
  #template!: ChecklistTemplate;
  #stores!: AppStores;
  #record!: InspectionRecord;
  #rects = new Map<string, Rectification>();
  #dirtyRects = new Set<string>();
  #recordDirty = false;
  #writing: Promise<void> | null = null;
  #photoUrls = new Map<string, string>();

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
    this.#record = record;
    for (const r of await this.#stores.rectifications.byInspection(record.id)) this.#rects.set(r.itemId, r);
    this.#replayJournal();
    await this.#fill();
    this.#bind();
    this.q('[data-body]').hidden = false;
    this.#render();
    this.dataset.state = 'ready';
    window.addEventListener('app:before-reload', (e) => (e as CustomEvent<BeforeReloadDetail>).detail.waitUntil(this.flush()));
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && void this.flush());
  }

  q<T extends HTMLElement = HTMLElement>(sel: string): T {
    return this.querySelector<T>(sel)!;
  }

  #itemEl(itemId: string): HTMLElement {
    return this.q(`[data-item="${CSS.escape(itemId)}"]`);
  }

  #replayJournal(): void {
    const raw = localStorage.getItem(journalKey(this.#record.id));
    if (!raw) return;
    try {
      const j = JSON.parse(raw) as Journal;
      if (j.record.id !== this.#record.id || j.record.updatedAt <= this.#record.updatedAt || this.#record.status !== 'draft') {
        localStorage.removeItem(journalKey(this.#record.id));
        return;
      }
      this.#record = j.record;
      this.#recordDirty = true;
      for (const r of j.rects) {
        this.#rects.set(r.itemId, r);
        this.#dirtyRects.add(r.itemId);
      }
      void this.#write();
    } catch {
      localStorage.removeItem(journalKey(this.#record.id)); // unreadable journal: IndexedDB's copy stands
    }
  }

  #journal(): void {
    try {
      const j: Journal = { record: this.#record, rects: [...this.#dirtyRects].map((id) => this.#rects.get(id)!).filter(Boolean) };
      localStorage.setItem(journalKey(this.#record.id), JSON.stringify(j));
    } catch {
      // localStorage full or unavailable: IndexedDB still gets the change, only the crash window is unprotected.
    }
  }

  // ---- load ----
  async #fill(): Promise<void> {
    const r = this.#record;
    for (const f of ['project', 'area', 'inspector'] as const) this.q<HTMLInputElement>(`[data-header="${f}"]`).value = r[f];
    this.q<HTMLInputElement>('[data-header="inspectedAt"]').value = toDatetimeLocal(r.inspectedAt);
    for (const el of this.querySelectorAll<HTMLElement>('[data-item]')) {
      const itemId = el.dataset.item!;
      const a = r.answers[itemId];
      if (a) {
        const value =
          a.result === 'findings' ? (a.findings === 0 ? 'pass' : 'findings') : a.result === 'rating' ? String(a.rating) : a.result;
        const radio = el.querySelector<HTMLInputElement>(`input[type=radio][value="${value}"]`);
        if (radio) radio.checked = true;
        if (a.result === 'findings' && a.findings > 0)
          el.querySelector<HTMLInputElement>('[data-findings-input]')!.value = String(a.findings);
      }
      el.querySelector<HTMLTextAreaElement>('[data-note]')!.value = r.notes[itemId] ?? '';
      const rect = this.#rects.get(itemId);
      if (rect) {
        for (const input of el.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[data-rect-field]')) {
          input.value = String(rect[input.dataset.rectField as 'description' | 'department' | 'owner' | 'deadline'] ?? '');
        }
      }
      await this.#renderPhotos(itemId);
    }
  }

  // ---- events ----
  #bind(): void {
    this.addEventListener('change', (e) => {
      const t = e.target as HTMLInputElement;
      if (t.type === 'radio') this.#onResult(t);
      else if (t.matches('[data-photo-input]')) void this.#onPhotos(t);
    });
    this.addEventListener('input', (e) => {
      const t = e.target as HTMLInputElement | HTMLTextAreaElement;
      const item = t.closest<HTMLElement>('[data-item]')?.dataset.item;
      if (t.matches('[data-header]')) this.#onHeader(t.dataset.header as HeaderField, t.value);
      else if (item && t.matches('[data-note]')) this.#update(setNote(this.#record, item, t.value, nowIso()));
      else if (item && t.matches('[data-findings-input]')) this.#onFindings(item, Number(t.value));
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
      const del = t.closest<HTMLButtonElement>('[data-photo-delete]');
      if (del && item) void this.#deletePhoto(item, del.dataset.photoDelete!);
      const sop = t.closest<HTMLAnchorElement>('[data-sop-link]');
      if (sop) {
        e.preventDefault();
        this.#openSop(sop);
      }
      if (t.closest('[data-sop-close]')) this.q<HTMLDialogElement>('[data-sop-dialog]').close();
      if (t.closest('[data-finalize]')) void this.#onFinalize();
      if (t.closest('[data-revise]')) void this.#onRevise();
    });
  }

  #onResult(radio: HTMLInputElement): void {
    const itemId = radio.closest<HTMLElement>('[data-item]')!.dataset.item!;
    const kind = this.#itemEl(itemId).dataset.kind;
    let answer: ItemAnswer;
    if (kind === 'rating') {
      answer = radio.value === 'na' ? { result: 'na' } : { result: 'rating', rating: Number(radio.value) as 1 | 2 | 3 | 4 | 5 };
    } else if (kind === 'deduct') {
      if (radio.value === 'pass') answer = { result: 'findings', findings: 0 };
      else if (radio.value === 'na') answer = { result: 'na' };
      else
        answer = {
          result: 'findings',
          findings: Math.max(1, Number(this.#itemEl(itemId).querySelector<HTMLInputElement>('[data-findings-input]')!.value) || 1),
        };
    } else {
      answer = { result: radio.value as 'pass' | 'fail' | 'na' };
    }
    this.#update(setAnswer(this.#record, itemId, answer, nowIso()));
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
      this.#update({ ...this.#record, [field]: value, updatedAt: nowIso() });
    }
  }

  #onRectField(itemId: string, field: keyof Rectification, value: string): void {
    const r = this.#ensureRect(itemId);
    this.#rects.set(itemId, { ...r, [field]: value, updatedAt: nowIso() });
    this.#dirtyRects.add(itemId);
    this.#journal();
    void this.#write();
  }

  #ensureRect(itemId: string): Rectification {
    const existing = this.#rects.get(itemId);
    if (existing) return existing;
    const el = this.#itemEl(itemId);
    const r = newRectification(
      {
        id: rectificationId(this.#record.id, itemId),
        inspectionId: this.#record.id,
        itemId,
        description: el.querySelector<HTMLTextAreaElement>('[data-rect-field="description"]')!.value,
      },
      this.#record.inspectedAt.slice(0, 10),
      this.#template.rectificationDays,
      nowIso(),
    );
    this.#rects.set(itemId, r);
    this.#dirtyRects.add(itemId);
    return r;
  }

  async #onPhotos(input: HTMLInputElement): Promise<void> {
    const itemId = input.closest<HTMLElement>('[data-item]')!.dataset.item!;
    const files = [...(input.files ?? [])];
    input.value = '';
    for (const file of files) {
      try {
        const { blob, width, height } = await downscalePhoto(file);
        const id = newId();
        await this.#stores.photos.put({ id, inspectionId: this.#record.id, itemId, blob, width, height, createdAt: nowIso() });
        this.#update(setPhotos(this.#record, itemId, [...(this.#record.photos[itemId] ?? []), id], nowIso()));
      } catch (err) {
        this.#showSaveState((err as Error).message, true);
      }
    }
    await this.#renderPhotos(itemId);
  }

  async #deletePhoto(itemId: string, photoId: string): Promise<void> {
    if (!confirm('删除这张照片？')) return;
    this.#update(
      setPhotos(
        this.#record,
        itemId,
        (this.#record.photos[itemId] ?? []).filter((p) => p !== photoId),
        nowIso(),
      ),
    );
    await this.flush();
    await this.#stores.photos.delete(photoId);
    await this.#renderPhotos(itemId);
  }

  async #renderPhotos(itemId: string): Promise<void> {
    const box = this.#itemEl(itemId).querySelector<HTMLElement>('[data-photos]')!;
    const ids = this.#record.photos[itemId] ?? [];
    const figures: HTMLElement[] = [];
    for (const [i, id] of ids.entries()) {
      const photo = await this.#stores.photos.get(id);
      if (!photo) continue;
      let url = this.#photoUrls.get(id);
      if (!url) this.#photoUrls.set(id, (url = URL.createObjectURL(photo.blob)));
      const fig = document.createElement('figure');
      const img = document.createElement('img');
      img.src = url;
      img.alt = `照片 ${i + 1}`;
      const del = document.createElement('button');
      del.type = 'button';
      del.className = 'photo-delete';
      del.dataset.photoDelete = id;
      del.textContent = '删除';
      del.disabled = this.#record.status !== 'draft';
      fig.append(img, del);
      figures.push(fig);
    }
    box.replaceChildren(...figures);
    this.#itemEl(itemId).querySelector<HTMLElement>('[data-extra-count]')!.textContent =
      ids.length || this.#record.notes[itemId] ? `（${ids.length ? `${ids.length} 张照片` : '有备注'}）` : '';
  }

  #openSop(link: HTMLAnchorElement): void {
    const dialog = this.q<HTMLDialogElement>('[data-sop-dialog]');
    this.q<HTMLIFrameElement>('[data-sop-frame]').src = link.href;
    this.q('#sop-dialog-title').textContent = link.textContent ?? '手册';
    dialog.showModal();
  }

  // ---- finalise and revise ----
  #currentRects(): Rectification[] {
    if (this.#template.kind === 'survey') return [];
    const score = scoreInspection(this.#template, this.#record.answers);
    return score.deductions.map((d) => this.#ensureRect(d.itemId));
  }

  async #onFinalize(): Promise<void> {
    const rects = this.#currentRects();
    const problems = finalizeProblems(this.#template, this.#record, rects);
    const box = this.q('[data-problems]');
    const list = this.q('[data-problem-list]');
    list.replaceChildren(
      ...problems.map((p) => {
        const li = document.createElement('li');
        if (p.itemId) {
          const a = document.createElement('a');
          a.href = `#item-${p.itemId}`;
          a.textContent = p.message;
          li.append(a);
        } else li.textContent = p.message;
        return li;
      }),
    );
    box.hidden = problems.length === 0;
    if (problems.length) {
      box.scrollIntoView({ block: 'start' });
      return;
    }
    const summary =
      this.#template.kind === 'survey' ? this.#surveySummary() : scoreSummary(scoreInspection(this.#template, this.#record.answers));
    if (!confirm(`${summary}。\n定稿后不能再修改，确定定稿吗？`)) return;
    const keep = new Set(rects.map((r) => r.itemId));
    for (const [itemId, r] of this.#rects)
      if (!keep.has(itemId)) {
        this.#rects.delete(itemId);
        this.#dirtyRects.delete(itemId);
        await this.#stores.rectifications.delete(r.id);
      }
    for (const r of rects) this.#dirtyRects.add(r.itemId);
    const final = finalize(this.#template, this.#record, nowIso());
    await this.flush();
    await this.#stores.inspections.putRevision(final);
    this.#record = final;
    this.#render();
  }

  async #onRevise(): Promise<void> {
    if (!confirm('创建修订版：复制本次检查为新的草稿进行更正，原记录保留不变。继续吗？')) return;
    const draft = revise(this.#record, newId(), nowIso());
    await this.#stores.inspections.putRevision(draft);
    for (const r of this.#rects.values()) {
      await this.#stores.rectifications.put({ ...r, id: rectificationId(draft.id, r.itemId), inspectionId: draft.id });
    }
    location.href = `${location.pathname}?id=${encodeURIComponent(draft.id)}`;
  }

  // ---- saving ----
  #update(next: InspectionRecord): void {
    this.#record = next;
    this.#recordDirty = true;
    this.#journal();
    this.#render();
    void this.#write();
  }

  /** Writes the latest state; a change made while a write is running is written right after it. */
  #write(): Promise<void> {
    if (this.#writing) return this.#writing;
    this.#showSaveState('正在保存…');
    this.#writing = (async () => {
      try {
        while (this.#recordDirty || this.#dirtyRects.size) {
          if (this.#recordDirty) {
            this.#recordDirty = false;
            await this.#stores.inspections.put(this.#record);
          }
          for (const itemId of [...this.#dirtyRects]) {
            this.#dirtyRects.delete(itemId);
            const r = this.#rects.get(itemId);
            if (r) await this.#stores.rectifications.put(r);
          }
        }
        this.#showSaveState('已保存');
        this.dataset.saved = this.#record.updatedAt;
        localStorage.removeItem(journalKey(this.#record.id));
      } catch (err) {
        this.#recordDirty = true;
        this.#showSaveState((err as Error).message, true);
      } finally {
        this.#writing = null;
      }
    })();
    return this.#writing;
  }

  async flush(): Promise<void> {
    while (this.#writing || this.#recordDirty || this.#dirtyRects.size) {
      await (this.#writing ?? this.#write());
      if (this.dataset.saveError) return;
    }
  }

  #showSaveState(text: string, error = false): void {
    const el = this.q('[data-save-state]');
    el.textContent = text;
    el.classList.toggle('save-error', error);
    if (error) this.dataset.saveError = text;
    else delete this.dataset.saveError;
  }

  // ---- rendering ----
  #surveySummary(): string {
    const { overall, unanswered } = scoreSurvey(this.#template, this.#record.answers);
    const rate = overall.rate === null ? '—' : `${formatTenths(overall.rate)}%`;
    const mean = overall.mean === null ? '—' : formatTenths(overall.mean);
    return `满意率 ${rate}，平均 ${mean} 分（5 分制，${overall.answered} 题有效）${unanswered.length ? `，还有 ${unanswered.length} 题未答` : ''}`;
  }

  #renderSurvey(): void {
    const result = scoreSurvey(this.#template, this.#record.answers);
    const total = result.questions.length;
    this.q('[data-score]').textContent = result.overall.rate === null ? '—' : `${formatTenths(result.overall.rate)}%`;
    const grade = this.q('[data-grade]');
    grade.textContent = result.overall.mean === null ? '满意率' : `满意率 · 均分 ${formatTenths(tenths(result.overall.mean))}`;
    grade.dataset.grade = '';
    this.q('[data-progress]').textContent = `已答 ${total - result.unanswered.length} / ${total} 题`;
    const unanswered = new Set(result.unanswered);
    for (const section of this.#template.sections) {
      const ids = section.items.map((i) => i.id);
      this.q(`[data-section-progress="${CSS.escape(section.id)}"]`).textContent =
        ` ${ids.filter((id) => !unanswered.has(id)).length}/${ids.length}`;
    }
    for (const q of result.questions) this.#itemEl(q.itemId).dataset.state = unanswered.has(q.itemId) ? 'unanswered' : 'answered';
    this.q('[data-summary]').textContent = this.#surveySummary();
    this.q('[data-trace]').replaceChildren();
  }

  #render(): void {
    if (this.#template.kind === 'survey') this.#renderSurvey();
    else this.#renderInspection();
    this.#renderStatus();
  }

  #renderInspection(): void {
    const t = this.#template;
    const r = this.#record;
    const score = scoreInspection(t, r.answers);
    const trace = scoreTrace(t, score);
    this.q('[data-score]').textContent = score.score === null ? '—' : formatTenths(score.score);
    const grade = this.q('[data-grade]');
    grade.textContent = score.grade ? GRADE_NAMES[score.grade] : '';
    grade.dataset.grade = score.grade ?? '';
    const answered = score.items.length - score.unanswered.length;
    this.q('[data-progress]').textContent = `已检查 ${answered} / ${score.items.length} 项`;
    for (const p of progressBySection(score)) {
      this.q(`[data-section-progress="${CSS.escape(p.sectionId)}"]`).textContent = ` ${p.answered}/${p.total}`;
    }
    const lossByItem = new Map(trace.map((l) => [l.itemId, l.text]));
    for (const s of score.items) {
      const el = this.#itemEl(s.itemId);
      el.dataset.state = s.state;
      el.querySelector<HTMLElement>('[data-loss]')!.textContent = lossByItem.get(s.itemId) ?? '';
      const findings = el.querySelector<HTMLElement>('[data-findings]');
      if (findings) findings.hidden = s.state !== 'deducted';
      const rect = el.querySelector<HTMLElement>('[data-rect]')!;
      const needs = s.lost > 0;
      rect.hidden = !needs;
      if (needs) {
        const desc = rect.querySelector<HTMLTextAreaElement>('[data-rect-field="description"]')!;
        const deadline = rect.querySelector<HTMLInputElement>('[data-rect-field="deadline"]')!;
        const existing = this.#rects.get(s.itemId);
        if (!desc.value)
          desc.value =
            existing?.description ||
            proposedDescription(
              this.#template.sections.flatMap((sec) => sec.items).find((i) => i.id === s.itemId) as DeductItem,
              s.findings,
            );
        if (!deadline.value) deadline.value = existing?.deadline ?? this.#ensureRect(s.itemId).deadline;
        if (!existing?.description) this.#onRectField(s.itemId, 'description', desc.value);
      }
    }
    this.q('[data-summary]').textContent = score.unanswered.length
      ? `${scoreSummary(score)}，还有 ${score.unanswered.length} 项未检查`
      : scoreSummary(score);
    this.q('[data-trace]').replaceChildren(
      ...trace.map((l) => {
        const li = document.createElement('li');
        li.textContent = `${l.sectionTitle} · ${l.itemText}：${l.text}`;
        if (l.veto) li.className = 'trace-veto';
        return li;
      }),
    );
  }

  #renderStatus(): void {
    const r = this.#record;
    const final = r.status === 'final';
    this.q('[data-status]').textContent = final
      ? `已定稿（${r.finalizedAt?.slice(0, 16).replace('T', ' ')}）${r.revision > 1 ? ` · 第 ${r.revision} 版` : ''}${r.supersededBy ? ' · 已有更新的修订版' : ''}`
      : `草稿 · 每项修改都会立即保存在本设备上${r.revision > 1 ? ` · 第 ${r.revision} 版（修订）` : ''}`;
    this.toggleAttribute('data-final', final);
    for (const input of this.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLButtonElement>(
      '[data-body] input, [data-body] textarea, [data-body] .step, [data-body] .photo-delete',
    )) {
      if (!input.closest('[data-report]')) input.disabled = final; // signing happens after finalising
    }
    this.q<HTMLButtonElement>('[data-finalize]').hidden = final;
    this.q<HTMLButtonElement>('[data-revise]').hidden = !final || !!r.supersededBy;
    this.q('[data-finish-note]').hidden = final;
    const report = this.querySelector<HTMLElement>('[data-report]');
    if (report) report.hidden = !final;
    const name = this.querySelector('[data-inspector-name]');
    if (name) name.textContent = r.inspector;
  }
}

customElements.define('inspection-form', InspectionForm);
