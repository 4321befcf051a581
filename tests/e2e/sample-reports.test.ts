// `npm run sample-reports` writes signed reports that standard tools accept, whose attached
// record re-scores to the printed result.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChecklistTemplate } from '../../src/domain/checklist';
import type { ReportDocument } from '../../src/domain/report-document';
import { scoreInspection } from '../../src/domain/scoring';
import { formatTenths } from '../../src/domain/tenths';
import { runBin } from '../../scripts/bin.mjs';

describe('sample reports', () => {
  it('writes signed, verifiable reports with the record attached', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'samples-'));
    const run = runBin('tsx', [
      'scripts/sample-reports.ts',
      '--out',
      out,
      '--count',
      '5',
      '--months',
      '2',
      '--seed',
      '3',
      '--end',
      '2026-11',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const pdfs = readdirSync(out).filter((f) => f.endsWith('.pdf'));
    expect(pdfs).toHaveLength(5);
    const index = JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8')) as { file: string; sha256: string }[];
    const templates = JSON.parse(readFileSync('dist/templates.json', 'utf8')) as ChecklistTemplate[];
    for (const { file, sha256 } of index) {
      const pdf = path.join(out, file);
      expect(execFileSync('pdfsig', [pdf], { encoding: 'utf8' })).toContain('Signature is Valid');
      const json = path.join(out, `${file}.json`);
      execFileSync('pdfdetach', ['-save', '1', '-o', json, pdf]);
      const doc = JSON.parse(readFileSync(json, 'utf8')) as ReportDocument;
      expect(doc.format).toBe('wuye-inspection-report');
      // Independent re-scoring from the attachment matches the record and the printed page.
      const t = templates.find((x) => x.id === doc.record.templateId)!;
      expect(doc.record.templateVersion).toBe(t.version);
      const score = scoreInspection(t, doc.record.answers);
      expect(doc.record.result!.score).toBe(score.score);
      const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
      expect(text).toContain(`总分 ${formatTenths(score.score!)}`);
      expect(text).toContain(sha256.slice(0, 16));
    }
  }, 60_000);
});
