/**
 * Moving through a long inspection quickly: the next unanswered item, where to reopen, one tap
 * for a section that is all in order, a copy as a new inspection, and a result that says it is
 * provisional while items are still open.
 */
import type { Answers, ChecklistTemplate, ItemAnswer } from './checklist';
import { newInspection, type InspectionRecord } from './inspection';
import { GRADE_NAMES, type InspectionScore } from './scoring';

/** The first unanswered item after `fromId` in template order, wrapping round; null when all are answered. */
export function nextUnanswered(order: readonly string[], unanswered: ReadonlySet<string>, fromId?: string | null): string | null {
  const start = fromId ? order.indexOf(fromId) + 1 : 0;
  for (let k = 0; k < order.length; k++) {
    const id = order[(start + k) % order.length]!;
    if (unanswered.has(id)) return id;
  }
  return null;
}

/** Where to reopen: the item in the address (#item-x), else the last one answered, if it exists. */
export function resumeItem(order: readonly string[], hash: string, lastAnswered: string | null): string | null {
  const fromHash = /^#item-(.+)$/.exec(hash)?.[1];
  const id = fromHash ? decodeURIComponent(fromHash) : lastAnswered;
  return id && order.includes(id) ? id : null;
}

/** 全部符合 for one section: 符合 for each of its unanswered items; answered ones are left alone. */
export function sectionAllPass(template: ChecklistTemplate, sectionId: string, answers: Answers): [string, ItemAnswer][] {
  const section = template.sections.find((s) => s.id === sectionId);
  if (!section) return [];
  return section.items.flatMap((item): [string, ItemAnswer][] => {
    if (answers[item.id] || item.kind === 'rating') return [];
    return [[item.id, item.kind === 'deduct' ? { result: 'findings', findings: 0 } : { result: 'pass' }]];
  });
}

/** 复制为新检查: same template, project, area and inspector, answers empty, at a new time. */
export function copyAsNew(template: ChecklistTemplate, record: InspectionRecord, id: string, now: string): InspectionRecord {
  const { project, area, inspector } = record;
  return newInspection(template, { templateId: template.id, project, area, inspector, inspectedAt: now }, id, now);
}

/**
 * The grade as shown while filling: with items still open it is 暂评 (provisional), unless a
 * veto item has already failed, which decides the result whatever comes next.
 */
export function gradeLabel(score: InspectionScore): { text: string; provisional: boolean } {
  if (!score.grade) return { text: '', provisional: false };
  const decided = score.unanswered.length === 0 || score.vetoFailures.length > 0;
  return decided ? { text: GRADE_NAMES[score.grade], provisional: false } : { text: `暂评 ${GRADE_NAMES[score.grade]}`, provisional: true };
}
