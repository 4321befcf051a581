// Browser-test helpers for the real signing flow on a tablet, as its user does it: a person enrols
// on /enrol/ (the quality department's part runs here in Node with the app's own code), starts a
// record from the list, fills it in, draws the signatures and signs the report with their PIN.
// Shared by the record-life and sync suites.
import type { Locator, Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { issueCertificate, type KeyPairAndCertificate } from '../../src/adapters/signing/ca';
import { checkRequest, readEnrolmentMessage, responseFile } from '../../src/adapters/signing/enrolment';
import { signTrustList, toBase64 } from '../../src/adapters/signing/trust-list';
import type { SignedTrustList } from '../../src/schemas/trust-list';
import { drawSignature, signBoth } from './tablet';

export interface Person {
  name: string;
  device: string;
  pin: string;
}

export interface FlowOptions {
  base: string;
  /** Where downloads are saved. */
  dir: string;
  company: string;
  /** The company root issuing the certificates (made in the suite's beforeAll). */
  root: () => KeyPairAndCertificate;
  /** Start of the certificates' validity. */
  validFrom: Date;
}

/** The company's trust list `sequence` signed by `root` (no revocations), as the quality department issues it. */
export function trustListOf(root: KeyPairAndCertificate, company: string, sequence: number, issuedAt: Date): Promise<SignedTrustList> {
  return signTrustList(
    {
      format: 'wuye-trust-list',
      version: 1,
      company,
      sequence,
      issuedAt: issuedAt.toISOString(),
      root: toBase64(root.certificate),
      revocations: [],
    },
    root.privateKey,
  );
}

export function signingFlow(o: FlowOptions) {
  async function download(page: Page, button: Locator, name: string, timeout = 90_000): Promise<string> {
    const [d] = await Promise.all([page.waitForEvent('download', { timeout }), button.click()]);
    const file = path.join(o.dir, name);
    await d.saveAs(file);
    return file;
  }

  /** Enrols a person on their device: the request leaves as a file, the department (here) issues it. */
  async function enrol(page: Page, who: Person): Promise<void> {
    await page.goto(`${o.base}/enrol/`);
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
    const certificate = await issueCertificate(
      o.root(),
      { publicKey: checked.spki, names: { ...checked.names, organization: o.company } },
      o.validFrom,
      { notBefore: o.validFrom },
    );
    const response = path.join(o.dir, `certificate-${who.name}.json`);
    writeFileSync(response, responseFile(certificate, o.root().certificate));
    await page.locator('qr-reader[data-for="certificate"] [data-qr-file]').setInputFiles(response);
    await page.locator('[data-import-status]', { hasText: `已导入「${who.name}」的证书` }).waitFor({ timeout: 30_000 });
  }

  /** Starts a record from the list with the header filled in; returns its page URL. */
  async function start(page: Page, title: string, project: string, area: string, who: Person): Promise<string> {
    page.removeAllListeners('dialog');
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${o.base}/inspections/`);
    await page.locator('inspection-list[data-state="ready"]').waitFor();
    await page.getByRole('radio', { name: title }).check(); // not the list's 删除 buttons, which name the title too
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

  async function chooseSigner(scope: Locator, who: Person): Promise<void> {
    await scope.locator('signer-choice[data-state="ready"]').waitFor();
    await scope.getByLabel('用谁的证书签名').selectOption({ label: `${who.name} · ${who.device}（已登记）` });
    await scope.getByLabel('PIN（本人的签名密码）').fill(who.pin);
  }

  /** Signs the finalised record's report on its page and saves the download. */
  async function signReport(page: Page, who: Person, name: string, survey = false): Promise<string> {
    const maker = page.locator('[data-report]');
    await maker.waitFor();
    if (survey) await drawSignature(page, 'inspector');
    else await signBoth(page, maker);
    await chooseSigner(maker, who);
    const file = await download(
      page,
      maker.getByRole('button', { name: survey ? '生成签名调查报告（PDF）' : '生成签名报告（PDF）' }),
      name,
    );
    expect(await maker.locator('[data-report-status]').innerText()).toContain(`签名人：${who.name}。`);
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toContain('Signature is Valid');
    return file;
  }

  return { download, enrol, start, inspectWithOneFailure, chooseSigner, signReport };
}
