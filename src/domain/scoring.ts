/**
 * The scoring engine for inspections (百分制).
 *
 * Rules, in order:
 * 1. Only check (符合/不符合/不适用) and deduct (扣分制) items count; N/A removes an item from both
 *    the earned and the possible points. Unanswered items are left out of the live score and
 *    block finalisation (`unanswered`).
 * 2. check: 符合 earns its points, 不符合 earns 0. deduct: points − perFinding × findings, never below 0.
 * 3. Score = 100 × earned / possible over applicable items. If any section has a weight, the score
 *    is instead the weighted mean of the section percentages, over sections that have applicable
 *    items (a missing weight counts as 1; weights are renormalised over those sections).
 * 4. Rounding: the score is kept in tenths, rounded half-up once at the end, in exact integer
 *    arithmetic (BigInt) — never floating point.
 * 5. Grade compares that rounded score (what the inspector sees) with the template thresholds:
 *    ≥ excellent 优秀, ≥ pass 合格, else 不合格. A failed veto item (否决项) forces 不合格.
 *    Every 不合格 needs 整改.
 * 6. With no applicable item the score is null and the inspection can't be finalised.
 */
import type { Answers, ChecklistItem, ChecklistTemplate, ItemAnswer } from './checklist';
import { divRoundHalfUp, tenths, toTenths, type Tenths } from './tenths';

export type Grade = 'excellent' | 'pass' | 'fail';

export const GRADE_NAMES: Record<Grade, string> = { excellent: '优秀', pass: '合格', fail: '不合格' };

export interface ItemScore {
  sectionId: string;
  itemId: string;
  state: 'unanswered' | 'na' | 'pass' | 'fail' | 'deducted' | 'invalid';
  earned: Tenths;
  possible: Tenths;
  /** Points lost on this item (possible − earned), 0 when nothing was lost. */
  lost: Tenths;
  findings?: number;
  veto: boolean;
  /** True when this item fails a veto. */
  vetoFailed: boolean;
}

export interface SectionScore {
  sectionId: string;
  title: string;
  earned: Tenths;
  possible: Tenths;
  /** Section percentage in tenths, null when nothing in it applies. */
  score: Tenths | null;
  weight: number;
}

export interface InspectionScore {
  /** Score in tenths of a percent (855 = 85.5), null when no item applies. */
  score: Tenths | null;
  earned: Tenths;
  possible: Tenths;
  grade: Grade | null;
  weighted: boolean;
  sections: SectionScore[];
  items: ItemScore[];
  /** Items with a deduction or failure, in template order: the score trace. */
  deductions: ItemScore[];
  vetoFailures: ItemScore[];
  unanswered: { sectionId: string; itemId: string }[];
  /** True when every scorable item is answered and at least one applies. */
  complete: boolean;
  /** 整改 needed: the grade is 不合格. */
  needsRectification: boolean;
}

function scoreItem(sectionId: string, item: ChecklistItem, answer: ItemAnswer | undefined): ItemScore | null {
  if (item.kind === 'rating') return null;
  const points = toTenths(item.points);
  const zero = tenths(0);
  const base = { sectionId, itemId: item.id, veto: !!item.veto, vetoFailed: false };
  if (!answer) return { ...base, state: 'unanswered', earned: zero, possible: zero, lost: zero };
  if (answer.result === 'na') return { ...base, state: 'na', earned: zero, possible: zero, lost: zero };
  if (item.kind === 'check') {
    if (answer.result === 'pass') return { ...base, state: 'pass', earned: points, possible: points, lost: zero };
    if (answer.result === 'fail') return { ...base, state: 'fail', earned: zero, possible: points, lost: points, vetoFailed: !!item.veto };
  } else if (answer.result === 'findings' && Number.isInteger(answer.findings) && answer.findings >= 0) {
    const deduction = Math.min(points, toTenths(item.perFinding) * answer.findings);
    const earned = tenths(points - deduction);
    return {
      ...base,
      state: answer.findings === 0 ? 'pass' : 'deducted',
      earned,
      possible: points,
      lost: tenths(deduction),
      findings: answer.findings,
      vetoFailed: !!item.veto && answer.findings > 0,
    };
  }
  // An answer of the wrong kind (e.g. findings on a 符合/不符合 item) counts as not answered.
  return { ...base, state: 'invalid', earned: zero, possible: zero, lost: zero };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function weightedScore(sections: readonly SectionScore[]): Tenths | null {
  const applicable = sections.filter((s) => s.possible > 0);
  if (applicable.length === 0) return null;
  // score×10 = 1000 × Σ(w·E/P) / Σw, as one exact fraction over the product of the P's.
  const ws = applicable.map((s) => BigInt(toTenths(s.weight)));
  const Ps = applicable.map((s) => BigInt(s.possible));
  const product = Ps.reduce((a, b) => a * b, 1n);
  const num = applicable.reduce((acc, s, i) => acc + ws[i]! * BigInt(s.earned) * (product / Ps[i]!), 0n);
  const den = product * ws.reduce((a, b) => a + b, 0n);
  return tenths(Number(divRoundHalfUp(1000n * num, den)));
}

export function percentTenths(earned: number, possible: number): Tenths | null {
  if (possible <= 0) return null;
  return tenths(Number(divRoundHalfUp(1000n * BigInt(earned), BigInt(possible))));
}

export function gradeOf(score: Tenths | null, vetoFailed: boolean, t: ChecklistTemplate['grades']): Grade | null {
  if (vetoFailed) return 'fail';
  if (score === null) return null;
  if (score >= toTenths(t.excellent)) return 'excellent';
  if (score >= toTenths(t.pass)) return 'pass';
  return 'fail';
}

export function scoreInspection(template: ChecklistTemplate, answers: Answers): InspectionScore {
  const items: ItemScore[] = [];
  const sections: SectionScore[] = template.sections.map((section) => {
    const scored = section.items.map((item) => scoreItem(section.id, item, answers[item.id])).filter((s): s is ItemScore => s !== null);
    items.push(...scored);
    const earned = tenths(sum(scored.map((s) => s.earned)));
    const possible = tenths(sum(scored.map((s) => s.possible)));
    return {
      sectionId: section.id,
      title: section.title,
      earned,
      possible,
      score: percentTenths(earned, possible),
      weight: section.weight ?? 1,
    };
  });
  const weighted = template.sections.some((s) => s.weight !== undefined);
  const earned = tenths(sum(sections.map((s) => s.earned)));
  const possible = tenths(sum(sections.map((s) => s.possible)));
  const score = weighted ? weightedScore(sections) : percentTenths(earned, possible);
  const vetoFailures = items.filter((i) => i.vetoFailed);
  const unanswered = items
    .filter((i) => i.state === 'unanswered' || i.state === 'invalid')
    .map(({ sectionId, itemId }) => ({ sectionId, itemId }));
  const grade = gradeOf(score, vetoFailures.length > 0, template.grades);
  return {
    score,
    earned,
    possible,
    grade,
    weighted,
    sections,
    items,
    deductions: items.filter((i) => i.lost > 0),
    vetoFailures,
    unanswered,
    complete: unanswered.length === 0 && score !== null,
    needsRectification: grade === 'fail',
  };
}

/** Answered and total scorable items per section, for progress bars. */
export function progressBySection(result: InspectionScore): { sectionId: string; answered: number; total: number }[] {
  const bySection = new Map<string, { answered: number; total: number }>();
  for (const s of result.sections) bySection.set(s.sectionId, { answered: 0, total: 0 });
  for (const i of result.items) {
    const p = bySection.get(i.sectionId)!;
    p.total++;
    if (i.state !== 'unanswered' && i.state !== 'invalid') p.answered++;
  }
  return [...bySection].map(([sectionId, p]) => ({ sectionId, ...p }));
}
