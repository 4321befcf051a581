/**
 * Inspection and survey templates as plain data (validated from content/checklists/*.yaml by
 * src/schemas/checklist.ts). Points are stored as given (≤ one decimal) and converted to tenths
 * by the scoring engine.
 */
import type { z } from 'astro/zod';
import type { checklistSchema, checklistItemSchema } from '../schemas/checklist';

// The shapes come from the schema that validates content/checklists/*.yaml, so the two cannot
// drift. Items use the schema's input side: veto and photoOnFail may be left out (false).
type ChecklistFile = z.output<typeof checklistSchema>;

export type ChecklistItem = z.input<typeof checklistItemSchema>;
export type ItemKind = ChecklistItem['kind'];
/** 符合 / 不符合 / 不适用; a veto item (否决项) fails the whole inspection whatever the score. */
export type CheckItem = Extract<ChecklistItem, { kind: 'check' }>;
/** 扣分制: a deduction per finding, capped at the item's points. */
export type DeductItem = Extract<ChecklistItem, { kind: 'deduct' }>;
/** Survey question on the five-step scale 非常满意 … 非常不满意. */
export type RatingItem = Extract<ChecklistItem, { kind: 'rating' }>;

export type ChecklistSection = Omit<ChecklistFile['sections'][number], 'items'> & { items: ChecklistItem[] };

export interface GradeThresholds {
  /** 优秀 at or above (score, one decimal). */
  excellent: number;
  /** 合格 at or above; below it the inspection is 不合格 and needs 整改. */
  pass: number;
}

export const DEFAULT_GRADES: GradeThresholds = { excellent: 90, pass: 80 };

/** A template as the app uses it: the file's fields with the defaults from params.yaml filled in. */
export type ChecklistTemplate = Omit<ChecklistFile, 'grades' | 'rectificationDays' | 'summary' | 'sections'> & {
  id: string;
  summary?: string;
  /** Content hash of the template file, computed at build. */
  version: string;
  grades: GradeThresholds;
  /** Default days allowed for a rectification (整改期限). */
  rectificationDays: number;
  sections: ChecklistSection[];
};

/** The answer to one item, as the inspector gives it. Unanswered items have no entry. */
export type ItemAnswer =
  { result: 'pass' | 'fail' | 'na' } | { result: 'findings'; findings: number } | { result: 'rating'; rating: 1 | 2 | 3 | 4 | 5 };

export type Answers = Readonly<Record<string, ItemAnswer | undefined>>;
