import { z } from './zod';
import { TEMPLATE_LINE_IDS } from '../domain/taxonomy';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, '只能用小写字母、数字和连字符');
/** Points and deductions: positive, at most one decimal (scores are computed in tenths). */
const points = z
  .number()
  .positive('分值必须大于 0')
  .refine((n) => Math.abs(Math.round(n * 10) - n * 10) < 1e-9, '分值最多一位小数');
/** A handbook page id with an optional #anchor, e.g. customer-service/front-desk-phone#来电. */
const sop = z.string().regex(/^[a-z-]+\/[a-z0-9-]+(#[^\s]+)?$/, '应为手册页面 id，如 customer-service/front-desk-phone');

const checkItem = z.object({
  id,
  kind: z.literal('check'),
  /** 检查项目. */
  text: z.string().min(2),
  /** 检查标准. */
  standard: z.string().min(2),
  /** 检查方法. */
  method: z.string().min(2),
  points,
  /** 否决项. */
  veto: z.boolean().default(false),
  /** 不符合时须拍照: finalisation is refused until a failed or deducted answer has a photo. */
  photoOnFail: z.boolean().default(false),
  /** Handbook page that defines the standard. */
  sop,
});

const deductItem = checkItem.extend({
  kind: z.literal('deduct'),
  /** Deduction per finding (每处扣分), capped at the item's points. */
  perFinding: points,
});

const ratingItem = z.object({
  id,
  kind: z.literal('rating'),
  /** The question as asked. */
  text: z.string().min(2),
});

/** One item of a template; its input type is the domain's ChecklistItem (src/domain/checklist.ts). */
export const checklistItemSchema = z.discriminatedUnion('kind', [checkItem, deductItem, ratingItem]);

const section = z.object({
  id,
  title: z.string().min(2),
  weight: z.number().positive().optional(),
  items: z.array(checklistItemSchema).min(1),
});

export const checklistSchema = z
  .object({
    title: z.string().min(4),
    kind: z.enum(['inspection', 'survey']),
    line: z.enum(TEMPLATE_LINE_IDS),
    /** One or two sentences on scope and use. */
    summary: z.string().min(10),
    /** Grade thresholds; when absent, quality.excellentScore and quality.passScore from params.yaml. */
    grades: z
      .object({ excellent: z.number().min(0).max(100), pass: z.number().min(0).max(100) })
      .refine((g) => g.excellent >= g.pass, '优秀线不能低于合格线')
      .optional(),
    /** Default rectification deadline in days; when absent, quality.rectificationDays from params.yaml. */
    rectificationDays: z.number().int().min(1).max(60).optional(),
    sections: z.array(section).min(1),
  })
  .superRefine((t, ctx) => {
    const seen = new Map<string, string>();
    t.sections.forEach((s, si) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sections', si, 'id'], message: `编号 ${s.id} 重复` });
      seen.set(s.id, 'section');
      s.items.forEach((it, ii) => {
        const path = ['sections', si, 'items', ii];
        if (seen.has(it.id)) ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `编号 ${it.id} 重复` });
        seen.set(it.id, 'item');
        if (t.kind === 'survey' && it.kind !== 'rating')
          ctx.addIssue({ code: 'custom', path: [...path, 'kind'], message: '满意度调查只能使用评分题（rating）' });
        if (t.kind === 'inspection' && it.kind === 'rating')
          ctx.addIssue({ code: 'custom', path: [...path, 'kind'], message: '品质检查不能使用评分题（rating）' });
        if (it.kind === 'deduct' && it.perFinding > it.points)
          ctx.addIssue({ code: 'custom', path: [...path, 'perFinding'], message: '每处扣分不能超过本项分值' });
      });
    });
  });

export type ChecklistFile = z.output<typeof checklistSchema>;
