// npm run verify-reports -- [--trust trust-list.json] [--templates dist/templates.json] FILE...
// The app's own document checker on the command line: one JSON line per file, exit code 1 when
// any file is not valid (2 for a usage error or an unreadable trust list).
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { verifyReport } from '../src/adapters/signing/verify-report';
import { loadTemplatesOption, loadTrustOption } from './cli-inputs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { trust: { type: 'string' }, templates: { type: 'string' } },
});
if (!positionals.length) {
  console.error('用法：npm run verify-reports -- [--trust 信任列表.json] [--templates dist/templates.json] 文件.pdf ...');
  process.exit(2);
}

const trust = await loadTrustOption(values.trust);
const templates = loadTemplatesOption(values.templates, false);

let bad = 0;
for (const file of positionals) {
  let line: Record<string, string>;
  try {
    const { verdict, facts } = await verifyReport(new Uint8Array(readFileSync(file)), {
      trust,
      template: (id, version) => templates.find((t) => t.id === id && t.version === version),
    });
    line = {
      file,
      verdict: verdict.kind,
      signer: facts.signer?.name ?? '',
      fingerprint: facts.signer?.fingerprint ?? '',
      reason: verdict.reason,
    };
  } catch (err) {
    line = { file, verdict: 'foreign', signer: '', fingerprint: '', reason: `文件无法读取：${(err as Error).message}` };
  }
  if (line.verdict !== 'valid') bad++;
  console.log(JSON.stringify(line));
}
process.exit(bad ? 1 : 0);
