/**
 * Numbers in questions and in the handbook are written both ways ("两小时", "2 小时", "五分钟内",
 * "每日三次"). Queries are normalised to Arabic digits, and every number term also carries its
 * Chinese spellings, so either form on a page matches.
 */
const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Units after which a Chinese numeral is a quantity (not "一起", "一下", "第一步"). */
export const UNITS = [
  '分钟',
  '小时',
  '个工作日',
  '工作日',
  '个月',
  '天',
  '日',
  '周',
  '月',
  '年',
  '次',
  '声',
  '遍',
  '米',
  '公里',
  '分',
  '秒',
  '人',
  '名',
  '个',
  '条',
  '项',
  '类',
  '级',
  '层',
  '户',
  '辆',
  '台',
  '份',
  '套',
  '张',
  '句',
  '点',
] as const;
const UNIT_RE = UNITS.join('|');
const NUMERAL = '[零〇一二两三四五六七八九十百]+';

/** Value of a Chinese numeral up to 999 ("十五" = 15, "二十" = 20, "一百二十" = 120), or undefined. */
export function chineseToNumber(s: string): number | undefined {
  if (!/^[零〇一二两三四五六七八九十百]+$/.test(s)) return undefined;
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else current = current * 10 + DIGITS[ch]!;
  }
  return total + current;
}

/** Chinese spellings of n (1–99) as the handbook writes them: 2 → 二, 两. */
export function numberToChinese(n: number): string[] {
  if (!Number.isInteger(n) || n < 0 || n > 99) return [];
  const d = '零一二三四五六七八九';
  let s: string;
  if (n < 10) s = d[n]!;
  else if (n < 20) s = `十${n % 10 ? d[n % 10] : ''}`;
  else s = `${d[Math.floor(n / 10)]}十${n % 10 ? d[n % 10] : ''}`;
  return n === 2 ? [s, '两'] : [s];
}

/** Full-width digits and letters to ASCII, and Chinese numerals before a unit to digits ("两小时" → "2小时"). */
export function normalizeNumbers(text: string): string {
  const ascii = text.replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/：/g, ':');
  // "30 分钟" is one quantity, as is "30分钟".
  const joined = ascii.replace(new RegExp(`(\\d)\\s+(?=${UNIT_RE})`, 'g'), '$1');
  return joined.replace(new RegExp(`(第)?(${NUMERAL})(?=${UNIT_RE})`, 'g'), (whole, ordinal: string | undefined, num: string) => {
    if (ordinal) return whole; // "第一步", "第四梯队" are names, not quantities
    const n = chineseToNumber(num);
    return n === undefined ? whole : String(n);
  });
}

/** Every way a number term ("2小时") may be written on a page: "2小时", "二小时", "两小时". */
export function numberSpellings(term: string): string[] {
  const m = /^(\d+)(.*)$/.exec(term);
  if (!m) return [term];
  const [, digits, unit] = m;
  return [term, ...numberToChinese(Number(digits)).map((c) => `${c}${unit}`)];
}
