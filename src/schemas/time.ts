import { z } from './zod';

/** Strict ISO time with a zone (Z or ±hh:mm); a date the calendar does not have fails. */
export const isoInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, '时间格式不正确')
  .refine(isRealInstant, '日期或时间不存在');

function isRealInstant(s: string): boolean {
  const [y, mo, d, h, mi, sec = 0] = (s.match(/\d+/g) ?? []).map(Number) as number[];
  if (!y || !mo || !d || mo > 12 || h! > 23 || mi! > 59 || sec > 59) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days && !Number.isNaN(Date.parse(s));
}
