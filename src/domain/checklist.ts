/**
 * Inspection and survey templates as plain data (validated from content/checklists/*.yaml by
 * src/schemas/checklist.ts). Points are stored as given (≤ one decimal) and converted to tenths
 * by the scoring engine.
 */
import type { TemplateLine } from './taxonomy';

export type ItemKind = 'check' | 'deduct' | 'rating';

interface ItemBase {
  id: string;
  /** What is inspected (检查项目). */
  text: string;
}

/** 符合 / 不符合 / 不适用. */
export interface CheckItem extends ItemBase {
  kind: 'check';
  points: number;
  /** 检查标准: what "符合" means. */
  standard: string;
  /** 检查方法: how the inspector checks it. */
  method: string;
  /** 否决项: failing it fails the whole inspection whatever the score. */
  veto?: boolean;
  /** A failed answer needs a photo before the inspection can be finalised. */
  photoOnFail?: boolean;
  /** Handbook page (and optional #anchor) that defines the standard, e.g. "customer-service/front-desk-phone". */
  sop: string;
}

/** 扣分制: a deduction per finding, capped at the item's points. */
export interface DeductItem extends ItemBase {
  kind: 'deduct';
  points: number;
  perFinding: number;
  standard: string;
  method: string;
  /** Any finding on a veto item fails the inspection. */
  veto?: boolean;
  /** A finding needs a photo before the inspection can be finalised. */
  photoOnFail?: boolean;
  sop: string;
}

/** Survey question on the five-step scale 非常满意 … 非常不满意. */
export interface RatingItem extends ItemBase {
  kind: 'rating';
}

export type ChecklistItem = CheckItem | DeductItem | RatingItem;

export interface ChecklistSection {
  id: string;
  title: string;
  /** Optional relative weight; when any section has one, sections are averaged by weight. */
  weight?: number;
  items: ChecklistItem[];
}

export interface GradeThresholds {
  /** 优秀 at or above (score, one decimal). */
  excellent: number;
  /** 合格 at or above; below it the inspection is 不合格 and needs 整改. */
  pass: number;
}

export const DEFAULT_GRADES: GradeThresholds = { excellent: 90, pass: 80 };

export interface ChecklistTemplate {
  id: string;
  title: string;
  summary?: string;
  kind: 'inspection' | 'survey';
  /** Professional line the template inspects. */
  line: TemplateLine;
  /** Content hash of the template file, computed at build. */
  version: string;
  grades: GradeThresholds;
  /** Default days allowed for a rectification (整改期限). */
  rectificationDays: number;
  sections: ChecklistSection[];
}

/** The answer to one item, as the inspector gives it. Unanswered items have no entry. */
export type ItemAnswer =
  { result: 'pass' | 'fail' | 'na' } | { result: 'findings'; findings: number } | { result: 'rating'; rating: 1 | 2 | 3 | 4 | 5 };

export type Answers = Readonly<Record<string, ItemAnswer | undefined>>;
