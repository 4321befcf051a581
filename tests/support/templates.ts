// Small checklist templates for unit tests, built from parts so each test states only what it
// needs (the defaults are a 客服 inspection with 三声内 接听 worth 10 points).
import type { CheckItem, ChecklistSection, ChecklistTemplate, DeductItem, RatingItem } from '../../src/domain/checklist';

export const check = (id: string, over: Partial<CheckItem> = {}): CheckItem => ({
  id,
  kind: 'check',
  text: '接听',
  standard: '三声内',
  method: '拨打',
  points: 10,
  sop: 'x/y',
  ...over,
});

export const deduct = (id: string, over: Partial<DeductItem> = {}): DeductItem => ({
  id,
  kind: 'deduct',
  text: '仪容',
  standard: '着装整洁',
  method: '查看',
  points: 10,
  perFinding: 2,
  sop: 'x/y',
  ...over,
});

export const rating = (id: string, text: string): RatingItem => ({ id, kind: 'rating', text });

export const section = (id: string, title: string, items: ChecklistSection['items']): ChecklistSection => ({ id, title, items });

/** An inspection template (or, with kind: 'survey', a survey) over the given sections. */
export function template(sections: ChecklistSection[], over: Partial<ChecklistTemplate> = {}): ChecklistTemplate {
  return {
    id: 'c',
    title: '客服',
    kind: 'inspection',
    line: 'customer',
    version: 'v',
    grades: { excellent: 90, pass: 80 },
    rectificationDays: 3,
    sections,
    ...over,
  };
}
