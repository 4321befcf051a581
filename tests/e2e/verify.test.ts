// /verify/ on a manager's device: the trust list is imported, then the app's three kinds of signed
// document verify; an unenrolled signer, a forged score and a decompression bomb are refused in
// plain Chinese while the page stays responsive.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../support/browser';
import { canonicalJson } from '../../src/domain/canonical-json';
import { enrolled, inspectionDocument, makePki, pdfWith, reportPdf, selfSigned, type Pki } from '../support/signing-fixture';

const base = inject('baseUrl');
const dir = mkdtempSync(path.join(tmpdir(), 'verify-e2e-'));
let browser: Browser;
let page: Page;
let pki: Pki;
const file = (name: string, bytes: Uint8Array | string) => {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
};

beforeAll(async () => {
  pki = await makePki();
  browser = await launchBrowser();
  page = await browser.newPage({ locale: 'zh-CN' });
}, 120_000);
afterAll(async () => browser?.close());

async function verdictOf(p: string): Promise<{ kind: string; title: string; text: string }> {
  await page.evaluate(() => (document.querySelector('report-verifier') as HTMLElement).removeAttribute('data-verdict'));
  await page.locator('[data-file]').setInputFiles(p);
  await page.locator('report-verifier[data-verdict]:not([data-verdict=""])').waitFor({ timeout: 60_000 });
  return {
    kind: (await page.locator('report-verifier').getAttribute('data-verdict'))!,
    title: await page.locator('.verdict h2').innerText(),
    text: await page.locator('.verdict').innerText(),
  };
}

describe('the report checker page', () => {
  it('imports the company trust list and refuses a forged one', async () => {
    await page.goto(`${base}/verify/`);
    await page.locator('report-verifier[data-state="ready"]').waitFor();
    const forged = { ...pki.signedTrust, list: { ...pki.signedTrust.list, revocations: [] as never[], sequence: 7 } };
    await page.locator('[data-trust-file]').setInputFiles(file('forged-trust.json', JSON.stringify(forged)));
    await page.locator('[data-trust-message]', { hasText: '未导入' }).waitFor();
    expect(await page.locator('trust-list-import').getAttribute('data-trust')).toBe('none');
    await page.locator('[data-trust-file]').setInputFiles(file('trust.json', JSON.stringify(pki.signedTrust)));
    await page.locator('[data-trust-message]', { hasText: '已导入第 1 版' }).waitFor();
    expect(await page.locator('[data-trust-status]').innerText()).toContain('示例物业');
  });

  it('verifies an inspection report, a monthly report and a training certificate', async () => {
    const report = await verdictOf(file('report.pdf', await reportPdf(inspectionDocument(), pki.inspector)));
    expect(report).toMatchObject({ kind: 'valid', title: '有效' });
    expect(report.text).toContain('签名人「王品质」（平板 03）');
    const manager = await enrolled(pki.root, '赵经理', new Date('2026-06-01T00:00:00Z'));
    const monthly = await pdfWith({ name: 'monthly-report.json', json: canonicalJson({ month: '2026-11' }) }, manager);
    expect(await verdictOf(file('monthly.pdf', monthly))).toMatchObject({ kind: 'valid' });
    const learner = await enrolled(pki.root, '刘新员', new Date('2026-06-01T00:00:00Z'));
    const cert = await pdfWith({ name: 'training-record.json', json: canonicalJson({ learner: { name: '刘新员' } }) }, learner);
    const c = await verdictOf(file('certificate.pdf', cert));
    expect(c.kind).toBe('valid');
    expect(c.text).toContain('培训合格证明');
  }, 60_000);

  it('says who is not enrolled, and what was forged', async () => {
    const self = await verdictOf(file('self.pdf', await reportPdf(inspectionDocument(), await selfSigned('王品质'))));
    expect(self).toMatchObject({ kind: 'untrusted', title: '签名完整但签名人未登记' });
    // A record naming someone other than the certificate's subject is refused as forged.
    const renamed = inspectionDocument('赵经理');
    const r = await verdictOf(file('renamed.pdf', await reportPdf(renamed, pki.inspector)));
    expect(r).toMatchObject({ kind: 'tampered', title: '已被改动' });
    expect(r.text).toContain('记录中的检查人为「赵经理」，证书为「王品质」');
  }, 60_000);

  it('refuses a decompression bomb without freezing the page', async () => {
    const big = `{"pad":"${' '.repeat(40 * 1024 * 1024)}"}`;
    const bomb = file('bomb.pdf', await pdfWith({ name: 'inspection-record.json', json: big }, pki.inspector));
    await page.evaluate(() => (document.querySelector('report-verifier') as HTMLElement).removeAttribute('data-verdict'));
    await page.locator('[data-file]').setInputFiles(bomb);
    // While the worker inflates, the page still answers at once.
    const t = Date.now();
    expect(await page.evaluate(() => document.title)).toContain('验证报告');
    expect(Date.now() - t).toBeLessThan(2_000);
    await page.locator('report-verifier[data-verdict]:not([data-verdict=""])').waitFor({ timeout: 60_000 });
    expect(await page.locator('report-verifier').getAttribute('data-verdict')).toBe('tampered');
    expect(await page.locator('.verdict').innerText()).toContain('压缩炸弹');
  }, 120_000);
});
