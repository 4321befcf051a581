// The supervisor's PC sees every phone: two phones (two browser contexts), offline, each with a
// new learner of another post, sign off with the real signing flow (typed name, keyboard) and hand
// over their certificates, one as a PDF, one inside a ZIP. The PC imports both and shows one row
// per learner and post, filterable, sortable, with CSV. Then enrolled learners' certificates
// (signed in Node by a company root) count, and when the trust list revokes one of them (imported
// on the page, or on /verify/ before the page opens) that certificate is checked again and stops
// counting. Reading a page for real is covered by training.test.ts; here the phones' reading
// evidence is written straight into their learner records so the test is about the hand-over.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { launchBrowser } from '../support/browser';
import { newLearner, studied } from '../support/training-learner';
import { enrolled, pdfWith } from '../support/signing-fixture';
import { certificateSerial, createCompanyRoot } from '../../src/adapters/signing/ca';
import { signTrustList, toBase64 } from '../../src/adapters/signing/trust-list';
import { certificateFingerprint } from '../../src/adapters/signing/verify-report';
import { canonicalJson } from '../../src/domain/canonical-json';
import type { TrustList } from '../../src/schemas/trust-list';
import { trainingDocumentSchema, type TrainingDocument } from '../../src/schemas/training-document';

const base = inject('baseUrl');
const dir = mkdtempSync(path.join(tmpdir(), 'training-supervisor-'));
const PHONES = [
  { name: '李芳', employeeNo: 'BJ031', post: 'cleaning', postName: '清洁保洁' },
  { name: '王强', employeeNo: 'BJ045', post: 'security-patrol', postName: '安防巡逻' },
] as const;
let browser: Browser;
const certificates: string[] = []; // the phones' signed PDFs, in PHONES order

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync('.cache/shots', { recursive: true });
});
afterAll(async () => browser?.close());

async function phone(): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({
    viewport: { width: 360, height: 740 },
    hasTouch: true,
    isMobile: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  return { ctx, page: await ctx.newPage() };
}

/** Waits until the service worker has stored the precache, so the site works with the network off. */
async function offlineReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (reg.active?.state !== 'activated')
      await new Promise<void>((resolve) =>
        reg.active!.addEventListener('statechange', () => reg.active!.state === 'activated' && resolve()),
      );
  });
}

async function saved(download: Promise<Download>, name: string): Promise<string> {
  const file = path.join(dir, name);
  await (await download).saveAs(file);
  return file;
}

/** The training record attached to a signed certificate. */
function attachedRecord(pdf: string): TrainingDocument {
  const out = path.join(dir, `${path.basename(pdf)}.json`);
  execFileSync('pdfdetach', ['-save', '1', '-o', out, pdf]);
  return trainingDocumentSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
}

describe('two phones hand their certificates to the supervisor’s PC', () => {
  for (const [i, who] of PHONES.entries()) {
    it(
      `phone ${i + 1}: a new ${who.postName} employee signs off offline with a typed name from the keyboard`,
      { timeout: 120_000 },
      async () => {
        const { ctx, page } = await phone();
        await page.goto(`${base}/training/`);
        await offlineReady(page);
        await ctx.setOffline(true);
        await page.reload();
        expect(await page.evaluate(() => navigator.onLine)).toBe(false);
        await newLearner(page, who);
        await page.goto(`${base}/training/${who.post}/`);
        await page.locator('training-path[data-state="ready"]').waitFor();
        expect(await page.locator('[data-sign-off]').isDisabled()).toBe(true);
        await studied(page, who.employeeNo);
        await page.reload();
        await page.locator('training-path[data-state="ready"]').waitFor();
        expect(await page.locator('[data-blockers] li').count()).toBe(0);
        await page.getByLabel('不便手写时，输入本人姓名签署').fill(who.name);
        await page.locator('[data-sign-off]').scrollIntoViewIfNeeded();
        await page.screenshot({ path: `.cache/shots/training-signoff-phone-${i + 1}.png` });
        await page.getByRole('button', { name: '签署并生成培训合格证明（PDF）' }).focus();
        const downloading = page.waitForEvent('download', { timeout: 60_000 });
        await page.keyboard.press('Enter');
        const file = await saved(downloading, `phone-${i + 1}.pdf`);
        await page.locator('training-path[data-signed="yes"]').waitFor();
        expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toContain('Signature is Valid');
        expect(attachedRecord(file)).toMatchObject({
          learner: { name: who.name, employeeNo: who.employeeNo },
          signOff: { post: who.post },
        });
        certificates.push(file);
        await ctx.close();
      },
    );
  }

  let pc: Page;
  const root = createCompanyRoot('示例物业', new Date('2026-01-01T00:00:00Z'));
  const trustFiles: string[] = [];
  const ENROLLED = [
    { name: '赵敏', employeeNo: 'BJ052' },
    { name: '孙丽', employeeNo: 'BJ060' },
  ] as const;
  const enrolledFiles: string[] = [];

  /** Rows of the supervisor's table, as text per row. */
  const rows = () => pc.locator('[data-rows] tr').allInnerTexts();
  const rowOf = (employeeNo: string) => pc.locator('[data-rows] tr', { hasText: `（${employeeNo}）` });

  it('the PC imports one phone’s PDF and the other’s ZIP, and shows both learners once included', { timeout: 120_000 }, async () => {
    const zip = path.join(dir, 'phone-2-certificates.zip');
    writeFileSync(zip, zipSync({ [path.basename(certificates[1]!)]: readFileSync(certificates[1]!) }));
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    pc = await ctx.newPage();
    await pc.goto(`${base}/training/records/`);
    await pc.locator('training-records[data-state="ready"]').waitFor();
    await pc.locator('training-import[data-state="ready"]').waitFor();
    await pc.locator('[data-training-files]').setInputFiles([certificates[0]!, zip]);
    await pc.locator('[data-training-progress]', { hasText: '完成：共 2 个文件' }).waitFor({ timeout: 60_000 });
    // Phones sign with one-time keys (not enrolled): kept, but counted only when the supervisor says so.
    expect(await pc.locator('[data-training-log] li[data-outcome="untrusted"]').count()).toBe(2);
    expect(await rows()).toEqual([]);
    await pc.locator('details.collection summary').click();
    // 仍然计入, one after the other (the list is drawn again after each choice).
    for (let n = 1; n <= 2; n++) {
      await pc.locator('[data-training-docs] input[data-include]:not(:checked)').first().click();
      await pc
        .locator('[data-training-docs] input[data-include]:checked')
        .nth(n - 1)
        .waitFor();
    }
    await expect.poll(rows).toHaveLength(2); // one row per learner and post
    for (const who of PHONES) {
      const row = await rowOf(who.employeeNo).innerText();
      expect(row).toContain(`${who.name}（${who.employeeNo}）`);
      expect(row).toContain(who.postName);
      expect(row).toContain('已签署');
      expect(row).toContain('导入的证书');
    }
    await pc.screenshot({ path: '.cache/shots/training-records-pc.png', fullPage: true });
  });

  it('filters, sorts and exports what is shown as CSV', async () => {
    await pc.getByLabel('岗位').selectOption('security-patrol');
    expect(await rows()).toEqual([expect.stringContaining('王强（BJ045）')]);
    await pc.getByLabel('岗位').selectOption('');
    await pc.getByLabel('姓名或工号').fill('BJ031');
    expect(await rows()).toEqual([expect.stringContaining('李芳（BJ031）')]);
    await pc.getByLabel('姓名或工号').fill('');
    await pc.locator('button[data-sort="post"]').click();
    expect(await pc.locator('th[data-sort-col="post"]').getAttribute('aria-sort')).toBe('ascending');
    const ascending = (await rows()).map((r) => r.split('\t')[1]);
    await pc.locator('button[data-sort="post"]').click();
    expect(await pc.locator('th[data-sort-col="post"]').getAttribute('aria-sort')).toBe('descending');
    expect((await rows()).map((r) => r.split('\t')[1])).toEqual([...ascending].reverse());
    const [download] = await Promise.all([pc.waitForEvent('download'), pc.getByRole('button', { name: '导出 CSV（当前筛选）' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff); // BOM, for Excel
    const lines = csv.slice(1).trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^姓名,工号,岗位,/);
    // In the order shown (岗位, descending).
    expect(lines.slice(1).map((l) => l.split(',')[2])).toEqual([...ascending].reverse());
    for (const who of PHONES)
      expect(csv).toMatch(new RegExp(`${who.name},${who.employeeNo},${who.postName},\\d+,\\d+,95\\.0,1,\\d{4}-\\d{2}-\\d{2},0,已签署`));
  });

  it('enrolled learners’ certificates count once the company trust list is on the PC', { timeout: 120_000 }, async () => {
    const company = await root;
    const ids = await Promise.all(ENROLLED.map((e) => enrolled(company, e.name, new Date('2026-06-01T00:00:00Z'))));
    const signedAt = new Date();
    for (const [i, e] of ENROLLED.entries()) {
      // The phones' own records, as if these learners had studied the same paths on enrolled phones.
      const data = { ...attachedRecord(certificates[i]!), learner: { name: e.name, employeeNo: e.employeeNo } };
      if (i === 1) {
        // 孙丽 signed an older version of one of her pages: it changed since, so she must re-read and re-sign.
        const changed = Object.keys(data.signOff.versions)[0]!;
        data.signOff.versions[changed] = 'older-version';
        data.reads[changed]!.version = 'older-version';
      }
      const file = path.join(dir, `enrolled-${e.employeeNo}.pdf`);
      writeFileSync(
        file,
        await pdfWith({ name: 'training-record.json', json: canonicalJson(data) }, ids[i]!, { date: signedAt, signerName: e.name }),
      );
      enrolledFiles.push(file);
    }
    const list: TrustList = {
      format: 'wuye-trust-list',
      version: 1,
      company: '示例物业',
      sequence: 1,
      issuedAt: '2026-06-01T00:00:00.000Z',
      root: toBase64(company.certificate),
      revocations: [],
    };
    const revocation = async (k: number, reason: string) => ({
      serial: certificateSerial(ids[k]!.certificate),
      fingerprint: await certificateFingerprint(ids[k]!.certificate),
      name: ENROLLED[k]!.name,
      device: '手机 0' + (k + 1),
      revokedAt: '2026-07-01T00:00:00.000Z',
      reason,
    });
    const lists: TrustList[] = [list];
    lists.push({ ...list, sequence: 2, issuedAt: '2026-08-01T00:00:00.000Z', revocations: [await revocation(0, '手机遗失')] });
    lists.push({
      ...lists[1]!,
      sequence: 3,
      issuedAt: '2026-09-01T00:00:00.000Z',
      revocations: [...lists[1]!.revocations, await revocation(1, '人员离职')],
    });
    for (const [i, l] of lists.entries()) {
      trustFiles.push(path.join(dir, `trust-${i + 1}.json`));
      writeFileSync(trustFiles[i]!, JSON.stringify(await signTrustList(l, company.privateKey)));
    }

    // The phones' certificates were decided without a trust list; the first list checks them again.
    await pc.locator('[data-trust-file]').setInputFiles(trustFiles[0]!);
    await pc.locator('training-import[data-rechecked="1"]').waitFor({ timeout: 60_000 });
    // Their inclusion was a choice about 未导入信任列表; now they are self-signed: it lapses and is asked again.
    expect(await pc.locator('[data-training-progress]').innerText()).toBe(
      '信任列表已更新：2 份文件重新核验，2 份因签名人不在信任列表中不再计入。',
    );
    await expect.poll(rows).toEqual([]);
    await pc.locator('[data-training-files]').setInputFiles(enrolledFiles);
    await pc.locator('[data-training-progress]', { hasText: '完成：共 2 个文件' }).waitFor({ timeout: 60_000 });
    expect(await pc.locator('[data-training-log] li[data-outcome="added"]').count()).toBe(2);
    await expect.poll(rows).toHaveLength(2);
    expect(await rowOf(ENROLLED[0].employeeNo).innerText()).toContain('\t已签署\t');
    // The supervisor sees who is out of date, whichever device the learner signed on.
    expect(await rowOf(ENROLLED[1].employeeNo).innerText()).toContain('内容已更新，需重新签署');
    await pc.getByLabel('状态').selectOption('outdated');
    expect(await rows()).toEqual([expect.stringContaining(`${ENROLLED[1].name}（${ENROLLED[1].employeeNo}）`)]);
    await pc.getByLabel('状态').selectOption('');
  });

  it('a revocation imported on the page takes the revoked learner’s certificate out, and it stays out', { timeout: 120_000 }, async () => {
    await pc.locator('[data-trust-file]').setInputFiles(trustFiles[1]!);
    await pc.locator('training-import[data-rechecked="2"]').waitFor({ timeout: 60_000 });
    expect(await pc.locator('[data-training-progress]').innerText()).toBe('信任列表已更新：4 份文件重新核验，1 份因证书吊销不再计入。');
    await expect.poll(rows).toEqual([expect.stringContaining(`${ENROLLED[1].name}（${ENROLLED[1].employeeNo}）`)]);
    const cert = pc.locator('[data-training-docs] tr', { hasText: `${ENROLLED[0].name}（${ENROLLED[0].employeeNo}）` });
    expect(await cert.locator('td[data-state]').innerText()).toContain('签名证书已被公司吊销');
    await pc.reload();
    await pc.locator('training-records[data-state="ready"]').waitFor();
    await pc.locator('training-import[data-state="ready"]').waitFor();
    expect(await rowOf(ENROLLED[0].employeeNo).count()).toBe(0);
    expect(await rowOf(ENROLLED[1].employeeNo).count()).toBe(1);
    // Already checked with this list: nothing is checked again on opening.
    expect(await pc.locator('training-import').getAttribute('data-rechecked')).toBeNull();
    // Re-importing the revoked certificate is a duplicate, not a new counted copy.
    await pc.locator('[data-training-files]').setInputFiles(enrolledFiles[0]!);
    await pc.locator('[data-training-log] li[data-outcome="duplicate"]').waitFor({ timeout: 60_000 });
    expect(await rowOf(ENROLLED[0].employeeNo).count()).toBe(0);
  });

  it('a list imported on /verify/ reaches the certificates when /training/records/ opens', { timeout: 120_000 }, async () => {
    await pc.goto(`${base}/verify/`);
    await pc.locator('trust-list-import [data-trust-file]').setInputFiles(trustFiles[2]!);
    await pc.locator('[data-trust-message]', { hasText: '第 3 版' }).waitFor();
    await pc.goto(`${base}/training/records/`);
    await pc.locator('training-import[data-rechecked="1"]').waitFor({ timeout: 60_000 });
    expect(await pc.locator('[data-training-progress]').innerText()).toBe('信任列表已更新：4 份文件重新核验，1 份因证书吊销不再计入。');
    await expect.poll(rows).toEqual([]);
  });
});
