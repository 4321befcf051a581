// npm run monthly-report -- --month YYYY-MM [--project P]... [--trust trust-list.json] [--today YYYY-MM-DD] FILE_OR_ZIP...
// The manager's month from the command line, with the app's own checker, collection and
// aggregation: prints one JSON object (figures, what was counted, what was refused and why).
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { verifyReport } from '../src/adapters/signing/verify-report';
import { loadTemplatesOption, loadTrustOption } from './cli-inputs';
import { currentDocuments, importOutcome, type CollectedDocument } from '../src/domain/collection';
import { monthlyReport } from '../src/domain/aggregate';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    month: { type: 'string' },
    project: { type: 'string', multiple: true, default: [] },
    trust: { type: 'string' },
    templates: { type: 'string' },
    today: { type: 'string' },
  },
});
if (!values.month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month) || !positionals.length) {
  console.error('用法：npm run monthly-report -- --month 2026-11 [--project 项目]… [--trust 信任列表.json] 文件.pdf|文件.zip ...');
  process.exit(2);
}
const trust = await loadTrustOption(values.trust);
const templates = loadTemplatesOption(values.templates, true);

/** Files named on the command line, with every PDF inside a ZIP as a file of its own. */
function inputs(): { file: string; bytes: Uint8Array | null; error?: string }[] {
  const out: { file: string; bytes: Uint8Array | null; error?: string }[] = [];
  for (const file of positionals) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(file));
    } catch (err) {
      out.push({ file, bytes: null, error: `文件无法读取：${(err as Error).message}` });
      continue;
    }
    if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
      try {
        const entries = unzipSync(bytes, { filter: (f) => f.name.toLowerCase().endsWith('.pdf') && f.originalSize <= 64 * 1024 * 1024 });
        for (const [name, data] of Object.entries(entries)) out.push({ file: `${file}#${name}`, bytes: data });
      } catch {
        out.push({ file, bytes: null, error: 'ZIP 文件已损坏' });
      }
    } else out.push({ file, bytes });
  }
  return out;
}

const known = new Map<string, { fileName: string }>();
const docs: CollectedDocument[] = [];
const refused: { file: string; reason: string }[] = [];
const duplicates: { file: string; of: string }[] = [];
const keptOut: { file: string; reason: string }[] = [];
const template = (id: string, version: string) => templates.find((t) => t.id === id && t.version === version);
for (const { file, bytes, error } of inputs()) {
  if (!bytes) {
    refused.push({ file, reason: error! });
    continue;
  }
  const r = await verifyReport(bytes, { trust, template });
  const outcome = importOutcome(r.verdict, r.document ? r.hash : undefined, known);
  if (outcome.kind === 'refused') refused.push({ file, reason: outcome.truncated ? '文件不完整，请重新索取' : outcome.reason });
  else if (outcome.kind === 'duplicate') duplicates.push({ file, of: outcome.of.fileName });
  else if (!templates.some((t) => t.id === r.document!.record.templateId)) {
    refused.push({ file, reason: `检查表「${r.document!.record.templateTitle}」不存在` });
  } else {
    known.set(r.hash!, { fileName: file });
    const d = { hash: r.hash!, document: r.document!, state: outcome.state, signer: r.facts.signer?.name ?? '', fileName: file };
    docs.push({ ...d, importedAt: '', included: false, excluded: false });
    if (!outcome.counted) keptOut.push({ file, reason: `${r.verdict.title}：${r.verdict.reason}` });
  }
}
const { current, conflicts } = currentDocuments(docs);
const today = values.today ?? new Date().toISOString().slice(0, 10);
const report = monthlyReport(current, templates, { month: values.month, projects: values.project, today });
const fileOf = new Map(docs.map((d) => [d.hash, d.fileName]));
const inMonth = current.filter(
  (c) => c.record.inspectedAt.startsWith(values.month!) && (!values.project!.length || values.project!.includes(c.record.project)),
);
console.log(
  JSON.stringify(
    {
      month: report.month,
      projects: values.project!.length ? values.project : '全部',
      inspections: report.inspections,
      surveys: report.surveys.count,
      overall: report.overall,
      byLine: report.byLine,
      byProject: report.byProject,
      grades: report.grades,
      belowPass: report.belowPass,
      vetoFailures: report.vetoFailures,
      rectifications: report.rectifications,
      satisfaction: { overall: report.surveys.overall, questions: report.surveys.questions },
      inspectors: report.inspectors,
      counted: inMonth.map((c) => ({ file: path.basename(fileOf.get(c.hash)!), recordId: c.record.id, revision: c.record.revision })),
      keptOut,
      duplicates,
      conflicts,
      refused,
    },
    null,
    2,
  ),
);
