// `npm run verify-reports`: the same checker on the command line, one JSON line per file.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { inspectionDocument, makePki, reportPdf, selfSigned } from '../support/signing-fixture';

const tsx = createRequire(import.meta.url).resolve('tsx/cli');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [tsx, 'scripts/verify-reports.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  return {
    code: r.status,
    lines: r.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, string>),
    err: r.stderr,
  };
}

describe('verify-reports command', () => {
  it('prints a verdict per file and exits non-zero when any is not valid', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'verify-cli-'));
    const pki = await makePki();
    writeFileSync(path.join(dir, 'trust.json'), JSON.stringify(pki.signedTrust));
    writeFileSync(path.join(dir, 'good.pdf'), await reportPdf(inspectionDocument(), pki.inspector));
    writeFileSync(path.join(dir, 'self.pdf'), await reportPdf(inspectionDocument(), await selfSigned('王品质')));
    writeFileSync(path.join(dir, 'junk.pdf'), 'not a pdf');
    const files = ['good.pdf', 'self.pdf', 'junk.pdf'].map((f) => path.join(dir, f));

    const all = cli(['--trust', path.join(dir, 'trust.json'), ...files]);
    expect(all.code).toBe(1);
    expect(all.lines.map((l) => [path.basename(l.file!), l.verdict])).toEqual([
      ['good.pdf', 'valid'],
      ['self.pdf', 'untrusted'],
      ['junk.pdf', 'foreign'],
    ]);
    expect(all.lines[0]).toMatchObject({ signer: '王品质', reason: '' });
    expect(all.lines[0]!.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(all.lines[1]!.reason).toContain('未在公司登记');

    expect(cli(['--trust', path.join(dir, 'trust.json'), files[0]!]).code).toBe(0);
    expect(cli([files[0]!]).lines[0]).toMatchObject({ verdict: 'untrusted' }); // no trust list: nobody is enrolled
    writeFileSync(path.join(dir, 'bad-trust.json'), JSON.stringify({ ...pki.signedTrust, list: { ...pki.signedTrust.list, sequence: 9 } }));
    const badTrust = cli(['--trust', path.join(dir, 'bad-trust.json'), files[0]!]);
    expect(badTrust.code).toBe(2);
    expect(badTrust.err).toContain('签名不符');
  }, 120_000);
});
