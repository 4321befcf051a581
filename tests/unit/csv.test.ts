import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/domain/csv';

describe('toCsv', () => {
  it('writes UTF-8 with a BOM and CRLF, quoting what needs it', () => {
    expect(
      toCsv([
        ['项目', '备注'],
        ['翠湖花园', '含,逗号'],
        ['x', 'say "hi"'],
        [1, null],
      ]),
    ).toBe('\uFEFF项目,备注\r\n翠湖花园,"含,逗号"\r\nx,"say ""hi"""\r\n1,\r\n');
  });

  it('neutralises text a spreadsheet would run as a formula, leaving numbers alone', () => {
    const out = toCsv([['=HYPERLINK("http://x","点我")', '+1+2', '-3', '@SUM(A1)', '\tx', '\rx', -3, '正常']]);
    expect(out).toBe(`\uFEFF"'=HYPERLINK(""http://x"",""点我"")",'+1+2,'-3,'@SUM(A1),'\tx,"'\rx",-3,正常\r\n`);
  });
});
