// Optional sync through a CouchDB-protocol server (issue 19), tried as new users would: a local
// pouchdb-server (LevelDB in a temp folder, random port on 127.0.0.1, always killed), two tablets
// of two projects and a manager's device as separate browser contexts. The server is untrusted:
// a tampered, an unenrolled and a relabelled document planted straight into its database are
// refused on the manager's device; stopping the server mid-way and restarting it resumes
// without duplicates.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launchBrowser } from '../support/browser';
import { disposeCouch, startCouch, type LocalCouch } from '../../scripts/couch-local.mjs';
import { verifyReport } from '../../src/adapters/signing/verify-report';
import { readTrustList } from '../../src/adapters/signing/trust-list';
import { projectDbName } from '../../src/domain/sync-names';
import { syncDocFields, SYNC_ATTACHMENT } from '../../src/domain/sync-doc';
import type { ChecklistTemplate } from '../../src/domain/checklist';
import { inspectionDocument, reportPdf, selfSigned } from '../support/signing-fixture';

const base = inject('baseUrl');
const out = mkdtempSync(path.join(tmpdir(), 'sync-'));
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
let couch: LocalCouch;
let browser: Browser;
const contexts: BrowserContext[] = [];
interface Signed {
  file: string;
  bytes: Buffer;
  hash: string;
  project: string;
  fields: ReturnType<typeof syncDocFields>;
}
let signed: Signed[] = [];
let projects: { name: string; code?: string; db: string; docs: Signed[] }[] = [];

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const c = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', hasTouch: true });
  contexts.push(c);
  const p = await c.newPage();
  if (process.env.SYNC_DEBUG) p.on('console', (m) => console.log('[page]', m.text()));
  if (process.env.SYNC_DEBUG) p.on('pageerror', (e) => console.log('[pageerror]', e.message));
  return p;
}

/** Puts files into a tablet's `exports` store, as the report maker records what it exported. */
async function asExported(page: Page, docs: readonly Signed[]): Promise<void> {
  await page.goto(`${base}/inspections/`);
  await page.locator('inspection-list[data-state="ready"]').waitFor();
  const rows = docs.map((d) => ({
    hash: d.hash,
    recordId: d.fields.recordId,
    update: d.fields.update,
    fileName: d.file,
    b64: d.bytes.toString('base64'),
  }));
  await page.evaluate(
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
              update: r.update,
              fileName: r.fileName,
              exportedAt: '2026-11-28T10:00:00.000+08:00',
              pdf: new Blob([bytes], { type: 'application/pdf' }),
            });
          }
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    rows,
  );
}

const PASSWORD = { 'tablet-a': 'tablet-a-口令-1', 'tablet-b': 'tablet-b-口令-2', manager: 'manager-口令-3' } as const;
type User = keyof typeof PASSWORD;
const basic = (u: string, p: string) => ({ authorization: `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}` });

async function configure(page: Page, c: { role: 'tablet' | 'manager'; projects: string; username: User }): Promise<void> {
  await page.goto(`${base}/sync/`);
  await page.locator('sync-settings[data-state="ready"]').waitFor();
  await page.locator(`[name="role"][value="${c.role}"]`).check();
  await page.getByLabel('服务器地址').fill(couch.url);
  await page.getByLabel(/^项目/).fill(c.projects);
  await page.getByLabel('用户名').fill(c.username);
  await page.getByLabel('密码').fill(PASSWORD[c.username]);
  await page.getByRole('button', { name: '保存并开始同步' }).tap();
  await page.locator('[data-sync-message]', { hasText: '已保存' }).waitFor();
}

/** A document written straight into the server database, as an attacker with server access would. */
async function plant(db: string, fields: object, pdf: Uint8Array): Promise<void> {
  const body = {
    ...fields,
    _attachments: { [SYNC_ATTACHMENT]: { content_type: 'application/pdf', data: Buffer.from(pdf).toString('base64') } },
  };
  const r = await fetch(`${couch.url}/${db}/${(fields as { _id: string })._id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(r.status).toBe(201);
}

const serverIds = async (db: string) =>
  ((await (await fetch(`${couch.url}/${db}/_all_docs`)).json()) as { rows: { id: string }[] }).rows.map((r) => r.id);

const line = (page: Page) => page.locator('sync-status').first();

/** Waits for the status line to read `text` (and the state, if given); says what it read instead. */
async function waitStatus(page: Page, text: string, opts: { state?: string; prefix?: boolean; timeout: number }): Promise<void> {
  const sel = `sync-status[data-line${opts.prefix ? '^' : ''}="${text}"]${opts.state ? `[data-state="${opts.state}"]` : ''}`;
  try {
    await page.locator(sel).waitFor({ timeout: opts.timeout });
  } catch (e) {
    const now = await line(page).evaluate((el) => `${el.textContent?.replace(/\s+/g, ' ')} [${(el as HTMLElement).dataset.state}]`);
    throw new Error(`${(e as Error).message.split('\n')[0]}; status: ${now}`, { cause: e });
  }
}

beforeAll(async () => {
  const run = spawnSync(
    process.execPath,
    [tsx, 'scripts/sample-reports.ts', '--out', out, '--count', '14', '--months', '1', '--seed', '19', '--end', '2026-11'],
    {
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  const trust = (await readTrustList(readFileSync(path.join(out, 'trust-list.json'), 'utf8'))).list;
  const templates = JSON.parse(readFileSync('dist/templates.json', 'utf8')) as ChecklistTemplate[];
  const index = JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8')) as { file: string }[];
  for (const { file } of index) {
    const bytes = readFileSync(path.join(out, file));
    const r = await verifyReport(new Uint8Array(bytes), {
      trust,
      template: (id, v) => templates.find((t) => t.id === id && t.version === v),
    });
    expect(r.verdict.kind).toBe('valid');
    signed.push({
      file,
      bytes,
      hash: r.hash!,
      project: r.document!.record.project,
      fields: syncDocFields(r.hash!, r.document!, r.facts.signer!.fingerprint),
    });
  }
  const names = [...new Set(signed.map((s) => s.project))].sort();
  expect(names.length).toBeGreaterThanOrEqual(2);
  // One project with an administrator's code, one mapped from its Chinese name.
  projects = names.slice(0, 2).map((name, i) => {
    const p = i === 0 ? { name, code: 'proj-a' } : { name };
    return { ...p, db: projectDbName(p), docs: signed.filter((s) => s.project === name) };
  });
  signed = signed.filter((s) => projects.some((p) => p.name === s.project));
  couch = await startCouch();
  // As the administrator would (README): databases, CouchDB users with project roles, and each
  // database's _security naming the roles that may use it. (The local server is in admin party,
  // so the test itself can plant documents as someone with access to the server would.)
  const put = (url: string, body?: object) =>
    fetch(`${couch.url}${url}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
  const roles: Record<User, string[]> = { 'tablet-a': ['a-tablet'], 'tablet-b': ['b-tablet'], manager: ['a-manager', 'b-manager'] };
  for (const [name, r] of Object.entries(roles)) {
    expect((await put(`/_users/org.couchdb.user:${name}`, { name, password: PASSWORD[name as User], roles: r, type: 'user' })).status).toBe(
      201,
    );
  }
  for (const [i, p] of projects.entries()) {
    const k = i === 0 ? 'a' : 'b';
    expect((await put(`/${p.db}`)).status).toBe(201);
    const security = { admins: { names: [], roles: [] }, members: { names: [], roles: [`${k}-tablet`, `${k}-manager`] } };
    expect((await put(`/${p.db}/_security`, security)).status).toBe(200);
  }
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (couch) await disposeCouch(couch);
});

describe('sync through a CouchDB-protocol server', () => {
  let tabletA: Page;
  let tabletB: Page;
  let manager: Page;
  const heldBack: Signed[] = [];

  it('two tablets of two projects push only their own project’s documents', async () => {
    const [a, b] = projects as [(typeof projects)[0], (typeof projects)[0]];
    tabletA = await newPage({ width: 768, height: 1024 });
    tabletB = await newPage({ width: 1024, height: 768 });
    heldBack.push(...a.docs.slice(-2));
    // Tablet A also holds a file of project B: it stays on the tablet.
    await asExported(tabletA, [...a.docs.slice(0, -2), b.docs[0]!]);
    await asExported(tabletB, b.docs);
    // Nothing is sent before sync is configured.
    await tabletA.goto(`${base}/inspections/`);
    expect(await line(tabletA).locator('[data-sync-line]').innerText()).toContain('未设置');
    await configure(tabletA, { role: 'tablet', projects: `${a.name} ${a.code}`, username: 'tablet-a' });
    await configure(tabletB, { role: 'tablet', projects: b.name, username: 'tablet-b' });
    const sentA = a.docs.length - 2;
    await waitStatus(tabletA, `待发送 0 份 · 已发送 ${sentA} 份`, { state: 'idle', timeout: 60_000 });
    await waitStatus(tabletB, `待发送 0 份 · 已发送 ${b.docs.length} 份`, { state: 'idle', timeout: 60_000 });
    expect(await line(tabletA).locator('[data-sync-refused]').textContent()).toContain(`属于项目「${b.name}」，不发往「${a.name}」`);
    expect((await serverIds(a.db)).sort()).toEqual(
      a.docs
        .slice(0, -2)
        .map((d) => d.hash)
        .sort(),
    );
    expect((await serverIds(b.db)).sort()).toEqual(b.docs.map((d) => d.hash).sort());
    // The document on the server carries the manager-view fields and the PDF, and no credentials.
    const onServer = await (await fetch(`${couch.url}/${a.db}/${a.docs[0]!.hash}`)).json();
    expect(onServer).toMatchObject({
      ...a.docs[0]!.fields,
      _attachments: { [SYNC_ATTACHMENT]: { content_type: 'application/pdf', length: a.docs[0]!.bytes.length } },
    });
    expect(JSON.stringify(onServer)).not.toMatch(/口令|tablet-a/);
    // A tablet's user cannot reach the other project's database.
    expect(
      (await fetch(`${couch.url}/${b.db}/_all_docs`, { headers: basic('tablet-a', PASSWORD['tablet-a']) })).status,
    ).toBeGreaterThanOrEqual(401);
  }, 180_000);

  it('the manager pulls, verifies and collects; tampered, unenrolled and relabelled documents are refused', async () => {
    const [a, b] = projects as [(typeof projects)[0], (typeof projects)[0]];
    // Planted straight into the server: a tampered copy of a genuine file (under its own id), a
    // file signed by a key the company never enrolled, and a genuine file of project A relabelled
    // as project B's.
    const victim = heldBack[0]!;
    const tampered = Buffer.from(victim.bytes);
    const [, start] = /\/ByteRange \[0 (\d+)/.exec(tampered.toString('latin1'))!;
    tampered[Math.floor(Number(start) / 2)]! ^= 1;
    await plant(b.db, { ...victim.fields, _id: 'f'.repeat(64), project: b.name }, tampered);
    const stranger = await selfSigned('王品质');
    const strangerPdf = await reportPdf(inspectionDocument(), stranger);
    const sv = await verifyReport(strangerPdf, {});
    await plant(a.db, syncDocFields(sv.hash!, sv.document!, sv.facts.signer!.fingerprint), strangerPdf);
    const relabelled = heldBack[1]!;
    await plant(b.db, { ...relabelled.fields, project: b.name }, relabelled.bytes);

    manager = await newPage({ width: 1280, height: 900 });
    await manager.goto(`${base}/reports/`);
    await manager.locator('monthly-report[data-state="ready"]').waitFor();
    await manager.locator('[data-trust-file]').setInputFiles(path.join(out, 'trust-list.json'));
    await manager.locator('[data-trust-message]', { hasText: '已导入第 1 版' }).waitFor();
    await configure(manager, { role: 'manager', projects: `${a.name} ${a.code}\n${b.name}`, username: 'manager' });
    await manager.goto(`${base}/reports/`);
    const received = a.docs.length - 2 + b.docs.length;
    await waitStatus(manager, `已接收 ${received} 份 · 已拒收 3 份`, { timeout: 120_000 });
    expect(await manager.locator('[data-collection-count]').innerText()).toBe(String(received));
    const refused = await manager.locator('sync-status [data-sync-refused] li').allTextContents();
    expect(refused).toHaveLength(3);
    expect(refused.find((r) => r.startsWith('f'.repeat(16)))).toContain('已被改动');
    expect(refused.find((r) => r.startsWith(sv.hash!.slice(0, 16)))).toContain('必须由公司登记的人员签名');
    expect(refused.find((r) => r.startsWith(relabelled.hash.slice(0, 16)))).toContain('服务器上的说明与文件内容不符（project）');
    // Refused documents never entered the collection.
    const rows = await manager.locator('[data-collection] tr').evaluateAll((trs) => trs.map((t) => (t as HTMLElement).dataset.hash));
    expect(rows.sort()).toEqual([...a.docs.slice(0, -2), ...b.docs].map((d) => d.hash).sort());
  }, 240_000);

  it('resumes after the server stops mid-way, without duplicates', async () => {
    const [a] = projects as [(typeof projects)[0]];
    await couch.stop();
    // The tablet signs more while the server is down: they wait to be sent.
    await asExported(tabletA, [...a.docs]);
    await tabletA.goto(`${base}/sync/`);
    await waitStatus(tabletA, `待发送 2 份 · 已发送 ${a.docs.length - 2} 份`, { state: 'offline', timeout: 60_000 });
    expect(await tabletA.locator('[data-sync-error]').innerText()).toContain('联网后会自动继续');
    await couch.restart();
    await waitStatus(tabletA, `待发送 0 份 · 已发送 ${a.docs.length} 份`, { timeout: 90_000 });
    const ids = await serverIds(a.db);
    expect(new Set(ids).size).toBe(ids.length);
    for (const d of a.docs) expect(ids).toContain(d.hash);
    expect(ids).toHaveLength(a.docs.length + 1); // + the unenrolled one planted there
    // The manager's open page picks them up, the genuine copy of the relabelled file included.
    const received = projects.reduce((n, p) => n + p.docs.length, 0);
    await waitStatus(manager, `已接收 ${received} 份`, { prefix: true, timeout: 120_000 });
    expect(await manager.locator('[data-collection-count]').innerText()).toBe(String(received));
    const rows = await manager.locator('[data-collection] tr').evaluateAll((trs) => trs.map((t) => (t as HTMLElement).dataset.hash));
    expect(new Set(rows).size).toBe(rows.length);
  }, 300_000);
});
