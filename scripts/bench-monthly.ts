// Monthly PDF figures for `npm run bench` (run through tsx): the month's report as a signed PDF,
// for a month of 130 and of 420 inspections (generated like the sample reports), made the way the
// page makes it (aggregate, lay out, draw, sign). Median of 3 after a warm-up.
import { readFileSync } from 'node:fs';
import type { ChecklistTemplate } from '../src/domain/checklist';
import { monthlyReport } from '../src/domain/aggregate';
import { makeMonthlyPdf } from '../src/adapters/pdf/monthly-pdf';
import { createIdentity } from '../src/adapters/signing/certificate';
import { sampleInspections } from './sample/generate';
import { readReportFont } from './font-subset.mjs';

const templates = JSON.parse(readFileSync('dist/templates.json', 'utf8')) as ChecklistTemplate[];
const fonts = { font: readReportFont('dist') };
const identity = await createIdentity(
  { commonName: '基准经理', device: '基准', organization: '示例物业服务有限公司' },
  new Date('2026-01-01T00:00:00Z'),
);
const date = new Date('2026-12-01T09:00:00Z');

for (const perMonth of [130, 420]) {
  const samples = sampleInspections(templates, { count: perMonth * 3, months: 3, end: '2026-11', seed: 9 }).map((s) => ({
    record: s.record,
    rectifications: s.rectifications,
  }));
  const times: number[] = [];
  let count = 0;
  for (let i = 0; i < 4; i++) {
    const t = performance.now();
    const report = monthlyReport(samples, templates, { month: '2026-11', today: '2026-11-30' });
    count = report.trend.at(-1)?.stats.count ?? 0;
    await makeMonthlyPdf(report, { company: '示例物业服务有限公司', scope: '全部', passScore: 80, unverified: 0 }, fonts, {
      date,
      sign: { identity, name: '基准经理' },
    });
    if (i > 0) times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`bench monthly-pdf.${perMonth}-per-month ${times[1]!.toFixed(0)} ms`);
  console.log(`bench monthly-pdf.${perMonth}-per-month.inspections ${count} inspections`);
}
