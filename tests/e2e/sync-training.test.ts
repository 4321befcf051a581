// Training certificates by sync (issue 19), tried as new users would: a learner's phone (its own
// browser context, enrolled on /enrol/, sync set up as a device of its project) signs off its
// post and pushes the signed certificate to the project's database on a local pouchdb-server;
// the supervisor's device pulls that project on /training/records/, where the certificate goes
// through the same checker and path as a file import and the learner appears. Planted straight
// into the server: a tampered copy and a genuine certificate relabelled with another employee
// number are refused and never counted; one signed with an unenrolled key is kept as a file
// import keeps it (签名人未登记, not counted until the supervisor includes it).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../support/browser';
import { signingFlow, trustListOf, type Person } from '../support/signing-flow';
import { configureSync, plantDoc, provisionCouch, tamperPdf as tamper, waitSyncStatus } from '../support/sync-server';
import { newLearner, studied } from '../support/training-learner';
import { enrolled, pdfWith, selfSigned } from '../support/signing-fixture';
import { disposeCouch, startCouch, type LocalCouch } from '../../scripts/couch-local.mjs';
import { verifyReport } from '../../src/adapters/signing/verify-report';
import { createCompanyRoot, type KeyPairAndCertificate } from '../../src/adapters/signing/ca';
import { canonicalJson } from '../../src/domain/canonical-json';
import { COMPANY_DB, projectDbName } from '../../src/domain/sync-names';
import { certificateSyncFields, type CertificateSyncFields } from '../../src/domain/sync-doc';
import { trainingDocumentSchema, type TrainingDocument } from '../../src/schemas/training-document';
import type { TrustList } from '../../src/schemas/trust-list';

const base = inject('baseUrl');
const out = mkdtempSync(path.join(tmpdir(), 'sync-training-'));
const COMPANY = '示例物业';
const DAY = 24 * 3600 * 1000;
const t0 = Date.now();
const P = { name: '翠湖花园', code: 'proj-a', db: projectDbName({ name: '翠湖花园', code: 'proj-a' }) };
const LEARNER = { name: '李芳', employeeNo: 'BJ031', post: 'cleaning', device: '手机 · 李芳', pin: '730215' } as const;
const PASSWORD = { phone: 'phone-口令-1', supervisor: 'supervisor-口令-2' } as const;
let couch: LocalCouch;
let browser: Browser;
let root: KeyPairAndCertificate;
let trust: TrustList;
const trustFile = path.join(out, 'trust-list.json');
const flow = signingFlow({ base, dir: out, company: COMPANY, root: () => root, validFrom: new Date(t0 - 30 * DAY) });

async function newPage(mobile: boolean): Promise<Page> {
  const ctx = await browser.newContext({
    viewport: mobile ? { width: 360, height: 740 } : { width: 1280, height: 900 },
    isMobile: mobile,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  return ctx.newPage();
}

const configure = (page: Page, role: 'tablet' | 'manager', username: keyof typeof PASSWORD) =>
  configureSync(page, { base, url: couch.url, role, projects: `${P.name} ${P.code}`, username, password: PASSWORD[username] });
const plant = (fields: object, pdf: Uint8Array) => plantDoc(couch.url, P.db, fields, pdf);
const waitStatus = (page: Page, text: string, timeout: number) => waitSyncStatus(page, text, { timeout });

/** A certificate read here as the supervisor's checker reads it. */
async function readCertificate(bytes: Uint8Array): Promise<{ hash: string; data: TrainingDocument; signer: string }> {
  const v = await verifyReport(bytes, { trust });
  return { hash: v.hash!, data: trainingDocumentSchema.parse(v.data), signer: v.facts.signer!.fingerprint };
}

beforeAll(async () => {
  const from = new Date(t0 - 60 * DAY);
  root = await createCompanyRoot(COMPANY, from);
  const list = await trustListOf(root, COMPANY, 1, from);
  trust = list.list;
  writeFileSync(trustFile, JSON.stringify(list, null, 2));
  couch = await startCouch();
  await provisionCouch(couch.url, {
    users: {
      phone: { password: PASSWORD.phone, roles: ['a-tablet'] },
      supervisor: { password: PASSWORD.supervisor, roles: ['a-manager'] },
    },
    databases: [
      { name: P.db, members: ['a-tablet', 'a-manager'] },
      { name: COMPANY_DB, members: ['a-manager'] },
    ],
  });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (couch) await disposeCouch(couch);
});

describe('training certificates through a CouchDB-protocol server', () => {
  let genuine: { bytes: Uint8Array; hash: string; data: TrainingDocument; signer: string };

  it('a learner’s phone signs off and pushes its certificate to the project’s database', { timeout: 240_000 }, async () => {
    const phone = await newPage(true);
    const who: Person = { name: LEARNER.name, device: LEARNER.device, pin: LEARNER.pin };
    await flow.enrol(phone, who);
    await configure(phone, 'tablet', 'phone');
    await phone.goto(`${base}/training/`);
    await newLearner(phone, LEARNER);
    // Nothing signed yet: nothing waits to be sent.
    await waitStatus(phone, '待发送 0 份 · 已发送 0 份', 60_000);
    await phone.goto(`${base}/training/${LEARNER.post}/`);
    await phone.locator('training-path[data-state="ready"]').waitFor();
    await studied(phone, LEARNER.employeeNo);
    await phone.reload();
    await phone.locator('training-path[data-state="ready"]').waitFor();
    const signoff = phone.locator('training-path');
    await flow.chooseSigner(signoff, who);
    await phone.getByLabel('不便手写时，输入本人姓名签署').fill(LEARNER.name);
    const file = await flow.download(phone, phone.getByRole('button', { name: '签署并生成培训合格证明（PDF）' }), 'certificate.pdf');
    await phone.locator('training-path[data-signed="yes"]').waitFor();
    const bytes = new Uint8Array(readFileSync(file));
    genuine = { bytes, ...(await readCertificate(bytes)) };
    await waitStatus(phone, '待发送 0 份 · 已发送 1 份', 120_000);
    const doc = (await (await fetch(`${couch.url}/${P.db}/${genuine.hash}`)).json()) as CertificateSyncFields & Record<string, unknown>;
    // On the server: the employee number, post, month, signer and project; no name, no answers.
    expect(doc).toMatchObject(certificateSyncFields(genuine.hash, genuine.data, genuine.signer, P.name));
    expect(JSON.stringify(doc)).not.toContain(LEARNER.name);
    expect(JSON.stringify(doc)).not.toContain(PASSWORD.phone);
    await phone.context().close();
  });

  it(
    'the supervisor pulls it into 培训记录; tampered and relabelled ones are refused, an unenrolled one is not counted',
    { timeout: 240_000 },
    async () => {
      expect(genuine, 'the phone’s sign-off (the test before this one) did not finish').toBeDefined();
      // Planted: a tampered copy under an id of its own, a genuine certificate of another learner
      // relabelled with an employee number it does not carry, and one signed by an unenrolled key.
      await plant(
        { ...certificateSyncFields(genuine.hash, genuine.data, genuine.signer, P.name), _id: 'e'.repeat(64) },
        tamper(genuine.bytes),
      );
      const other = { ...genuine.data, learner: { name: '王强', employeeNo: 'BJ045' } };
      const json = { name: 'training-record.json', json: canonicalJson(other) };
      const otherPdf = await pdfWith(json, await enrolled(root, '王强', new Date(t0 - 30 * DAY)), { date: new Date(), signerName: '王强' });
      const o = await readCertificate(otherPdf);
      await plant({ ...certificateSyncFields(o.hash, o.data, o.signer, P.name), employeeNo: 'BJ099' }, otherPdf);
      const strangerData = { ...genuine.data, learner: { name: '陈某', employeeNo: 'BJ077' } };
      const strangerPdf = await pdfWith({ name: 'training-record.json', json: canonicalJson(strangerData) }, await selfSigned('陈某'), {
        date: new Date(),
        signerName: '陈某',
      });
      const st = await verifyReport(strangerPdf, {});
      await plant(certificateSyncFields(st.hash!, strangerData, st.facts.signer!.fingerprint, P.name), strangerPdf);

      const pc = await newPage(false);
      await pc.goto(`${base}/training/records/`);
      await pc.locator('training-import[data-state="ready"]').waitFor();
      await pc.locator('[data-trust-file]').setInputFiles(trustFile);
      await pc.locator('[data-trust-message]', { hasText: '已导入第 1 版' }).waitFor({ timeout: 60_000 });
      await configure(pc, 'manager', 'supervisor');
      // /reports/ downloads the certificates too but leaves them to /training/records/: once the
      // pull is idle, nothing is "待验证" there.
      await pc.goto(`${base}/reports/`);
      await pc.locator('sync-status[data-state="idle"]').waitFor({ timeout: 120_000 });
      expect(await pc.locator('sync-status').getAttribute('data-line')).toBe('已接收 0 份 · 已拒收 0 份');
      await pc.goto(`${base}/training/records/`);
      await waitStatus(pc, '已接收 2 份 · 已拒收 2 份', 120_000);
      const refused = await pc.locator('sync-status [data-sync-refused] li').allTextContents();
      expect(refused).toHaveLength(2);
      expect(refused.find((r) => r.startsWith('e'.repeat(16)))).toContain('已被改动');
      expect(refused.find((r) => r.startsWith(o.hash.slice(0, 16)))).toContain('服务器上的说明与文件内容不符（工号）');
      // In the collection: the learner's certificate (verified) and the unenrolled one (not counted).
      const docs = pc.locator('[data-training-docs] tr');
      await expect.poll(() => docs.count()).toBe(2);
      expect(await pc.locator(`[data-training-docs] tr[data-training-doc="${genuine.hash}"] td[data-state="valid"]`).count()).toBe(1);
      expect(await pc.locator(`[data-training-docs] tr[data-training-doc="${st.hash}"] td[data-state="untrusted"]`).count()).toBe(1);
      // 培训记录 shows the learner, signed; never the refused or uncounted ones.
      const rows = () => pc.locator('[data-rows] tr').allInnerTexts();
      await expect.poll(rows).toEqual([expect.stringContaining(`${LEARNER.name}（${LEARNER.employeeNo}）`)]);
      expect((await rows())[0]).toContain('\t已签署\t');
    },
  );
});
