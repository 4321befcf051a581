import { z } from './zod';

/** One configurable value of content/params.yaml (keyed by a dotted name such as complaint.revisitWorkdays). */
export const paramSchema = z.object({
  /** What the value is, in Chinese, as shown on the 可配置参数 page. */
  label: z.string().min(2),
  /** The configured value. */
  value: z.union([z.number(), z.string().min(1)]),
  /** Unit shown after the value (小时, 分钟, 个工作日…). */
  unit: z.string().default(''),
  /** Where the value comes from and what the source says (e.g. left open as [X]). */
  source: z.string().min(2),
  /** Why the default was chosen. */
  reason: z.string().min(2),
});

export type Param = z.output<typeof paramSchema>;
