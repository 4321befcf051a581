// The cached width sum used for layout must give exactly what pdf-lib's shaping gives, with the
// real subset font, so line breaks (and so reports) are unchanged.
import { beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, type PDFFont } from 'pdf-lib';
import { FONT_SETUP_MS, reportFonts } from '../support/report-fonts';
import { fontkitAdapter } from '../../src/adapters/pdf/fontkit-adapter';
import { cachedWidths } from '../../src/adapters/pdf/text-measure';
import { wrapText } from '../../src/domain/text-wrap';

const SAMPLES = [
  '',
  ' ',
  '前台接待与来电',
  '客服专业线品质检查：来访登记、来电记录（含回访）齐全，无遗漏。',
  'office fit-out: ffi fl ff, 24h 7×24 小时 值班 WiFi',
  'ABC-123/4.5% “引号” 「括号」 ——破折号…… 100,000 元',
  '记录 2026-11-23T10:00:00.000+08:00 · 指纹 ab12cd34ef',
  'Ａｂｃ　全角　１２３',
  '\t\u00a0混合\u3000空白',
  '破折号——省略号……，二字线——结束。——',
  '葛\u{E0100}异体字选择符',
];

let fonts: PDFFont[];

beforeAll(async () => {
  const { font } = await reportFonts('text-measure');
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkitAdapter as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  fonts = [await doc.embedFont(font, { subset: true })];
}, FONT_SETUP_MS);

describe('cachedWidths', () => {
  it('equals widthOfTextAtSize for Chinese, Latin words, punctuation and spaces, at every size', () => {
    for (const font of fonts) {
      const width = cachedWidths(font);
      for (const text of SAMPLES) {
        for (const size of [7, 8.5, 9, 10.5, 12, 16, 22]) {
          expect(width(text, size), `${text} @ ${size}`).toBe(font.widthOfTextAtSize(text, size));
          // A second call comes from the cache and must not drift.
          expect(width(text, size)).toBe(font.widthOfTextAtSize(text, size));
        }
      }
    }
  });

  it('equals widthOfTextAtSize for random mixtures of hanzi, Latin, digits, marks and spaces', () => {
    const pool = [...'一二前台接待号引括破折……——“”‘’「」（），。、；：？！ .,:;-/%()fiflffAVTo0123456789　Ωπж'];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (const font of fonts) {
      const width = cachedWidths(font);
      for (let i = 0; i < 400; i++) {
        const text = Array.from({ length: 1 + rand(24) }, () => pool[rand(pool.length)]).join('');
        expect(width(text, 10.5), JSON.stringify(text)).toBe(font.widthOfTextAtSize(text, 10.5));
      }
    }
  });

  it('breaks a long paragraph into the same lines as shaping each line would', () => {
    const text = SAMPLES.join('').repeat(6);
    for (const font of fonts) {
      const width = cachedWidths(font);
      for (const max of [80, 200, 480]) {
        expect(wrapText(text, max, (t) => width(t, 10.5))).toEqual(wrapText(text, max, (t) => font.widthOfTextAtSize(t, 10.5)));
      }
    }
  });
});
