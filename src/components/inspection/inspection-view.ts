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
  for (const section of v.template.sections) {
    const ids = section.items.map((i) => i.id);
    q(`[data-section-progress="${CSS.escape(section.id)}"]`).textContent =
      ` ${ids.filter((id) => !unanswered.has(id)).length}/${ids.length}`;
  }
  for (const q of result.questions) itemEl(v.root, q.itemId).dataset.state = unanswered.has(q.itemId) ? 'unanswered' : 'answered';
  q('[data-summary]').textContent = surveySummary(v.template, v.record.answers);
  q('[data-trace]').replaceChildren();
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
  q('[data-score]').textContent = score.score === null ? '—' : formatTenths(score.score);
  const grade = q('[data-grade]');
  const label = gradeLabel(score);
  grade.textContent = label.text;
  // A provisional grade gets no verdict colour.
  grade.dataset.grade = label.provisional ? '' : (score.grade ?? '');
  grade.dataset.provisional = String(label.provisional);
  const answered = score.items.length - score.unanswered.length;
  q('[data-progress]').textContent = `已检查 ${answered} / ${score.items.length} 项`;
  for (const p of progressBySection(score)) {
    q(`[data-section-progress="${CSS.escape(p.sectionId)}"]`).textContent = ` ${p.answered}/${p.total}`;
  }
  const lossByItem = new Map(trace.map((l) => [l.itemId, l.text]));
  for (const s of score.items) {
    const el = itemEl(v.root, s.itemId);
    el.dataset.state = s.state;
    el.querySelector<HTMLElement>('[data-loss]')!.textContent = lossByItem.get(s.itemId) ?? '';
    const findings = el.querySelector<HTMLElement>('[data-findings]');
    if (findings) findings.hidden = s.state !== 'deducted';
    const rect = el.querySelector<HTMLElement>('[data-rect]')!;
    rect.hidden = !(s.lost > 0);
    const existing = v.rects.get(s.itemId);
    if (s.lost > 0 && existing) {
      const desc = rect.querySelector<HTMLTextAreaElement>('[data-rect-field="description"]')!;
      const deadline = rect.querySelector<HTMLInputElement>('[data-rect-field="deadline"]')!;
      // The stored text follows the count while it is the proposal; never while the inspector types.
      if (desc.value !== existing.description && document.activeElement !== desc) desc.value = existing.description;
      if (!deadline.value) deadline.value = existing.deadline;
    }
  }
  q('[data-summary]').textContent = score.unanswered.length
    ? `${scoreSummary(score)}，还有 ${score.unanswered.length} 项未检查`
    : scoreSummary(score);
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
  q('[data-status]').textContent = final
    ? `已定稿（${r.finalizedAt?.slice(0, 16).replace('T', ' ')}）${r.revision > 1 ? ` · 第 ${r.revision} 版` : ''}${r.supersededBy ? ' · 已有更新的修订版' : ''}`
    : `草稿 · 每项修改都会立即保存在本设备上${r.revision > 1 ? ` · 第 ${r.revision} 版（修订）` : ''}`;
  v.root.toggleAttribute('data-final', final);
  for (const input of v.root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLButtonElement>(
    '[data-body] input, [data-body] textarea, [data-body] .step, [data-body] .photo-delete',
  )) {
    if (!input.closest('[data-report]')) input.disabled = final; // signing happens after finalising
  }
  q<HTMLButtonElement>('[data-finalize]').hidden = final;
  for (const b of v.root.querySelectorAll<HTMLButtonElement>('[data-all-pass]')) b.hidden = final;
  q<HTMLButtonElement>('[data-revise]').hidden = !final || !!r.supersededBy;
  q('[data-finish-note]').hidden = final;
  const report = v.root.querySelector<HTMLElement>('[data-report]');
  if (report) report.hidden = !final;
  const name = v.root.querySelector('[data-inspector-name]');
  if (name) name.textContent = r.inspector;
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
