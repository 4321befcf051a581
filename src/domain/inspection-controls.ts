/**
 * What the filling screen needs decided without a DOM: which control shows an answer, which
 * answer a control means, the survey's one-line summary, and which rectifications an inspection
 * needs (on every change and when it is finalised).
 */
import type { Answers, ChecklistTemplate, DeductItem, ItemAnswer, ItemKind } from './checklist';
import { isProposedDescription, newRectification, proposedDescription, type Rectification } from './rectification';
import { scoreInspection } from './scoring';
import { scoreSurvey } from './survey';
import { formatTenths } from './tenths';

/** The radio value that shows an answer: pass / findings / fail / na, or "1"…"5" for ratings. */
export function controlValue(a: ItemAnswer): string {
  if (a.result === 'findings') return a.findings === 0 ? 'pass' : 'findings';
  if (a.result === 'rating') return String(a.rating);
  return a.result;
}

/** The answer a tapped radio means; `findingsInput` is the count field's text (deduct items). */
export function answerFromControl(kind: ItemKind, value: string, findingsInput = ''): ItemAnswer {
  if (value === 'na') return { result: 'na' };
  if (kind === 'rating') return { result: 'rating', rating: Number(value) as 1 | 2 | 3 | 4 | 5 };
  if (kind === 'deduct') {
    if (value === 'pass') return { result: 'findings', findings: 0 };
    return { result: 'findings', findings: Math.max(1, Math.floor(Number(findingsInput)) || 1) };
  }
  return { result: value as 'pass' | 'fail' };
}

/** "满意率 92.5%，平均 4.3 分（5 分制，12 题有效），还有 2 题未答". */
export function surveySummary(template: ChecklistTemplate, answers: Answers): string {
  const { overall, unanswered } = scoreSurvey(template, answers);
  const rate = overall.rate === null ? '—' : `${formatTenths(overall.rate)}%`;
  const mean = overall.mean === null ? '—' : formatTenths(overall.mean);
  return `满意率 ${rate}，平均 ${mean} 分（5 分制，${overall.answered} 题有效）${unanswered.length ? `，还有 ${unanswered.length} 题未答` : ''}`;
}

/** Items that lose points, in template order: each needs a rectification. Surveys need none. */
export function itemsNeedingRectification(template: ChecklistTemplate, answers: Answers): { itemId: string; findings?: number }[] {
  if (template.kind === 'survey') return [];
  return scoreInspection(template, answers).deductions.map((d) => {
    const a = answers[d.itemId];
    return { itemId: d.itemId, findings: a?.result === 'findings' ? a.findings : undefined };
  });
}

function deductItem(template: ChecklistTemplate, itemId: string): DeductItem {
  return template.sections.flatMap((s) => s.items).find((i) => i.id === itemId) as DeductItem;
}

export interface RectificationContext {
  inspectionId: string;
  /** YYYY-MM-DD of the inspection: deadlines count from it. */
  inspectedOn: string;
  now: string;
  idFor(itemId: string): string;
}

/**
 * The rectifications to write after a change: a new one (proposed text, default deadline) for
 * each item that newly loses points, and the proposed text brought up to date when the count of
 * findings changed (text the inspector wrote is never touched).
 */
export function rectificationChanges(
  template: ChecklistTemplate,
  answers: Answers,
  existing: ReadonlyMap<string, Rectification>,
  ctx: RectificationContext,
): Rectification[] {
  const changes: Rectification[] = [];
  for (const { itemId, findings } of itemsNeedingRectification(template, answers)) {
    const item = deductItem(template, itemId);
    const description = proposedDescription(item, findings);
    const current = existing.get(itemId);
    if (current) {
      if (current.description !== description && isProposedDescription(item, current.description))
        changes.push({ ...current, description, updatedAt: ctx.now });
      continue;
    }
    changes.push(
      newRectification(
        { id: ctx.idFor(itemId), inspectionId: ctx.inspectionId, itemId, description },
        ctx.inspectedOn,
        template.rectificationDays,
        ctx.now,
      ),
    );
  }
  return changes;
}

/** On finalising: the rectifications to keep (items still losing points) and those to drop. */
export function rectificationsOnFinalize(
  template: ChecklistTemplate,
  answers: Answers,
  rects: readonly Rectification[],
): { keep: Rectification[]; drop: Rectification[] } {
  const needed = new Set(itemsNeedingRectification(template, answers).map((i) => i.itemId));
  return { keep: rects.filter((r) => needed.has(r.itemId)), drop: rects.filter((r) => !needed.has(r.itemId)) };
}
