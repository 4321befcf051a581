// A trust list reaches documents already collected: a manager collects enrolled inspectors'
// reports before having the trust list (未登记, left out of the month), imports the list (they
// become 有效 and count), then a newer list revoking one inspector's certificate as of an earlier
// date (that inspector's reports are flagged and leave the month), and a third list imported on
// /verify/ reaches the collection when /reports/ opens. Every change is said on screen, survives
// a reload, and re-importing a file stays a duplicate.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../support/browser';
import { enrolled, pdfWith } from '../support/signing-fixture';
import { createCompanyRoot, certificateSerial } from '../../src/adapters/signing/ca';
import { signTrustList, toBase64 } from '../../src/adapters/signing/trust-list';
import { certificateFingerprint } from '../../src/adapters/signing/verify-report';
import type { ChecklistTemplate } from '../../src/domain/checklist';
import { finalize, newInspection, setAnswer } from '../../src/domain/inspection';
import { reportDocument, reportDocumentJson } from '../../src/domain/report-document';
import type { TrustList } from '../../src/schemas/trust-list';

const base = inject('baseUrl');
const dir = mkdtempSync(path.join(tmpdir(), 'trust-recheck-'));
const COMPANY = '翠湖物业';
const INSPECTORS = ['李品质', '张巡查'] as const;
let browser: Browser;
let page: Page;
const reports: string[] = [];
let trust1: string;
let trust2: string;
let trust3: string;

beforeAll(async () => {
  const templates = JSON.parse(readFileSync('dist/templates.json', 'utf8')) as ChecklistTemplate[];
  const t = templates.find((x) => x.kind === 'inspection')!;
  const root = await createCompanyRoot(COMPANY, new Date('2026-01-01T00:00:00Z'));
  const ids = await Promise.all(INSPECTORS.map((name) => enrolled(root, name, new Date('2026-06-01T00:00:00Z'))));
  // Three reports in November 2026: two by 李品质, one by 张巡查.
  for (const [i, who] of [0, 0, 1].entries()) {
    const name = INSPECTORS[who]!;
    const at = `2026-11-${String(10 + i).padStart(2, '0')}T10:00:00.000+08:00`;
    let r = newInspection(t, { templateId: t.id, project: '翠湖花园', area: '服务中心', inspector: name, inspectedAt: at }, `rc-${i}`, at);
    for (const item of t.sections.flatMap((s) => s.items))
      r = setAnswer(
        r,
        item.id,
        item.kind === 'check' ? { result: 'pass' } : item.kind === 'deduct' ? { result: 'findings', findings: 0 } : { result: 'na' },
        at,
      );
    const doc = reportDocument(finalize(t, r, at), [], [{ role: '检查人', name, signedAt: at }]);
    const pdf = await pdfWith({ name: 'inspection-record.json', json: reportDocumentJson(doc) }, ids[who]!, {
      date: new Date(Date.parse(at) + 60_000),
      signerName: name,
    });
    const file = path.join(dir, `report-${i + 1}-${name}.pdf`);
    writeFileSync(file, pdf);
    reports.push(file);
  }
  const list: TrustList = {
    format: 'wuye-trust-list',
    version: 1,
    company: COMPANY,
    sequence: 1,
    issuedAt: '2026-06-01T00:00:00.000Z',
    root: toBase64(root.certificate),
    revocations: [],
  };
  trust1 = path.join(dir, 'trust-1.json');
  writeFileSync(trust1, JSON.stringify(await signTrustList(list, root.privateKey)));
  // The tablet 李品质 used was lost; the department revokes the certificate as of 1 November.
  const lost = ids[0]!.certificate;
  const revoked: TrustList = {
    ...list,
    sequence: 2,
    issuedAt: '2026-12-01T00:00:00.000Z',
    revocations: [
      {
        serial: certificateSerial(lost),
        fingerprint: await certificateFingerprint(lost),
        name: INSPECTORS[0],
        device: '平板 03',
        revokedAt: '2026-11-01T00:00:00.000Z',
        reason: '平板遗失',
      },
    ],
  };
  trust2 = path.join(dir, 'trust-2.json');
  writeFileSync(trust2, JSON.stringify(await signTrustList(revoked, root.privateKey)));
  // Then 张巡查 leaves the company; revoked as of 1 November too, published on another page.
  const left = ids[1]!.certificate;
  const revoked3: TrustList = {
    ...revoked,
    sequence: 3,
    issuedAt: '2026-12-02T00:00:00.000Z',
    revocations: [
      ...revoked.revocations,
      {
        serial: certificateSerial(left),
        fingerprint: await certificateFingerprint(left),
        name: INSPECTORS[1],
        device: '平板 03',
        revokedAt: '2026-11-01T00:00:00.000Z',
        reason: '人员离职',
      },
    ],
  };
  trust3 = path.join(dir, 'trust-3.json');
  writeFileSync(trust3, JSON.stringify(await signTrustList(revoked3, root.privateKey)));
  browser = await launchBrowser();
  page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1024, height: 900 } });
}, 120_000);
afterAll(async () => browser?.close());

/** Renders November and returns the number of inspections it counts (0 when the month is empty). */
async function novemberCount(): Promise<number> {
  await page.evaluate(() => (document.querySelector('monthly-report') as HTMLElement).removeAttribute('data-rendered'));
  await page.fill('input[name=month]', '2026-11');
  await page.getByRole('button', { name: '生成报告' }).click();
  await page.locator('monthly-report[data-rendered]').waitFor();
  if ((await page.locator('monthly-report').getAttribute('data-rendered')) === 'empty') return 0;
  return Number(await page.locator('.monthly-section').first().locator('tbody tr').first().locator('td').first().innerText());
}

/** Imports a trust list and waits for the collection to finish checking its documents again. */
async function importTrust(file: string): Promise<string> {
  const before = Number((await page.locator('document-collection').getAttribute('data-rechecked')) ?? 0);
  await page.locator('[data-trust-file]').setInputFiles(file);
  await page.locator(`document-collection[data-rechecked="${before + 1}"]`).waitFor({ timeout: 90_000 });
  return page.locator('[data-progress-text]').innerText();
}

const rowText = (file: string) => page.locator('[data-collection] tr', { hasText: path.basename(file) }).innerText();

describe('a trust list reaches documents already collected', () => {
  it('reports collected before the trust list count once it is imported', async () => {
    await page.goto(`${base}/reports/`);
    await page.locator('monthly-report[data-state="ready"]').waitFor();
    await page.locator('[data-files]').setInputFiles(reports);
    await page.locator('[data-progress-text]', { hasText: '共 3 个文件' }).waitFor({ timeout: 90_000 });
    expect(await page.locator('[data-progress-text]').innerText()).toContain('未登记 3');
    expect(await novemberCount()).toBe(0);
    const text = await importTrust(trust1);
    expect(text).toBe('信任列表已更新：3 份文件重新核验，3 份现已验证有效，计入报告。');
    expect(await novemberCount()).toBe(3);
    await page.locator('details.collection summary').click();
    expect(await rowText(reports[0]!)).toContain('计入报告');
  }, 180_000);

  it('a revocation dated before the reports flags them and takes them out of the month', async () => {
    const text = await importTrust(trust2);
    expect(text).toBe('信任列表已更新：3 份文件重新核验，2 份因证书吊销不再计入。');
    expect(await novemberCount()).toBe(1);
    for (const f of reports.slice(0, 2)) {
      const row = await rowText(f);
      expect(row).toContain('签名证书已被公司吊销');
      expect(row).toContain('2026-11-01 起吊销：平板遗失');
      expect(row).toContain('未计入');
    }
    expect(await rowText(reports[2]!)).toContain('计入报告');
  }, 180_000);

  it('keeps the new verdicts across a reload, checks nothing again, and a re-import stays a duplicate', async () => {
    await page.reload();
    await page.locator('monthly-report[data-state="ready"]').waitFor();
    expect(await novemberCount()).toBe(1);
    expect(await page.locator('document-collection').getAttribute('data-recheck')).toBeNull();
    await page.locator('[data-files]').setInputFiles(reports[0]!);
    await page.locator('[data-progress-text]', { hasText: '共 1 个文件' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-progress-text]').innerText()).toContain('重复 1');
    expect(await novemberCount()).toBe(1);
  }, 180_000);

  it('a list imported on /verify/ reaches the collection when /reports/ opens again', async () => {
    await page.goto(`${base}/verify/`);
    await page.locator('report-verifier[data-state="ready"]').waitFor();
    await page.locator('[data-trust-file]').setInputFiles(trust3);
    await page.locator('[data-trust-message]', { hasText: '已更新到第 3 版' }).waitFor();
    await page.goto(`${base}/reports/`);
    await page.locator('document-collection[data-recheck="done"]').waitFor({ timeout: 90_000 });
    expect(await page.locator('[data-progress-text]').innerText()).toBe('信任列表已更新：3 份文件重新核验，1 份因证书吊销不再计入。');
    expect(await novemberCount()).toBe(0);
  }, 180_000);
});
