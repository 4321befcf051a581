// Aggregation figure for `npm run bench` (run through tsx): the monthly report over 5,000
// finalised inspections generated like the sample reports.
import { readFileSync } from 'node:fs';
import type { ChecklistTemplate } from '../src/domain/checklist';
import { monthlyReport } from '../src/domain/aggregate';
import { sampleInspections } from './sample/generate';

const templates = JSON.parse(readFileSync('dist/templates.json', 'utf8')) as ChecklistTemplate[];
const samples = sampleInspections(templates, { count: 5000, months: 6, end: '2026-11', seed: 42 }).map((s) => ({
  record: s.record,
  rectifications: s.rectifications,
}));
const times: number[] = [];
let inspections = 0;
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  inspections = monthlyReport(samples, templates, { month: '2026-11', today: '2026-11-30' }).trend.reduce((n, m) => n + m.stats.count, 0);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log(`bench aggregate.5000-inspections ${times[2]!.toFixed(0)} ms`);
console.log(`bench aggregate.inspections-in-trend ${inspections} inspections`);
