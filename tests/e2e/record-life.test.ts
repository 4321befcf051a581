// The record's life across devices, tried as new users would with three browser contexts: two
// tablets and the manager's device, each with an enrolled person (PIN). Tablet A inspects the 客服
// line with one failed item and signs; a week later the item is closed with an after-photo,
// verified, and the update signed on /rectifications/; everything undelivered leaves as one ZIP.
// Tablet B signs a 安防 inspection, corrects its score with a revision and signs that, and signs a
// satisfaction survey. The manager receives a tampered copy first, then the genuine files and an
// unenrolled device's report: the month counts each inspection once at its latest revision, shows
// the closure (100 %, nothing overdue), includes the survey, lists the refused files — the same
// figures as `npm run monthly-report` on the same files and an independent calculation here — and
// the manager signs the monthly PDF, which /verify/ accepts. The supervisor's PC then imports a
// learner's signed training certificate on /training/records/.
// The quality department's part (issuing certificates) runs here in Node with the app's own code;
// its screens have their own test (enrolment.test.ts).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../support/browser';
import { drawSignature, signBoth } from '../support/tablet';
import { inspectionDocument, reportPdf, selfSigned } from '../support/signing-fixture';
import { createCompanyRoot, issueCertificate, type KeyPairAndCertificate } from '../../src/adapters/signing/ca';
import { checkRequest, readEnrolmentMessage, responseFile } from '../../src/adapters/signing/enrolment';
import { signTrustList, toBase64 } from '../../src/adapters/signing/trust-list';
import { makeCertificatePdf } from '../../src/adapters/pdf/certificate-pdf';
import { encodePng } from '../../scripts/sample/png';
import type { ChecklistTemplate } from '../../src/domain/checklist';
import type { ReportDocument } from '../../src/domain/report-document';
import { readReportFont } from '../../scripts/font-subset.mjs';

const base = inject('baseUrl');
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const dir = mkdtempSync(path.join(tmpdir(), 'record-life-'));
const COMPANY = '示例物业服务有限公司';
const DAY = 24 * 3600 * 1000;
const PEOPLE = {
  a: { name: '李品质', device: '平板 A · 翠湖花园', pin: '302417' },
  b: { name: '张巡查', device: '平板 B · 锦江名苑', pin: '518204' },
  m: { name: '周经理', device: '品质部电脑', pin: '640913' },
} as const;
type Who = (typeof PEOPLE)[keyof typeof PEOPLE];

let browser: Browser;
let root: KeyPairAndCertificate;
let trustFile: string;
const contexts: Record<'a' | 'b' | 'm', BrowserContext> = {} as never;
const pages: Record<'a' | 'b' | 'm', Page> = {} as never;
let templates: ChecklistTemplate[];
const files: Record<string, string> = {};
const t0 = Date.now();

async function download(page: Page, button: Locator, name: string, timeout = 90_000): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout }), button.click()]);
  const file = path.join(dir, name);
  await d.saveAs(file);
  return file;
}

/** The attached record document of a signed file, read with poppler (not the app). */
function attachment(pdf: string): ReportDocument {
  const out = path.join(dir, `${path.basename(pdf)}.json`);
  execFileSync('pdfdetach', ['-save', '1', '-o', out, pdf]);
  return JSON.parse(readFileSync(out, 'utf8')) as ReportDocument;
}

beforeAll(async () => {
  // The company root and trust list, valid from two months back (the tablets' clocks run ahead below).
  const from = new Date(t0 - 60 * DAY);
  root = await createCompanyRoot(COMPANY, from);
  const trust = await signTrustList(
    {
      format: 'wuye-trust-list',
      version: 1,
      company: COMPANY,
      sequence: 1,
      issuedAt: from.toISOString(),
      root: toBase64(root.certificate),
      revocations: [],
    },
    root.privateKey,
  );
  trustFile = path.join(dir, 'trust-list.json');
  writeFileSync(trustFile, JSON.stringify(trust, null, 2));
  browser = await launchBrowser();
  const opts = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true };
  contexts.a = await browser.newContext({ ...opts, viewport: { width: 768, height: 1024 }, hasTouch: true });
  contexts.b = await browser.newContext({ ...opts, viewport: { width: 1024, height: 768 }, hasTouch: true });
  contexts.m = await browser.newContext({ ...opts, viewport: { width: 1280, height: 900 } });
  // The manager works a week and a day after the inspections: deadlines have passed by then.
  await contexts.m.clock.install({ time: t0 + 8 * DAY });
  await contexts.m.clock.resume();
  for (const k of ['a', 'b', 'm'] as const) pages[k] = await contexts[k].newPage();
  templates = (await (await pages.a.request.get(`${base}/templates.json`)).json()) as ChecklistTemplate[];
}, 60_000);
afterAll(async () => browser?.close());

/** Enrols a person on their device: the request leaves as a file, the department (here) issues it. */
async function enrol(page: Page, who: Who): Promise<void> {
  await page.goto(`${base}/enrol/`);
  await page.locator('enrol-tablet[data-state="ready"]').waitFor();
  const form = page.locator('[data-enrol]');
  await form.getByLabel('检查员姓名').fill(who.name);
  await form.getByLabel('设备名称').fill(who.device);
  await form.getByLabel('设置 PIN').fill(who.pin);
  await form.getByLabel('再次输入 PIN').fill(who.pin);
  await form.getByRole('button', { name: '生成登记申请' }).click();
  const request = page.locator('[data-request]:not([hidden])');
  await request.waitFor({ timeout: 60_000 });
  const file = await download(page, request.getByRole('button', { name: '下载申请文件' }), `request-${who.name}.json`);
  const msg = readEnrolmentMessage(readFileSync(file, 'utf8'));
  if (msg.kind !== 'request') throw new Error('not a request');
  const checked = await checkRequest(msg.request);
  expect(checked.names).toMatchObject({ commonName: who.name, device: who.device });
  const from = new Date(t0 - 30 * DAY);
  const certificate = await issueCertificate(root, { publicKey: checked.spki, names: { ...checked.names, organization: COMPANY } }, from, {
    notBefore: from,
  });
  const response = path.join(dir, `certificate-${who.name}.json`);
  writeFileSync(response, responseFile(certificate, root.certificate));
  await page.locator('qr-reader[data-for="certificate"] [data-qr-file]').setInputFiles(response);
  await page.locator('[data-import-status]', { hasText: `已导入「${who.name}」的证书` }).waitFor({ timeout: 30_000 });
}

/** Starts a record from the list with the header filled in; returns its page URL. */
async function start(page: Page, title: string, project: string, area: string, who: Who): Promise<string> {
  page.removeAllListeners('dialog');
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${base}/inspections/`);
  await page.locator('inspection-list[data-state="ready"]').waitFor();
  await page.getByLabel(title).check();
  await page.locator('[data-new] input[name=project]').fill(project);
  await page.locator('[data-new] input[name=area]').fill(area);
  await page.locator('[data-new] input[name=inspector]').fill(who.name);
  await Promise.all([page.waitForURL(/\?id=/), page.locator('[data-new] button[type=submit]').click()]);
  await page.locator('inspection-form[data-state="ready"]').waitFor();
  return page.url();
}

/** Every section 全部符合, then one item 不符合 with its rectification owner; finalised. */
async function inspectWithOneFailure(page: Page, failItem: string | null): Promise<void> {
  for (const b of await page.locator('[data-all-pass]').all()) await b.click();
  if (failItem) {
    await page.locator(`[data-item="${failItem}"] input[value="fail"]`).check();
    const rect = page.locator(`[data-item="${failItem}"] [data-rect]`);
    await rect.getByLabel('责任部门').fill('客服部');
    await rect.getByLabel('责任人').fill('王芳');
  }
  await page.getByRole('button', { name: '检查定稿' }).click();
  await page.locator('[data-status]', { hasText: '已定稿' }).waitFor();
}

async function chooseSigner(scope: Locator, who: Who): Promise<void> {
  await scope.locator('signer-choice[data-state="ready"]').waitFor();
  await scope.getByLabel('用谁的证书签名').selectOption({ label: `${who.name} · ${who.device}（已登记）` });
  await scope.getByLabel('PIN（本人的签名密码）').fill(who.pin);
}

/** Signs the finalised record's report on its page and saves the download. */
async function signReport(page: Page, who: Who, name: string, survey = false): Promise<string> {
  const maker = page.locator('[data-report]');
  await maker.waitFor();
  if (survey) await drawSignature(page, 'inspector');
  else await signBoth(page, maker);
  await chooseSigner(maker, who);
  const file = await download(page, maker.getByRole('button', { name: survey ? '生成签名调查报告（PDF）' : '生成签名报告（PDF）' }), name);
  expect(await maker.locator('[data-report-status]').innerText()).toContain(`签名人：${who.name}。`);
  expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toContain('Signature is Valid');
  return file;
}

const firstCheck = (id: string) =>
  templates
    .find((t) => t.id === id)!
    .sections.flatMap((s) => s.items)
    .find((i) => i.kind === 'check' && !i.veto && !i.photoOnFail)!.id;

/** A section of the month on screen, as the cells of its first table's first body row. */
const sectionRow = (page: Page, title: string) =>
  page
    .locator('.monthly-section', { has: page.locator('h2', { hasText: title }) })
    .locator('tbody tr')
    .first()
    .locator('td')
    .allInnerTexts();

const half = (num: number, den: number) => Math.floor((2 * num + den) / (2 * den));
const f1 = (t: number) => `${Math.floor(t / 10)}.${t % 10}`;
const SURVEY_RATINGS = [5, 4, 4, 3, 5, 2, 5, 4, 5, 4];

describe('the record’s life across two tablets and the manager', () => {
  it('each person enrols on their own device', async () => {
    for (const k of ['a', 'b', 'm'] as const) await enrol(pages[k], PEOPLE[k]);
  }, 240_000);

  it('tablet A: an inspection with a failed item is signed; a week later it is closed, verified and the update signed', async () => {
    const page = pages.a;
    await start(page, '客服专业线品质检查', '翠湖花园', '服务中心', PEOPLE.a);
    await inspectWithOneFailure(page, firstCheck('customer-service'));
    files.a1 = await signReport(page, PEOPLE.a, 'a-report.pdf');
    expect(attachment(files.a1).rectifications.map((r) => r.status)).toEqual(['open']);

    // A week later on the same tablet.
    await contexts.a.clock.install({ time: t0 + 7 * DAY });
    await contexts.a.clock.resume();
    await page.goto(`${base}/rectifications/`);
    await page.locator('rectification-list[data-state="ready"]').waitFor();
    await page.locator('closure-updates[data-state="ready"][data-pending="0"]').waitFor();
    const row = page.locator('rectification-list .rect-row').first();
    await row.getByLabel('整改说明').fill('已补挂工牌并提醒当班人员');
    const png = encodePng(320, 240, (x, y) => [40 + (x >> 2), 120, 60 + (y >> 2)]);
    await row.locator('input[name=photo]').setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: Buffer.from(png) });
    await row.getByRole('button', { name: '标记已整改' }).click();
    const done = page.locator('rectification-list .rect-row.rect-done').first();
    await done.waitFor();
    await done.getByRole('button', { name: '复查通过' }).click();
    await page.locator('rectification-list .rect-row.rect-verified').first().waitFor();
    const updates = page.locator('closure-updates');
    await page.locator('closure-updates[data-pending="1"]').waitFor();
    expect(await updates.locator('[data-closure]').innerText()).toContain('已复查 1');
    // Someone who neither inspected nor verified is not offered; the enrolled key must be the signer's.
    expect(await updates.locator('[data-update-signer] option').allInnerTexts()).toEqual([PEOPLE.a.name]);
    await chooseSigner(updates, PEOPLE.a);
    files.a2 = await download(page, updates.getByRole('button', { name: '签发整改更新（PDF）' }), 'a-update.pdf');
    await page.locator('closure-updates[data-pending="0"][data-signed="1"]').waitFor();
    expect(await updates.locator('[data-closure-done]').innerText()).toMatch(/已签发整改更新：.* 第1版 整改更新1\.pdf，签名人：李品质。/);
    const update = attachment(files.a2);
    const original = attachment(files.a1);
    expect(update).toMatchObject({ update: 1, record: original.record });
    expect(update.rectifications[0]).toMatchObject({ status: 'verified', verifiedBy: PEOPLE.a.name });
    expect(update.rectifications[0]!.afterPhotos).toHaveLength(1);
    expect(execFileSync('pdfsig', [files.a2], { encoding: 'utf8' })).toContain('Signature is Valid');
    // Signed at closure time: the signing time is after the closure, a week after the report.
    const signedAt = Date.parse(update.signatures[0]!.signedAt);
    expect(signedAt).toBeGreaterThanOrEqual(Date.parse(update.rectifications[0]!.verifiedAt!));
    expect(signedAt - Date.parse(original.signatures[0]!.signedAt)).toBeGreaterThan(6 * DAY);

    // Everything not yet delivered leaves as one ZIP with a manifest.
    await page.goto(`${base}/inspections/`);
    await page.locator('undelivered-exports[data-state="ready"][data-count="2"]').waitFor();
    files.zip = await download(page, page.getByRole('button', { name: '导出未交付的文件（ZIP）' }), 'tablet-a.zip');
    await page.locator('undelivered-exports[data-count="0"]').waitFor();
  }, 300_000);

  it('tablet B: an inspection, its corrected revision and a survey, each signed', async () => {
    const page = pages.b;
    const url = await start(page, '安防专业线品质检查', '锦江名苑', '南门岗', PEOPLE.b);
    const fail = firstCheck('security');
    await inspectWithOneFailure(page, fail);
    files.b1 = await signReport(page, PEOPLE.b, 'b-report.pdf');
    // The failed item was a mistake: a revision corrects it and supersedes the original.
    await page.goto(url);
    await page.locator('inspection-form[data-state="ready"]').waitFor();
    await Promise.all([page.waitForURL((u) => u.toString() !== url), page.getByRole('button', { name: '创建修订版' }).click()]);
    await page.locator('inspection-form[data-state="ready"]').waitFor();
    await page.locator(`[data-item="${fail}"] input[value="pass"]`).check();
    await page.getByRole('button', { name: '检查定稿' }).click();
    await page.locator('[data-status]', { hasText: '已定稿' }).waitFor();
    files.b2 = await signReport(page, PEOPLE.b, 'b-revision.pdf');
    const [b1, b2] = [attachment(files.b1), attachment(files.b2)];
    expect(b2.record).toMatchObject({ revision: 2, revisionOf: b1.record.id });
    expect(b2.record.result!.score!).toBeGreaterThan(b1.record.result!.score!);

    await start(page, '日常客户满意度调查', '锦江名苑', '3 栋 201', PEOPLE.b);
    const questions = templates.find((t) => t.id === 'survey-daily')!.sections.flatMap((s) => s.items);
    expect(questions).toHaveLength(SURVEY_RATINGS.length);
    for (const [i, q] of questions.entries()) await page.locator(`[data-item="${q.id}"] input[value="${SURVEY_RATINGS[i]}"]`).check();
    await page.getByRole('button', { name: '问卷定稿' }).click();
    await page.locator('[data-status]', { hasText: '已定稿' }).waitFor();
    expect(await page.locator('[data-report] [data-rep-name]').isVisible()).toBe(false); // the resident does not sign
    files.b3 = await signReport(page, PEOPLE.b, 'b-survey.pdf', true);
    const text = execFileSync('pdftotext', [files.b3, '-'], { encoding: 'utf8' });
    expect(text).toContain('满意率 80.0%');
    expect(text).toContain('调查员');
  }, 300_000);

  it('the manager collects everything: tampered first, genuine after, the month right, signed', async () => {
    const page = pages.m;
    await page.goto(`${base}/reports/`);
    await page.locator('monthly-report[data-state="ready"]').waitFor();
    await page.locator('[data-trust-file]').setInputFiles(trustFile);
    await page.locator('[data-trust-message]', { hasText: '已导入第 1 版' }).waitFor();
    const month = attachment(files.a1!).record.inspectedAt.slice(0, 7);
    await page.fill('input[name=month]', month);
    await page.getByRole('button', { name: '生成报告' }).click();

    // A copy of tablet B's report with one byte flipped arrives first, then tablet A's report alone.
    const bytes = readFileSync(files.b2!);
    const [, start] = /\/ByteRange \[0 (\d+)/.exec(bytes.toString('latin1'))!;
    bytes[Math.floor(Number(start) / 2)]! ^= 1;
    files.tampered = path.join(dir, 'b-revision-copy.pdf');
    writeFileSync(files.tampered, bytes);
    await page.locator('[data-files]').setInputFiles([files.tampered, files.a1!]);
    await page.locator('[data-progress-text]', { hasText: '共 2 个文件' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-log] li').first().innerText()).toMatch(/^b-revision-copy\.pdf：未导入：已被改动/);
    await page.locator(`monthly-report[data-rendered="${month}"]`).waitFor();
    // Only the report signed at finalisation: the item is open and, a week on, overdue.
    await page.waitForFunction(() => document.querySelector('.monthly-section tbody td')?.textContent === '1');
    expect((await sectionRow(page, '整改情况')).slice(0, 5)).toEqual(['1', '0', '0', '1', '0.0%']);

    // Then tablet A's ZIP (its report again, and the closure update), tablet B's files and an unenrolled report.
    files.stranger = path.join(dir, 'unenrolled.pdf');
    writeFileSync(files.stranger, await reportPdf(inspectionDocument('赵临时'), await selfSigned('赵临时')));
    await page.locator('[data-files]').setInputFiles([files.zip!, files.b1!, files.b2!, files.b3!, files.stranger]);
    await page.locator('[data-progress-text]', { hasText: '共 6 个文件' }).waitFor({ timeout: 120_000 });
    expect(await page.locator('[data-progress-text]').innerText()).toContain(
      '新收集 3 · 更新 1 · 重复 1 · 已被改动 0 · 未登记 1 · 无法读取 0',
    );
    const log = await page.locator('[data-log] li').allInnerTexts();
    expect(log[0]).toMatch(/^unenrolled\.pdf：签名完整但签名人未登记/); // problem files first
    expect(log.find((l) => l.includes('整改更新1.pdf'))).toContain('第 1 次更新（整改进展）');
    expect(log.find((l) => l.includes('重复'))).toContain('a-report.pdf');

    // An independent calculation from the attached records (read with poppler): the original B and
    // the first A are replaced by their latest documents; B's original is not counted.
    const counted = [attachment(files.a2!), attachment(files.b2!)].map((d) => d.record.result!);
    const mean = half(
      counted.reduce((s, r) => s + r.score!, 0),
      2,
    );
    const pooled = half(
      1000 * counted.reduce((s, r) => s + r.earned, 0),
      counted.reduce((s, r) => s + r.possible, 0),
    );
    await page.waitForFunction(() => document.querySelector('.monthly-section tbody td')?.textContent === '2');
    expect((await sectionRow(page, '总体情况')).slice(0, 3)).toEqual(['2', f1(mean), f1(pooled)]);
    // Closed a week after a 3-day deadline: closed late, nothing overdue, 100 %.
    expect((await sectionRow(page, '整改情况')).slice(0, 5)).toEqual(['1', '1', '1', '0', '100.0%']);
    const satisfied = SURVEY_RATINGS.filter((r) => r >= 4).length;
    const rate = half(1000 * satisfied, SURVEY_RATINGS.length);
    const avg = half(10 * SURVEY_RATINGS.reduce((a, b) => a + b, 0), SURVEY_RATINGS.length);
    expect(await sectionRow(page, '客户满意度')).toEqual(['1', String(SURVEY_RATINGS.length), `${f1(rate)}%`, f1(avg)]);

    // The same month from the command line over the same files.
    const today = new Date(t0 + 8 * DAY).toISOString().slice(0, 10);
    const cli = spawnSync(
      process.execPath,
      [
        tsx,
        'scripts/monthly-report.ts',
        '--month',
        month,
        '--trust',
        trustFile,
        '--today',
        today,
        files.tampered,
        files.a1!,
        files.zip!,
      ].concat([files.b1!, files.b2!, files.b3!, files.stranger]),
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(cli.status, cli.stderr).toBe(0);
    const json = JSON.parse(cli.stdout);
    expect(json.inspections).toBe(2);
    expect([json.overall.meanOfScores, json.overall.pooled]).toEqual([mean, pooled]);
    expect(json.rectifications).toMatchObject({ opened: 1, closed: 1, verified: 1, overdue: 0, closureRate: 1000 });
    expect(json.surveys).toBe(1);
    expect(json.satisfaction.overall).toMatchObject({ answered: SURVEY_RATINGS.length, rate, mean: avg });
    expect(json.refused.map((r: { file: string }) => path.basename(r.file))).toEqual(['b-revision-copy.pdf']);
    expect(json.keptOut.map((r: { file: string }) => path.basename(r.file))).toEqual(['unenrolled.pdf']);
    expect(json.conflicts).toEqual([]);
    // Each inspection once, at its latest document: A's update, B's revision (its original nowhere).
    const ids = (f: string) => attachment(f).record.id;
    expect(json.counted.map((c: { recordId: string }) => c.recordId).sort()).toEqual(
      [ids(files.a2!), ids(files.b2!), ids(files.b3!)].sort(),
    );
    expect(json.counted.find((c: { recordId: string }) => c.recordId === ids(files.a2!)).file).toMatch(/整改更新1\.pdf$/);

    // The manager signs the month with their own enrolled identity; /verify/ accepts it.
    await chooseSigner(page.locator('[data-options]'), PEOPLE.m);
    files.monthly = await download(page, page.getByRole('button', { name: '导出 PDF' }), 'monthly.pdf');
    expect(await page.locator('[data-pdf-status]').innerText()).toContain(`以「${PEOPLE.m.name}」的证书签名`);
    await page.goto(`${base}/verify/`);
    await page.locator('report-verifier[data-state="ready"]').waitFor();
    await page.locator('report-verifier [data-file]').setInputFiles(files.monthly);
    await page.locator('report-verifier[data-verdict="valid"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('.verdict').innerText()).toContain(PEOPLE.m.name);
  }, 300_000);

  it('the supervisor’s PC imports a learner’s signed training certificate on /training/records/', async () => {
    const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    const from = new Date(t0 - 30 * DAY);
    const names = { commonName: '李芳', device: '员工手机', organization: COMPANY };
    const certificate = await issueCertificate(root, { publicKey: keys.publicKey, names }, from, { notBefore: from });
    const at = new Date(t0 - DAY).toISOString();
    const learner = {
      learnerId: 'emp:BJ031',
      name: '李芳',
      employeeNo: 'BJ031',
      posts: ['cleaning' as const],
      reads: { 'cleaning/guide': { at, version: 'v1', how: 'scrolled' as const, seconds: 90 } },
      attempts: [{ scope: 'post:cleaning', at, score: 95, passed: true }],
      signOffs: [],
    };
    const pdf = await makeCertificatePdf(
      {
        company: COMPANY,
        postName: '清洁保洁',
        learner,
        path: [{ id: 'cleaning/guide', title: '保洁岗位指引', version: 'v1', minutes: 5 }],
        signOff: { post: 'cleaning', at, versions: { 'cleaning/guide': 'v1' }, quizScore: 95, method: 'typed' },
      },
      { font: readReportFont('dist') },
      new Map(),
      { date: new Date(at), sign: { identity: { ...keys, certificate, chain: [root.certificate] }, name: '李芳' } },
    );
    const good = path.join(dir, 'training-certificate-cleaning-BJ031.pdf');
    writeFileSync(good, pdf);
    const forged = Buffer.from(pdf);
    const [, start] = /\/ByteRange \[0 (\d+)/.exec(forged.toString('latin1'))!;
    forged[Math.floor(Number(start) / 2)]! ^= 1;
    const bad = path.join(dir, 'training-copy.pdf');
    writeFileSync(bad, forged);

    const page = pages.m; // the manager's PC already holds the trust list
    await page.goto(`${base}/training/records/`);
    await page.locator('training-import[data-state="ready"]').waitFor();
    await page.locator('[data-training-files]').setInputFiles([bad, good, files.a1!]);
    await page.locator('[data-training-progress]', { hasText: '共 3 个文件' }).waitFor({ timeout: 60_000 });
    const log = await page.locator('[data-training-log] li').allInnerTexts();
    expect(log.find((l) => l.startsWith('training-copy.pdf'))).toContain('已被改动');
    expect(log.find((l) => l.startsWith('a-report.pdf'))).toContain('这不是培训合格证明');
    expect(log.find((l) => l.startsWith('training-certificate'))).toContain('已验证：李芳（BJ031）');
    const row = page.locator('training-records [data-rows] tr', { hasText: '李芳（BJ031）' });
    await row.waitFor();
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[1]).toBe('清洁保洁');
    expect(cells[4]).toContain('已签署');
    expect(cells.at(-1)).toBe('导入的证书');
    // Importing it again is a duplicate, and the table still has one row.
    await page.locator('[data-training-files]').setInputFiles([good]);
    await page.locator('[data-training-progress]', { hasText: '重复 1' }).waitFor({ timeout: 60_000 });
    expect(await row.count()).toBe(1);
  }, 180_000);
});
