// Draws the filling screen from the record: score, grade, progress, per-item state, the trace
// and the draft/final status. Reads only; every write goes through the form's writer.
import type { ChecklistTemplate } from '../../domain/checklist';
import type { FinalizeProblem, InspectionRecord } from '../../domain/inspection';
import type { Rectification } from '../../domain/rectification';
import { progressBySection, scoreInspection } from '../../domain/scoring';
import { gradeLabel } from '../../domain/walking';
import { scoreSummary, scoreTrace } from '../../domain/score-trace';
import { formatTenths, tenths } from '../../domain/tenths';
import { scoreSurvey } from '../../domain/survey';
import { surveySummary } from '../../domain/inspection-controls';

export interface View {
  root: HTMLElement;
  template: ChecklistTemplate;
  record: InspectionRecord;
  rects: ReadonlyMap<string, Rectification>;
}

const query =
  (root: HTMLElement) =>
  <T extends HTMLElement = HTMLElement>(sel: string): T =>
    root.querySelector<T>(sel)!;

export function itemEl(root: HTMLElement, itemId: string): HTMLElement {
  return root.querySelector<HTMLElement>(`[data-item="${CSS.escape(itemId)}"]`)!;
}

// Redrawing after every tap must touch only what changed: writing the same text or flag again
// still costs style, layout and paint, and 100 whole-form selector lookups per tap cost more than
// the scoring. So the elements are looked up once per form and each write is skipped when equal.
interface ItemParts {
  el: HTMLElement;
  loss: HTMLElement | null;
  findings: HTMLElement | null;
  rect: HTMLElement | null;
}
interface Parts {
  items: Map<string, ItemParts>;
  sections: Map<string, HTMLElement>;
  trace: string;
  final: boolean | null;
}
const partsByRoot = new WeakMap<HTMLElement, Parts>();

function parts(root: HTMLElement): Parts {
  let p = partsByRoot.get(root);
  if (!p) {
    p = { items: new Map(), sections: new Map(), trace: '', final: null };
    for (const el of root.querySelectorAll<HTMLElement>('[data-item]')) {
      p.items.set(el.dataset.item!, {
        el,
        loss: el.querySelector<HTMLElement>('[data-loss]'),
        findings: el.querySelector<HTMLElement>('[data-findings]'),
        rect: el.querySelector<HTMLElement>('[data-rect]'),
      });
    }
    for (const el of root.querySelectorAll<HTMLElement>('[data-section-progress]')) p.sections.set(el.dataset.sectionProgress!, el);
    partsByRoot.set(root, p);
  }
  return p;
}

const setText = (el: HTMLElement, text: string) => {
  if (el.textContent !== text) el.textContent = text;
};
const setHidden = (el: HTMLElement, hidden: boolean) => {
  if (el.hidden !== hidden) el.hidden = hidden;
};
const setData = (el: HTMLElement, key: string, value: string) => {
  if (el.dataset[key] !== value) el.dataset[key] = value;
};

function renderSurvey(v: View): void {
  const q = query(v.root);
  const result = scoreSurvey(v.template, v.record.answers);
  const total = result.questions.length;
  q('[data-score]').textContent = result.overall.rate === null ? '—' : `${formatTenths(result.overall.rate)}%`;
  const grade = q('[data-grade]');
  grade.textContent = result.overall.mean === null ? '满意率' : `满意率 · 均分 ${formatTenths(tenths(result.overall.mean))}`;
  grade.dataset.grade = '';
  q('[data-progress]').textContent = `已答 ${total - result.unanswered.length} / ${total} 题`;
  const unanswered = new Set(result.unanswered);
  const p = parts(v.root);
  for (const section of v.template.sections) {
    const ids = section.items.map((i) => i.id);
    setText(p.sections.get(section.id)!, ` ${ids.filter((id) => !unanswered.has(id)).length}/${ids.length}`);
  }
  for (const q of result.questions) setData(p.items.get(q.itemId)!.el, 'state', unanswered.has(q.itemId) ? 'unanswered' : 'answered');
  setText(q('[data-summary]'), surveySummary(v.template, v.record.answers));
  if (p.trace) q('[data-trace]').replaceChildren();
  p.trace = '';
}

export function renderForm(v: View): void {
  if (v.template.kind === 'survey') renderSurvey(v);
  else renderInspection(v);
  renderStatus(v);
}

function renderInspection(v: View): void {
  const q = query(v.root);
  const t = v.template;
  const r = v.record;
  const score = scoreInspection(t, r.answers);
  const trace = scoreTrace(t, score);
  const p = parts(v.root);
  setText(q('[data-score]'), score.score === null ? '—' : formatTenths(score.score));
  const grade = q('[data-grade]');
  const label = gradeLabel(score);
  setText(grade, label.text);
  // A provisional grade gets no verdict colour.
  setData(grade, 'grade', label.provisional ? '' : (score.grade ?? ''));
  setData(grade, 'provisional', String(label.provisional));
  const answered = score.items.length - score.unanswered.length;
  setText(q('[data-progress]'), `已检查 ${answered} / ${score.items.length} 项`);
  for (const sp of progressBySection(score)) setText(p.sections.get(sp.sectionId)!, ` ${sp.answered}/${sp.total}`);
  const lossByItem = new Map(trace.map((l) => [l.itemId, l.text]));
  for (const s of score.items) {
    const { el, loss, findings, rect: rectEl } = p.items.get(s.itemId)!;
    setData(el, 'state', s.state);
    setText(loss!, lossByItem.get(s.itemId) ?? '');
    if (findings) setHidden(findings, s.state !== 'deducted');
    const rect = rectEl!;
    setHidden(rect, !(s.lost > 0));
    const existing = v.rects.get(s.itemId);
    if (s.lost > 0 && existing) {
      const desc = rect.querySelector<HTMLTextAreaElement>('[data-rect-field="description"]')!;
      const deadline = rect.querySelector<HTMLInputElement>('[data-rect-field="deadline"]')!;
      // The stored text follows the count while it is the proposal; never while the inspector types.
      if (desc.value !== existing.description && document.activeElement !== desc) desc.value = existing.description;
      if (!deadline.value) deadline.value = existing.deadline;
    }
  }
  setText(
    q('[data-summary]'),
    score.unanswered.length ? `${scoreSummary(score)}，还有 ${score.unanswered.length} 项未检查` : scoreSummary(score),
  );
  const traceKey = trace.map((l) => `${l.itemId}\u0000${l.text}\u0000${l.veto}`).join('\u0001');
  if (traceKey === p.trace) return;
  p.trace = traceKey;
  q('[data-trace]').replaceChildren(
    ...trace.map((l) => {
      const li = document.createElement('li');
      li.textContent = `${l.sectionTitle} · ${l.itemText}：${l.text}`;
      if (l.veto) li.className = 'trace-veto';
      return li;
    }),
  );
}

function renderStatus(v: View): void {
  const q = query(v.root);
  const r = v.record;
  const final = r.status === 'final';
  setText(
    q('[data-status]'),
    final
      ? `已定稿（${r.finalizedAt?.slice(0, 16).replace('T', ' ')}）${r.revision > 1 ? ` · 第 ${r.revision} 版` : ''}${r.supersededBy ? ' · 已有更新的修订版' : ''}`
      : `草稿 · 每项修改都会立即保存在本设备上${r.revision > 1 ? ` · 第 ${r.revision} 版（修订）` : ''}`,
  );
  v.root.toggleAttribute('data-final', final);
  const p = parts(v.root);
  // Controls change only when the record is finalised or revised, not on every answer.
  if (p.final !== final) {
    p.final = final;
    for (const input of v.root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLButtonElement>(
      '[data-body] input, [data-body] textarea, [data-body] .step, [data-body] .photo-delete',
    )) {
      if (!input.closest('[data-report]')) input.disabled = final; // signing happens after finalising
    }
    q<HTMLButtonElement>('[data-finalize]').hidden = final;
    for (const b of v.root.querySelectorAll<HTMLButtonElement>('[data-all-pass]')) b.hidden = final;
    q('[data-finish-note]').hidden = final;
    const report = v.root.querySelector<HTMLElement>('[data-report]');
    if (report) report.hidden = !final;
  }
  setHidden(q<HTMLButtonElement>('[data-revise]'), !final || !!r.supersededBy);
  const name = v.root.querySelector<HTMLElement>('[data-inspector-name]');
  if (name) setText(name, r.inspector);
}

/** What stops finalisation, each linked to its item; scrolled into view when there is any. */
export function renderProblems(root: HTMLElement, problems: readonly FinalizeProblem[]): void {
  const box = root.querySelector<HTMLElement>('[data-problems]')!;
  root.querySelector('[data-problem-list]')!.replaceChildren(
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
  if (problems.length) box.scrollIntoView({ block: 'start' });
}
