// Sync figures for `npm run bench` (issue 19), run through tsx: the local CouchDB-protocol server
// (pouchdb-server) and the built site in headless Chromium, the app's own replication code.
// - sync.replicate-throughput: a tablet's signed files (PDF attachments) replicated through the
//   server to a manager's device — from the moment the tablet's outbox holds them until the
//   manager's device has downloaded all of them (on /sync/, where nothing is verified yet).
// - sync.pull-verify-1000: a manager's device opens /reports/ with 1,000 documents waiting on the
//   server and pulls, verifies and collects every one (page load included).
// The sample files (reports and their closure updates) are made once by `npm run sample-reports`
// and kept in .cache/, with their server fields read by the app's verifier.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from './chromium.mjs';
import { serve } from './serve.mjs';
import { disposeCouch, startCouch } from './couch-local.mjs';
import { verifyReport } from '../src/adapters/signing/verify-report';
import { readTrustList } from '../src/adapters/signing/trust-list';
import { syncDocFields, SYNC_ATTACHMENT, type ReportSyncFields } from '../src/domain/sync-doc';
import { projectDbName } from '../src/domain/sync-names';
import type { ChecklistTemplate } from '../src/domain/checklist';

// SYNC_BENCH_PULL / SYNC_BENCH_DIR: fewer documents from another sample folder, for trying the script.
const PULL = Number(process.env.SYNC_BENCH_PULL ?? 1000);
const PUSH_MAX = 150;
const dir = path.resolve(process.env.SYNC_BENCH_DIR ?? '.cache/bench-sync-380');
const out = (name: string, value: string | number, unit: string) => console.log(`bench ${name} ${value} ${unit}`);

interface Doc {
  file: string;
  fields: ReportSyncFields;
}

if (!existsSync(path.join(dir, 'index.json'))) {
  const gen = spawnSync(
    'tsx',
    ['scripts/sample-reports.ts', '--out', dir, '--count', '380', '--months', '3', '--seed', '19', '--end', '2026-11'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (gen.status !== 0) throw new Error('样例报告生成失败');
}
const fieldsFile = path.join(dir, 'sync-fields.json');
if (!existsSync(fieldsFile)) {
  const trust = (await readTrustList(readFileSync(path.join(dir, 'trust-list.json'), 'utf8'))).list;
  const templates = JSON.parse(readFileSync('dist/templates.json', 'utf8')) as ChecklistTemplate[];
  const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as { file: string; updates: { file: string }[] }[];
  const docs: Doc[] = [];
  for (const file of index.flatMap((r) => [r.file, ...r.updates.map((u) => u.file)]).slice(0, PULL)) {
    const r = await verifyReport(new Uint8Array(readFileSync(path.join(dir, file))), {
      trust,
      template: (id, v) => templates.find((t) => t.id === id && t.version === v),
    });
    if (r.verdict.kind !== 'valid') throw new Error(`样例文件未通过验证：${file}`);
    docs.push({ file, fields: syncDocFields(r.hash!, r.document!, r.facts.signer!.fingerprint) });
  }
  writeFileSync(fieldsFile, JSON.stringify(docs));
}
const docs = JSON.parse(readFileSync(fieldsFile, 'utf8')) as Doc[];
if (docs.length < PULL) throw new Error(`样例文件不足 ${PULL} 份`);
const projects = [...new Set(docs.map((d) => d.fields.project))].sort();
const busiest = projects
  .map((p) => ({ p, n: docs.filter((d) => d.fields.project === p && d.fields.kind === 'inspection-report').length }))
  .sort((a, b) => b.n - a.n)[0]!.p;
const pushDocs = docs.filter((d) => d.fields.project === busiest && d.fields.kind === 'inspection-report').slice(0, PUSH_MAX);
const PUSH = pushDocs.length;

const couch = await startCouch();
const site = await serve('dist', { port: 0 });
const browser = await launchChromium();
const put = (url: string, body?: unknown, method = 'PUT') =>
  fetch(`${couch.url}${url}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const config = (role: 'tablet' | 'manager', names: string[], username: string) => ({
  format: 'wuye-sync-config',
  version: 1,
  role,
  url: couch.url,
  projects: names.map((name) => ({ name })),
  username,
  password: `${username}-口令`,
});
// Every status line the page shows, with the time it first showed it (same clock in all contexts).
const recordLines = () => {
  const w = window as unknown as { __lines: { line: string; at: number }[] };
  w.__lines = [];
  new MutationObserver((list) => {
    for (const m of list) {
      const line = (m.target as HTMLElement).dataset.line;
      if (line && !w.__lines.some((l) => l.line === line)) w.__lines.push({ line, at: Date.now() });
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-line'] });
};
const firstAt = async (page: Page, pattern: RegExp, timeout: number) => {
  const sel = await page.waitForFunction(
    (src) => (window as unknown as { __lines: { line: string; at: number }[] }).__lines.find((l) => new RegExp(src).test(l.line))?.at,
    pattern.source,
    { timeout, polling: 100 },
  );
  return (await sel.jsonValue()) as number;
};

try {
  for (const name of ['bench-tablet', 'bench-manager']) {
    const r = await put(`/_users/org.couchdb.user:${name}`, { name, password: `${name}-口令`, roles: [], type: 'user' });
    if (r.status !== 201) throw new Error(`无法创建用户 ${name}`);
  }
  for (const p of projects) await put(`/${projectDbName({ name: p })}`);

  // 1. Tablet → server → manager's device.
  const tablet = await (await browser.newContext()).newPage();
  const receiver = await (await browser.newContext()).newPage();
  for (const p of [tablet, receiver]) await p.addInitScript(recordLines);
  await tablet.goto(`${site.url}/inspections/`);
  await tablet.locator('inspection-list[data-state="ready"]').waitFor();
  // Into the tablet's `exports` store, as the report maker records what it exported.
  for (let i = 0; i < PUSH; i += 25) {
    await tablet.evaluate(
      (list) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('wuye-handbook');
          open.onsuccess = () => {
            const tx = open.result.transaction('exports', 'readwrite');
            for (const r of list) {
              const bytes = Uint8Array.from(atob(r.b64), (ch) => ch.charCodeAt(0));
              tx.objectStore('exports').put({
                hash: r.hash,
                recordId: r.recordId,
                update: 0,
                fileName: r.file,
                exportedAt: '2026-11-28T10:00:00.000+08:00',
                pdf: new Blob([bytes], { type: 'application/pdf' }),
              });
            }
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
      pushDocs.slice(i, i + 25).map((d) => ({
        b64: readFileSync(path.join(dir, d.file)).toString('base64'),
        hash: d.fields._id,
        recordId: d.fields.recordId,
        file: d.file,
      })),
    );
  }
  await receiver.goto(`${site.url}/sync/`);
  await receiver.evaluate(
    (c) => localStorage.setItem('wuye-sync-config', JSON.stringify(c)),
    config('manager', [busiest], 'bench-manager'),
  );
  await receiver.reload();
  await receiver.locator('sync-status[data-state="idle"]').waitFor({ timeout: 60_000 });
  await tablet.evaluate((c) => localStorage.setItem('wuye-sync-config', JSON.stringify(c)), config('tablet', [busiest], 'bench-tablet'));
  await tablet.goto(`${site.url}/sync/`);
  const queued = await firstAt(tablet, new RegExp(`^待发送 ${PUSH} 份 · 已发送 0 份$`), 600_000);
  const arrived = await firstAt(receiver, new RegExp(`待验证 ${PUSH} 份$`), 600_000);
  out('sync.replicate-throughput', (PUSH / ((arrived - queued) / 1000)).toFixed(1), 'docs/s');
  out('sync.replicate-docs', PUSH, 'docs');

  // 2. 1,000 documents on the server (written straight in, 50 a request), pulled and verified.
  const pdfBytes = docs.slice(0, PULL).reduce((n, d) => n + readFileSync(path.join(dir, d.file)).length, 0);
  for (let i = 0; i < PULL; i += 50) {
    const batch = docs.slice(i, i + 50);
    for (const p of projects) {
      const mine = batch.filter((d) => d.fields.project === p);
      if (!mine.length) continue;
      const body = {
        docs: mine.map((d) => ({
          ...d.fields,
          _attachments: {
            [SYNC_ATTACHMENT]: { content_type: 'application/pdf', data: readFileSync(path.join(dir, d.file)).toString('base64') },
          },
        })),
      };
      const r = await put(`/${projectDbName({ name: p })}/_bulk_docs`, body, 'POST');
      if (r.status !== 201) throw new Error(`写入服务器失败：${r.status}`);
      // Documents the tablet already pushed come back as conflicts: they are on the server already.
    }
  }
  const manager = await (await browser.newContext()).newPage();
  await manager.goto(`${site.url}/reports/`);
  await manager.locator('monthly-report[data-state="ready"]').waitFor();
  await manager.locator('[data-trust-file]').setInputFiles(path.join(dir, 'trust-list.json'));
  await manager.locator('[data-trust-message]', { hasText: '已导入' }).waitFor();
  await manager.evaluate((c) => localStorage.setItem('wuye-sync-config', JSON.stringify(c)), config('manager', projects, 'bench-manager'));
  const t = Date.now();
  await manager.reload();
  await manager.locator(`sync-status[data-line="已接收 ${PULL} 份 · 已拒收 0 份"]`).waitFor({ timeout: 1_800_000 });
  out(`sync.pull-verify-${PULL}`, ((Date.now() - t) / 1000).toFixed(1), 's');
  out(`sync.pull-verify-${PULL}.megabytes`, (pdfBytes / 1e6).toFixed(0), 'MB');
} finally {
  await browser.close();
  await site.close();
  await disposeCouch(couch);
}
