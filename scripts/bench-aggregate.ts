// Aggregation figure for `npm run bench` (run through tsx): the monthly report over 5,000
// finalised inspections generated like the sample reports.
import { readFileSync } from 'node:fs';
import type { ChecklistTemplate } from '../src/domain/checklist';
import { monthlyReport } from '../src/domain/aggregate';
import { sampleInspections } from './sample/generate';
import { currentDocuments, withLocal, type CollectedDocument } from '../src/domain/collection';
import { reportDocument } from '../src/domain/report-document';

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

// The month recomputed from a collection of 5,000 documents with history: every tenth record has
// a rectification re-issue, every twentieth a corrected revision (which supersedes the original).
const docs: CollectedDocument[] = [];
for (const [i, s] of samples.entries()) {
  const document = reportDocument(s.record, s.rectifications, []);
  const base = {
    state: 'valid' as const,
    signer: s.record.inspector,
    fileName: `f${i}.pdf`,
    importedAt: '',
    included: false,
    excluded: false,
  };
  docs.push({ ...base, hash: `h${i}`, document });
  if (i % 10 === 0) docs.push({ ...base, hash: `u${i}`, document: { ...document, update: 1, supersedes: 'a'.repeat(64) } });
  if (i % 20 === 0) {
    const record = { ...s.record, id: `${s.record.id}-r2`, revision: 2, revisionOf: s.record.id };
    docs.push({ ...base, hash: `r${i}`, document: { ...document, record } });
  }
}
const recompute: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  const { current } = currentDocuments(docs);
  monthlyReport(withLocal(current, []), templates, { month: '2026-11', today: '2026-11-30' });
  recompute.push(performance.now() - t);
}
recompute.sort((a, b) => a - b);
console.log(`bench collection.recompute-month-${docs.length}-documents ${recompute[2]!.toFixed(0)} ms`);
