/**
 * The monthly quality report's numbers (月度品质报告), from finalised inspections and surveys.
 * Pure and exact: scores are in tenths and every average is one half-up rounding of an integer
 * fraction. Two averages are given because they answer different questions:
 * - mean of inspection percentages: every inspection weighs the same;
 * - summed points over summed maximum: big checklists weigh more.
 * Only current records count: drafts and records replaced by a revision are left out.
 */
import type { ChecklistTemplate } from './checklist';
import type { Grade } from './scoring';
import { isCurrentFinal, type InspectionRecord } from './inspection';
import type { Rectification } from './rectification';
import { isClosedLate, isOverdue } from './rectification';
import { scoreInspection } from './scoring';
import { tally, type RatingTally } from './survey';
import { divRoundHalfUp, tenths, type Tenths } from './tenths';

import { LINE_IDS, LINE_NAMES, type Line } from './taxonomy';

// Re-exported under the names the report modules use; the list itself lives in taxonomy.ts.
export type { Line };
export { LINE_NAMES };
export const LINES: readonly Line[] = LINE_IDS;

export interface Collected {
  record: InspectionRecord;
  rectifications: readonly Rectification[];
}

export interface MonthlyOptions {
  /** "YYYY-MM". */
  month: string;
  /** Empty: all projects. */
  projects?: readonly string[];
  /** Empty: all lines. */
  lines?: readonly Line[];
  /** Today, "YYYY-MM-DD", for overdue rectifications. */
  today: string;
  /** Months in the trend, ending with `month`. */
  trendMonths?: number;
}

export interface ScoreStats {
  count: number;
  /** Mean of inspection percentages, tenths; null without inspections. */
  meanOfScores: Tenths | null;
  /** Σ earned / Σ possible × 100, tenths. */
  pooled: Tenths | null;
}

export interface ItemFrequency {
  templateId: string;
  templateTitle: string;
  itemId: string;
  itemText: string;
  sop: string;
  /** Inspections in which the item failed or lost points. */
  times: number;
  /** Inspections in which the item applied (not N/A). */
  applicable: number;
}

export interface MonthlyReport {
  month: string;
  inspections: number;
  overall: ScoreStats;
  byLine: Record<Line, ScoreStats>;
  byProject: { project: string; stats: ScoreStats }[];
  grades: Record<Grade, number>;
  belowPass: { id: string; project: string; templateTitle: string; score: number | null; inspectedAt: string }[];
  vetoFailures: { id: string; project: string; templateTitle: string; inspectedAt: string }[];
  trend: { month: string; stats: ScoreStats }[];
  topItems: ItemFrequency[];
  rectifications: {
    opened: number;
    closed: number;
    verified: number;
    overdue: number;
    /** Closed after the deadline (逾期完成): they stay counted as late. */
    overdueClosed: number;
    closureRate: Tenths | null;
    medianDaysToClose: number | null;
  };
  surveys: { count: number; overall: RatingTally; questions: { templateId: string; itemId: string; text: string; tally: RatingTally }[] };
  inspectors: { inspector: string; total: number; byLine: Record<Line, number>; projects: string[] }[];
}

function current(all: readonly Collected[]): Collected[] {
  return all.filter((c) => isCurrentFinal(c.record));
}

function stats(records: readonly InspectionRecord[]): ScoreStats {
  const scored = records.filter((r) => r.result && r.result.score !== null);
  const n = scored.length;
  if (!n) return { count: records.length, meanOfScores: null, pooled: null };
  const sum = scored.reduce((s, r) => s + r.result!.score!, 0);
  const earned = scored.reduce((s, r) => s + r.result!.earned, 0);
  const possible = scored.reduce((s, r) => s + r.result!.possible, 0);
  return {
    count: records.length,
    meanOfScores: tenths(Number(divRoundHalfUp(BigInt(sum), BigInt(n)))),
    pooled: possible > 0 ? tenths(Number(divRoundHalfUp(1000n * BigInt(earned), BigInt(possible)))) : null,
  };
}

function monthsBack(month: string, n: number): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const idx = y * 12 + (m - 1) - (n - 1 - i);
    return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
  });
}

function daysBetween(fromIso: string, toIso: string): number {
  const d = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((d(toIso) - d(fromIso)) / 86_400_000);
}

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function monthlyReport(all: readonly Collected[], templates: readonly ChecklistTemplate[], opts: MonthlyOptions): MonthlyReport {
  const byId = new Map(templates.map((t) => [`${t.id}@${t.version}`, t]));
  const latest = new Map(templates.map((t) => [t.id, t]));
  const templateOf = (r: InspectionRecord) => byId.get(`${r.templateId}@${r.templateVersion}`) ?? latest.get(r.templateId);
  const inScope = (r: InspectionRecord) =>
    (!opts.projects?.length || opts.projects.includes(r.project)) &&
    (r.line === 'survey' || !opts.lines?.length || opts.lines.includes(r.line as Line));
  const live = current(all).filter((c) => inScope(c.record));
  const month = live.filter((c) => c.record.inspectedAt.startsWith(opts.month));
  const inspections = month.filter((c) => c.record.line !== 'survey');
  const records = inspections.map((c) => c.record);

  const byLine = Object.fromEntries(LINES.map((l) => [l, stats(records.filter((r) => r.line === l))])) as Record<Line, ScoreStats>;
  const projects = [...new Set(records.map((r) => r.project))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const grades: Record<Grade, number> = { excellent: 0, pass: 0, fail: 0 };
  for (const r of records) if (r.result?.grade) grades[r.result.grade]++;

  // Items most often failed or deducted, recomputed from the answers with the record's own template.
  const freq = new Map<string, ItemFrequency>();
  for (const r of records) {
    const t = templateOf(r);
    if (!t) continue;
    const score = scoreInspection(t, r.answers);
    for (const s of score.items) {
      if (s.state === 'na' || s.state === 'unanswered' || s.state === 'invalid') continue;
      const key = `${t.id}:${s.itemId}`;
      let f = freq.get(key);
      if (!f) {
        const item = t.sections.flatMap((sec) => sec.items).find((i) => i.id === s.itemId)!;
        f = {
          templateId: t.id,
          templateTitle: t.title,
          itemId: s.itemId,
          itemText: item.text,
          sop: item.kind === 'rating' ? '' : item.sop,
          times: 0,
          applicable: 0,
        };
        freq.set(key, f);
      }
      f.applicable++;
      if (s.lost > 0 || s.vetoFailed) f.times++;
    }
  }
  const topItems = [...freq.values()]
    .filter((f) => f.times > 0)
    .sort((a, b) => b.times - a.times || b.times * a.applicable - a.times * b.applicable || a.itemText.localeCompare(b.itemText, 'zh-CN'))
    .slice(0, 10);

  const rects = inspections.flatMap((c) => c.rectifications);
  const closed = rects.filter((r) => r.status !== 'open');
  const closeDays = closed.filter((r) => r.doneAt).map((r) => daysBetween(r.createdAt, r.doneAt!));

  const surveys = month.filter((c) => c.record.line === 'survey');
  const questionTallies = new Map<string, { templateId: string; itemId: string; text: string; ratings: number[] }>();
  const allRatings: number[] = [];
  for (const c of surveys) {
    const t = templateOf(c.record);
    for (const item of t?.sections.flatMap((s) => s.items) ?? []) {
      if (item.kind !== 'rating') continue;
      const key = `${t!.id}:${item.id}`;
      const q = questionTallies.get(key) ?? { templateId: t!.id, itemId: item.id, text: item.text, ratings: [] };
      const a = c.record.answers[item.id];
      if (a?.result === 'rating') {
        q.ratings.push(a.rating);
        allRatings.push(a.rating);
      }
      questionTallies.set(key, q);
    }
  }

  const inspectorMap = new Map<string, { total: number; byLine: Record<Line, number>; projects: Set<string> }>();
  for (const r of records) {
    const e = inspectorMap.get(r.inspector) ?? {
      total: 0,
      byLine: { customer: 0, security: 0, engineering: 0, environment: 0 },
      projects: new Set<string>(),
    };
    e.total++;
    e.byLine[r.line as Line]++;
    e.projects.add(r.project);
    inspectorMap.set(r.inspector, e);
  }

  return {
    month: opts.month,
    inspections: records.length,
    overall: stats(records),
    byLine,
    byProject: projects.map((p) => ({ project: p, stats: stats(records.filter((r) => r.project === p)) })),
    grades,
    belowPass: records
      .filter((r) => r.result?.grade === 'fail' && !r.result.vetoFailed)
      .map((r) => ({ id: r.id, project: r.project, templateTitle: r.templateTitle, score: r.result!.score, inspectedAt: r.inspectedAt }))
      .sort((a, b) => (a.score ?? 0) - (b.score ?? 0)),
    vetoFailures: records
      .filter((r) => r.result?.vetoFailed)
      .map((r) => ({ id: r.id, project: r.project, templateTitle: r.templateTitle, inspectedAt: r.inspectedAt })),
    trend: monthsBack(opts.month, opts.trendMonths ?? 6).map((m) => ({
      month: m,
      stats: stats(live.filter((c) => c.record.line !== 'survey' && c.record.inspectedAt.startsWith(m)).map((c) => c.record)),
    })),
    topItems,
    rectifications: {
      opened: rects.length,
      closed: closed.length,
      verified: rects.filter((r) => r.status === 'verified').length,
      overdue: rects.filter((r) => isOverdue(r, opts.today)).length,
      overdueClosed: rects.filter((r) => isClosedLate(r)).length,
      closureRate: rects.length ? tenths(Number(divRoundHalfUp(1000n * BigInt(closed.length), BigInt(rects.length)))) : null,
      medianDaysToClose: median(closeDays),
    },
    surveys: {
      count: surveys.length,
      overall: tally(allRatings),
      questions: [...questionTallies.values()].map((q) => ({
        templateId: q.templateId,
        itemId: q.itemId,
        text: q.text,
        tally: tally(q.ratings),
      })),
    },
    inspectors: [...inspectorMap]
      .map(([inspector, e]) => ({ inspector, total: e.total, byLine: e.byLine, projects: [...e.projects].sort() }))
      .sort((a, b) => b.total - a.total || a.inspector.localeCompare(b.inspector, 'zh-CN')),
  };
}
