import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { units, wrapText, type Measure } from '../../src/domain/text-wrap';

// Fake measure: hanzi and full-width marks are 2 wide, everything else 1.
const measure: Measure = (s) => [...s].reduce((w, c) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);

describe('units', () => {
  it('keeps Latin words and numbers whole', () => {
    expect(units('响铃3声内接听SOP-2.1版')).toEqual(['响', '铃', '3', '声', '内', '接', '听', 'SOP-2.1', '版']);
    expect(units('得分 85.5%')).toEqual(['得', '分', ' ', '85.5%']);
  });
});

describe('wrapText', () => {
  it('breaks between hanzi', () => {
    expect(wrapText('业主报修后五分钟内通知', 10, measure)).toEqual(['业主报修后', '五分钟内通', '知']);
  });
  it('never starts a line with a closing mark', () => {
    const lines = wrapText('前台人员须佩戴工牌，着装整洁。', 10, measure);
    for (const l of lines.slice(1)) expect('，。、；：？！）」》”'.includes(l[0]!)).toBe(false);
    expect(lines.join('')).toBe('前台人员须佩戴工牌，着装整洁。');
    expect(lines).toEqual(['前台人员须', '佩戴工牌，', '着装整洁。']);
  });
  it('never ends a line with an opening mark', () => {
    const lines = wrapText('请查阅手册「投诉处理」一节', 12, measure);
    for (const l of lines) expect('（「《“'.includes(l.at(-1)!)).toBe(false);
    expect(lines.join('')).toBe('请查阅手册「投诉处理」一节');
  });
  it('moves a Latin word to the next line instead of splitting it', () => {
    expect(wrapText('记录编号ABC-12345', 12, measure)).toEqual(['记录编号', 'ABC-12345']);
  });
  it('splits a word longer than a line', () => {
    expect(wrapText('a1b2c3d4e5f6g7', 5, measure)).toEqual(['a1b2c', '3d4e5', 'f6g7']);
  });
  it('keeps explicit newlines and empty lines', () => {
    expect(wrapText('第一行\n\n第三行', 20, measure)).toEqual(['第一行', '', '第三行']);
  });
  it('drops the space at a wrap point', () => {
    expect(wrapText('score 85.5 pass', 6, measure)).toEqual(['score', '85.5', 'pass']);
  });
  it('loses no character and respects the width (property)', () => {
    const alphabet = fc.constantFrom(...'物业服务标准作业，。、（）「」AB12 .%'.split(''));
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 80 }).map((a) => a.join('')),
        fc.integer({ min: 4, max: 30 }),
        (text, width) => {
          const lines = wrapText(text, width, measure);
          expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
          for (const l of lines) {
            // A line may exceed the width only when a glued mark pair can't be split further.
            if (measure(l) > width) expect([...l].length).toBeLessThanOrEqual(3);
          }
        },
      ),
    );
  });
});
