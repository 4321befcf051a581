// The monthly report PDF: same CJK font, every section, optional digital signature.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { FONT_SETUP_MS, reportFonts } from '../support/report-fonts';
import { makeMonthlyPdf } from '../../src/adapters/pdf/monthly-pdf';
import { createIdentity } from '../../src/adapters/signing/certificate';
import { monthlyReport } from '../../src/domain/aggregate';
import { sampleInspections } from '../../scripts/sample/generate';
import type { ChecklistTemplate } from '../../src/domain/checklist';

let dir: string;
let fonts: { font: Uint8Array };
let templates: ChecklistTemplate[];

beforeAll(async () => {
  const built = await reportFonts('monthly-pdf');
  dir = built.dir;
  fonts = { font: built.font };
  const T: ChecklistTemplate = {
    id: 'cs',
    title: '客服专业线品质检查',
    kind: 'inspection',
    line: 'customer',
    version: 'v1',
    grades: { excellent: 90, pass: 80 },
    rectificationDays: 3,
    sections: [
      {
        id: 's',
        title: '前台',
        items: Array.from({ length: 12 }, (_, i) => ({
          id: `i${i}`,
          kind: 'check' as const,
          text: `前台检查项${i + 1}`,
          standard: '标准',
          method: '方法',
          points: 5,
          veto: i === 0,
          sop: 'customer-service/front-desk-phone',
        })),
      },
    ],
  };
  templates = [T];
}, FONT_SETUP_MS);

// Rendering (and signing) a PDF takes 1-3 s on an idle machine: each test gets 30 s, well over 4x that.
describe('monthly report PDF', () => {
  it('renders every section in Chinese and is signed when a key is given', async () => {
    const data = sampleInspections(templates, { count: 30, months: 3, end: '2026-11', seed: 2 }).map((s) => ({
      record: s.record,
      rectifications: s.rectifications,
    }));
    const report = monthlyReport(data, templates, { month: '2026-11', today: '2026-11-30' });
    const identity = await createIdentity(
      { commonName: '项目经理', device: '电脑', organization: '示例物业' },
      new Date('2026-11-01T00:00:00Z'),
    );
    const pdf = await makeMonthlyPdf(
      report,
      { company: '示例物业服务有限公司', scope: '项目：全部 · 专业线：全部', passScore: 80, unverified: 0 },
      fonts,
      { date: new Date('2026-12-01T00:00:00Z'), sign: { identity, name: '项目经理' } },
    );
    const file = path.join(dir, 'monthly.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    for (const heading of [
      '2026 年 11 月 品质报告',
      '总体情况',
      '各专业线与项目',
      '近六个月趋势',
      '最常失分的检查项',
      '整改情况',
      '客户满意度',
      '检查覆盖',
      '编制',
    ]) {
      expect(text.replace(/\s+/g, ' ')).toContain(heading);
    }
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toContain('Signature is Valid');
    expect(execFileSync('pdfdetach', ['-list', file], { encoding: 'utf8' })).toContain('monthly-report.json');
    expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1])).toBeGreaterThanOrEqual(3);
  }, 30_000); // embeds and subsets the full CJK font, then signs: heavy on a loaded machine
});
