/**
 * The score trace: one plain-Chinese line per lost point or veto, shared by the inspection
 * screen and the PDF report so both explain the score the same way.
 */
import type { ChecklistTemplate, DeductItem } from './checklist';
import type { InspectionScore, ItemScore } from './scoring';
import { GRADE_NAMES } from './scoring';
import { formatPoints, formatTenths, toTenths } from './tenths';

export interface TraceLine {
  sectionId: string;
  itemId: string;
  sectionTitle: string;
  itemText: string;
  /** Points lost, in tenths (0 for a veto failure on a zero-point item). */
  lost: number;
  text: string;
  veto: boolean;
}

function describe(s: ItemScore, item: { text: string; kind: string; perFinding?: number }): string {
  if (s.state === 'fail') return `不符合，扣 ${formatPoints(s.lost)} 分`;
  const per = toTenths((item as DeductItem).perFinding);
  const raw = per * (s.findings ?? 0);
  const capped = raw > s.lost;
  return capped
    ? `发现 ${s.findings} 处，每处扣 ${formatPoints(per)} 分，共 ${formatPoints(raw)} 分，超过本项分值，按上限扣 ${formatPoints(s.lost)} 分`
    : `发现 ${s.findings} 处，每处扣 ${formatPoints(per)} 分，扣 ${formatPoints(s.lost)} 分`;
}

export function scoreTrace(template: ChecklistTemplate, result: InspectionScore): TraceLine[] {
  const lookup = new Map(template.sections.flatMap((sec) => sec.items.map((it) => [it.id, { sec, it }] as const)));
  return result.items
    .filter((s) => s.lost > 0 || s.vetoFailed)
    .map((s) => {
      const { sec, it } = lookup.get(s.itemId)!;
      const base = describe(s, it as { text: string; kind: string; perFinding?: number });
      return {
        sectionId: sec.id,
        itemId: it.id,
        sectionTitle: sec.title,
        itemText: it.text,
        lost: s.lost,
        veto: s.vetoFailed,
        text: s.vetoFailed ? `否决项${base}；本次检查直接判定为不合格` : base,
      };
    });
}

/** One sentence that states the result, e.g. "得分 85.5（合格）". */
export function scoreSummary(result: InspectionScore): string {
  if (result.score === null) {
    return result.vetoFailures.length ? '否决项不符合，判定为不合格（无适用的计分项）' : '暂无可计分的检查项';
  }
  const grade = result.grade ? GRADE_NAMES[result.grade] : '';
  const veto = result.vetoFailures.length ? '，否决项不符合' : '';
  const rect = result.needsRectification ? '，须整改' : '';
  return `得分 ${formatTenths(result.score)}（${grade}${veto}${rect}）`;
}
