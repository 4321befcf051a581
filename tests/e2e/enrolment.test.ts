// The company chain of trust tried as new users would, on two devices (two browser contexts):
// the quality department creates the root, two inspectors enrol on one shared tablet (one by
// file, one by QR read from a picture of the code), each signs a report with their PIN, a wrong
// PIN signs nothing, and the manager imports the trust list.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../support/browser';
import type { ChecklistTemplate } from '../../src/domain/checklist';
import { openReport as openTabletReport, storeFinished as storeTablet } from '../support/tablet';

const base = inject('baseUrl');
const dir = mkdtempSync(path.join(tmpdir(), 'enrol-'));
const PASS = '翠湖花园品质部二〇二六年';
const INSPECTORS = [
  { name: '李品质', pin: '302417', device: '平板 03 · 翠湖花园服务中心', by: 'file' },
  { name: '张巡查', pin: '518204', device: '平板 03 · 翠湖花园服务中心', by: 'qr' },
] as const;
let browser: Browser;
let dept: BrowserContext;
let tablet: BrowserContext;
let deptPage: Page;
let tabletPage: Page;
const files: Record<string, string> = {};
const reports: string[] = [];

/** Clicks and saves the download it starts. */
async function download(page: Page, button: Locator, name: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const file = path.join(dir, name);
  await d.saveAs(file);
  return file;
}

beforeAll(async () => {
  browser = await launchBrowser();
  const opts = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true };
  dept = await browser.newContext({ ...opts, viewport: { width: 1024, height: 900 } });
  tablet = await browser.newContext({ ...opts, viewport: { width: 768, height: 1024 }, hasTouch: true });
  deptPage = await dept.newPage();
  tabletPage = await tablet.newPage();
}, 60_000);
afterAll(async () => browser?.close());

const storeFinished = (page: Page, t: ChecklistTemplate, id: string, inspector: string, at: string) =>
  storeTablet(base, page, t, id, inspector, at);
const openReport = (page: Page, templateId: string, id: string) => openTabletReport(base, page, templateId, id);

describe('company chain of trust on two devices', () => {
  it('the quality department creates the root with one backup file, and exports the PEM', async () => {
    await deptPage.goto(`${base}/trust/`);
    await deptPage.locator('trust-admin[data-state="ready"][data-root="no"]').waitFor();
    const create = deptPage.locator('[data-create]');
    await create.getByLabel('备份口令（至少 12 个字符）').fill('太短的口令');
    await create.getByLabel('再次输入备份口令').fill('太短的口令');
    await create.getByRole('button', { name: '创建根证书并下载备份' }).click();
    expect(await deptPage.locator('[data-root-status]').innerText()).toContain('至少 12 个字符');
    await create.getByLabel('备份口令（至少 12 个字符）').fill(PASS);
    await create.getByLabel('再次输入备份口令').fill(PASS);
    files.backup = await download(deptPage, create.getByRole('button', { name: '创建根证书并下载备份' }), 'company-root-backup.json');
    await deptPage.locator('trust-admin[data-root="yes"]').waitFor();
    const backup = JSON.parse(readFileSync(files.backup, 'utf8'));
    expect(backup).toMatchObject({ format: 'wuye-root-backup', kdf: { name: 'PBKDF2', hash: 'SHA-256' }, cipher: { name: 'AES-GCM' } });
    expect(backup.kdf.iterations).toBeGreaterThanOrEqual(600_000);
    expect(await deptPage.locator('[data-root-facts]').innerText()).toMatch(/证书指纹（SHA-256）\s*([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    files.pem = await download(deptPage, deptPage.getByRole('button', { name: '导出根证书（PEM）' }), 'company-root.pem');
    expect(readFileSync(files.pem, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(await deptPage.locator('.trust-howto').innerText()).toContain(
      'certutil -A -d sql:证书库 -n root -t "CT,C,C" -a -i company-root.pem',
    );
  }, 120_000);

  it('two inspectors enrol on the shared tablet, one by file and one by QR code', async () => {
    await tabletPage.goto(`${base}/enrol/`);
    await tabletPage.locator('enrol-tablet[data-state="ready"]').waitFor();
    const form = tabletPage.locator('[data-enrol]');
    await form.getByLabel('检查员姓名').fill('李品质');
    await form.getByLabel('设备名称').fill(INSPECTORS[0].device);
    await form.getByLabel('设置 PIN').fill('111111');
    await form.getByLabel('再次输入 PIN').fill('111111');
    await form.getByRole('button', { name: '生成登记申请' }).tap();
    expect(await form.locator('[data-enrol-status]').innerText()).toContain('太容易被猜到');

    for (const who of INSPECTORS) {
      await form.getByLabel('检查员姓名').fill(who.name);
      await form.getByLabel('设置 PIN').fill(who.pin);
      await form.getByLabel('再次输入 PIN').fill(who.pin);
      await form.getByRole('button', { name: '生成登记申请' }).tap();
      const request = tabletPage.locator('[data-request]:not([hidden])');
      await request.waitFor({ timeout: 30_000 });
      const facts = await request.locator('[data-request-facts]').innerText();
      expect(facts).toContain(who.name);
      const fingerprint = /密钥指纹\s*([0-9A-F ]{79})/.exec(facts)![1]!;

      const reader = deptPage.locator('qr-reader[data-for="request"]');
      if (who.by === 'file') {
        const file = await download(tabletPage, request.getByRole('button', { name: '下载申请文件' }), `request-${who.name}.json`);
        // A request changed on its way is refused: its own signature fails.
        const json = JSON.parse(readFileSync(file, 'utf8'));
        const der = Buffer.from(json.request, 'base64');
        der[der.indexOf(Buffer.from(who.name))]! ^= 0x01;
        const forged = path.join(dir, 'forged-request.json');
        writeFileSync(forged, JSON.stringify({ ...json, request: der.toString('base64') }));
        await reader.locator('[data-qr-file]').setInputFiles(forged);
        await deptPage.locator('[data-request-status].save-error').waitFor();
        expect(await deptPage.locator('[data-request-status]').innerText()).toMatch(/签名验证失败|无法读取/);
        await reader.locator('[data-qr-file]').setInputFiles(file);
      } else {
        // No camera in headless Chromium: a picture of the QR code the tablet shows, read by the app.
        const shot = path.join(dir, `request-${who.name}.png`);
        await request.locator('[data-request-qr]').screenshot({ path: shot });
        await reader.locator('[data-qr-image]').setInputFiles(shot);
      }
      const card = deptPage.locator('[data-requests] li', { hasText: who.name });
      await card.waitFor({ timeout: 30_000 });
      // The department sees name, device and the same key fingerprint as the tablet.
      expect(await card.innerText()).toContain(who.device);
      expect(await card.innerText()).toContain(fingerprint);
      await card.getByRole('button', { name: '批准并签发证书' }).click();
      const response = deptPage.locator('[data-response]:not([hidden])');
      await deptPage.locator('[data-issued] li', { hasText: who.name }).waitFor();

      const importer = tabletPage.locator('qr-reader[data-for="certificate"]');
      if (who.by === 'file') {
        const cert = await download(deptPage, response.getByRole('button', { name: '下载证书文件' }), `certificate-${who.name}.json`);
        // The department device has no key for it: refused there, in words.
        await deptPage.goto(`${base}/enrol/`);
        await deptPage.locator('qr-reader[data-for="certificate"] [data-qr-file]').setInputFiles(cert);
        await deptPage.locator('[data-import-status].save-error').waitFor();
        expect(await deptPage.locator('[data-import-status]').innerText()).toContain('不是为本设备上任何一位检查员的密钥签发的');
        await deptPage.goto(`${base}/trust/`);
        await deptPage.locator('trust-admin[data-state="ready"]').waitFor();
        await importer.locator('[data-qr-file]').setInputFiles(cert);
      } else {
        const shot = path.join(dir, `certificate-${who.name}.png`);
        await response.locator('[data-response-qr]').screenshot({ path: shot });
        await importer.locator('[data-qr-image]').setInputFiles(shot);
      }
      await tabletPage.locator('[data-import-status]', { hasText: `已导入「${who.name}」的证书` }).waitFor({ timeout: 30_000 });
    }
    expect(await tabletPage.locator('[data-signers] li[data-status="enrolled"]').count()).toBe(2);
    await tabletPage.screenshot({ path: '.cache/shots/enrol-tablet.png', fullPage: true });
    await deptPage.screenshot({ path: '.cache/shots/trust-department.png', fullPage: true });
  }, 240_000);

  it('each inspector signs a report with their own PIN; a wrong PIN signs nothing', async () => {
    const templates = (await (await tabletPage.request.get(`${base}/templates.json`)).json()) as ChecklistTemplate[];
    const t = templates.find((x) => x.id === 'customer-service')!;
    for (const [i, who] of INSPECTORS.entries()) {
      await storeFinished(tabletPage, t, `e2e-${i}`, who.name, `2026-11-1${i + 2}T09:00:00.000+08:00`);
      const maker = await openReport(tabletPage, t.id, `e2e-${i}`);
      const select = maker.getByLabel('用谁的证书签名');
      const make = maker.getByRole('button', { name: '生成签名报告（PDF）' });
      const status = maker.locator('[data-report-status]');
      let downloads = 0;
      const count = () => downloads++;
      tabletPage.on('download', count);
      // Nothing is chosen for them: with enrolled inspectors on the tablet, the choice is explicit.
      await make.tap();
      await status.filter({ hasText: '请先在“用谁的证书签名”中选择自己的证书' }).waitFor();
      // The other inspector's certificate is refused for this record.
      const other = INSPECTORS[1 - i]!;
      await select.selectOption({ label: `${other.name} · ${other.device}（已登记）` });
      await maker.getByLabel('PIN（本人的签名密码）').fill(other.pin);
      await make.tap();
      await status.filter({ hasText: `所选证书属于「${other.name}」` }).waitFor();
      await select.selectOption({ label: `${who.name} · ${who.device}（已登记）` });
      await maker.getByLabel('PIN（本人的签名密码）').fill(other.pin);
      await make.tap();
      await status.filter({ hasText: 'PIN 不正确，未签名。还可再试 4 次' }).waitFor({ timeout: 30_000 });
      expect(downloads).toBe(0);
      tabletPage.off('download', count);
      await maker.getByLabel('PIN（本人的签名密码）').fill(who.pin);
      const file = await download(tabletPage, make, `report-${who.name}.pdf`);
      expect(await status.innerText()).toContain(`签名人：${who.name}。`);
      reports.push(file);
      const sig = execFileSync('pdfsig', [file], { encoding: 'utf8' });
      expect(sig).toContain('Signature is Valid');
      expect(sig).toContain(who.name);
    }
  }, 240_000);

  it('someone not enrolled still signs with the device key, as 未登记', async () => {
    const templates = (await (await tabletPage.request.get(`${base}/templates.json`)).json()) as ChecklistTemplate[];
    const t = templates.find((x) => x.id === 'customer-service')!;
    await storeFinished(tabletPage, t, 'e2e-guest', '赵临时', '2026-11-20T09:00:00.000+08:00');
    const maker = await openReport(tabletPage, t.id, 'e2e-guest');
    await maker.getByLabel('用谁的证书签名').selectOption('device');
    const file = await download(tabletPage, maker.getByRole('button', { name: '生成签名报告（PDF）' }), 'report-guest.pdf');
    expect(await maker.locator('[data-report-status]').innerText()).toContain('签名人：赵临时（本设备自签名，未登记）');
    reports.push(file);
  }, 120_000);

  it('five wrong PINs lock the key, with the time it opens again', async () => {
    const page = tabletPage;
    const maker = await openReport(page, 'customer-service', 'e2e-0');
    await maker.getByLabel('用谁的证书签名').selectOption({ label: `李品质 · ${INSPECTORS[0].device}（已登记）` });
    const status = maker.locator('[data-report-status]');
    for (const left of [4, 3, 2, 1]) {
      await maker.getByLabel('PIN（本人的签名密码）').fill('909090');
      await maker.getByRole('button', { name: '生成签名报告（PDF）' }).tap();
      await status.filter({ hasText: `还可再试 ${left} 次` }).waitFor({ timeout: 30_000 });
    }
    await maker.getByLabel('PIN（本人的签名密码）').fill('909090');
    await maker.getByRole('button', { name: '生成签名报告（PDF）' }).tap();
    await status.filter({ hasText: '锁定到' }).waitFor({ timeout: 30_000 });
    // Even the right PIN is refused while locked.
    await maker.getByLabel('PIN（本人的签名密码）').fill(INSPECTORS[0].pin);
    await maker.getByRole('button', { name: '生成签名报告（PDF）' }).tap();
    await status.filter({ hasText: '已锁定，请于' }).waitFor({ timeout: 30_000 });
    await page.goto(`${base}/enrol/`);
    await page.locator('[data-signers] li', { hasText: '已锁定到' }).waitFor();
  }, 120_000);

  it('revokes a certificate; the manager imports the trust list and the enrolled reports are 有效, pdfsig trusts them', async () => {
    files.trust1 = await download(deptPage, deptPage.getByRole('button', { name: '导出信任列表' }), 'trust-list-1.json');
    const card = deptPage.locator('[data-issued] li', { hasText: '张巡查' });
    await card.locator('summary').click();
    // 张 leaves at the end of the month: reports signed before then stay trusted.
    await card.getByLabel('自何时起不再可信').fill('2026-12-31T18:00');
    await card.getByLabel('原因').selectOption('人员离职');
    await card.getByRole('button', { name: '吊销证书' }).click();
    await deptPage.locator('[data-revoke-status]', { hasText: '信任列表更新为第 2 版' }).waitFor();
    await deptPage.locator('[data-issued] li[data-status="revoked"]', { hasText: '张巡查' }).waitFor();
    files.trust2 = await download(deptPage, deptPage.getByRole('button', { name: '导出信任列表' }), 'trust-list-2.json');
    expect(JSON.parse(readFileSync(files.trust2, 'utf8')).list.revocations).toMatchObject([{ name: '张巡查', reason: '人员离职' }]);

    // The manager's own device.
    const manager = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
    const page = await manager.newPage();
    await page.goto(`${base}/reports/`);
    await page.locator('monthly-report[data-state="ready"]').waitFor();
    const imp = page.locator('trust-list-import');
    await imp.locator('[data-trust-status]', { hasText: '尚未导入' }).waitFor();
    const edited = path.join(dir, 'trust-edited.json');
    writeFileSync(edited, readFileSync(files.trust2, 'utf8').replace('人员离职', '设备遗失'));
    await imp.locator('[data-trust-file]').setInputFiles(edited);
    await imp.locator('[data-trust-message]', { hasText: '未导入' }).waitFor();
    await imp.locator('[data-trust-file]').setInputFiles(files.trust2);
    await imp.locator('[data-trust-status]', { hasText: '第 2 版' }).waitFor();
    expect(await imp.locator('[data-trust-status]').innerText()).toContain('已吊销 1 张证书');
    await imp.locator('[data-trust-file]').setInputFiles(files.trust1);
    await imp.locator('[data-trust-message]', { hasText: '较旧' }).waitFor();

    expect(reports).toHaveLength(3);
    await page.locator('[data-files]').setInputFiles(reports);
    await page.locator('[data-progress-text]', { hasText: '完成' }).waitFor({ timeout: 60_000 });
    const log = await page.locator('[data-log] li').allInnerTexts();
    expect(log.filter((l) => l.includes('已验证，计入报告'))).toHaveLength(2);
    expect(log.filter((l) => l.includes('签名人未登记'))).toHaveLength(1);
    expect(log.find((l) => l.includes('report-guest.pdf'))).toContain('签名人未登记');

    await page.goto(`${base}/verify/`);
    await page.locator('report-verifier[data-state="ready"]').waitFor();
    for (const [i, who] of INSPECTORS.entries()) {
      await page.locator('report-verifier [data-file]').setInputFiles(reports[i]!);
      await page.locator('report-verifier[data-verdict="valid"]').waitFor({ timeout: 30_000 });
      expect(await page.locator('.verdict').innerText()).toContain(who.name);
    }
    await page.locator('report-verifier [data-file]').setInputFiles(reports[2]!);
    await page.locator('report-verifier[data-verdict="untrusted"]').waitFor({ timeout: 30_000 });
    await manager.close();

    // The department's own device trusts its root without importing anything.
    await deptPage.goto(`${base}/verify/`);
    await deptPage.locator('trust-list-import [data-trust-status]', { hasText: '第 2 版' }).waitFor();

    // pdfsig with the exported root in an NSS database.
    const nss = path.join(dir, 'nss');
    execFileSync('mkdir', ['-p', nss]);
    execFileSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
    execFileSync('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'root', '-t', 'CT,C,C', '-a', '-i', files.pem!]);
    for (const file of reports.slice(0, 2)) {
      const out = execFileSync('pdfsig', ['-nssdir', `sql:${nss}`, file], { encoding: 'utf8' });
      expect(out).toContain('Signature is Valid');
      expect(out).toContain('Certificate is Trusted');
    }
    let guest = '';
    try {
      guest = execFileSync('pdfsig', ['-nssdir', `sql:${nss}`, reports[2]!], { encoding: 'utf8' });
    } catch (err) {
      guest = String((err as { stdout?: string }).stdout ?? '');
    }
    expect(guest).not.toContain('Certificate is Trusted');
  }, 180_000);

  it('a replacement device restores the root from its backup file and the last trust list', async () => {
    // The department also keeps the latest backup: the same encrypted key with the issued certificates and revocations.
    await deptPage.goto(`${base}/trust/`);
    await deptPage.locator('trust-admin[data-state="ready"][data-root="yes"]').waitFor();
    files.latest = await download(deptPage, deptPage.getByRole('button', { name: '下载最新备份' }), 'company-root-backup-latest.json');
    const device = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1024, height: 900 } });
    const page = await device.newPage();
    await page.goto(`${base}/trust/`);
    await page.locator('trust-admin[data-state="ready"][data-root="no"]').waitFor();
    const restore = page.locator('[data-restore]');
    await restore.getByLabel('根证书备份文件').setInputFiles(files.backup!);
    await restore.getByLabel('备份口令').fill('翠湖花园品质部');
    await restore.getByRole('button', { name: '恢复根证书' }).click();
    await page.locator('[data-root-status]', { hasText: '备份口令不正确' }).waitFor({ timeout: 30_000 });
    await restore.getByLabel('备份口令').fill(PASS);
    await restore.getByLabel(/最近导出的信任列表/).setInputFiles(files.trust2!);
    await restore.getByRole('button', { name: '恢复根证书' }).click();
    await page.locator('trust-admin[data-root="yes"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-root-facts]').innerText()).toContain('从备份恢复');
    const pem = await download(page, page.getByRole('button', { name: '导出根证书（PEM）' }), 'restored-root.pem');
    expect(readFileSync(pem, 'utf8')).toBe(readFileSync(files.pem!, 'utf8'));
    const trust3 = JSON.parse(
      readFileSync(await download(page, page.getByRole('button', { name: '导出信任列表' }), 'trust-list-3.json'), 'utf8'),
    );
    expect(trust3.list.sequence).toBe(3);
    expect(trust3.list.revocations).toHaveLength(1);
    await device.close();

    // Another replacement, from the latest backup alone: the issued certificates and the revocation come back, and it can revoke.
    const spare = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1024, height: 900 } });
    const p2 = await spare.newPage();
    await p2.goto(`${base}/trust/`);
    await p2.locator('trust-admin[data-state="ready"][data-root="no"]').waitFor();
    const r2 = p2.locator('[data-restore]');
    await r2.getByLabel('根证书备份文件').setInputFiles(files.latest!);
    await r2.getByLabel('备份口令').fill(PASS);
    await r2.getByRole('button', { name: '恢复根证书' }).click();
    await p2.locator('trust-admin[data-root="yes"]').waitFor({ timeout: 30_000 });
    await p2.locator('[data-issued] li[data-status="revoked"]', { hasText: '张巡查' }).waitFor();
    const valid = p2.locator('[data-issued] li[data-status="valid"]', { hasText: '李品质' });
    await valid.locator('summary').click();
    await valid.locator('[data-revoke-reason]').selectOption('设备遗失');
    await valid.getByRole('button', { name: '吊销证书' }).click();
    await p2.locator('[data-issued] li[data-status="revoked"]', { hasText: '李品质' }).waitFor();
    const trust4 = JSON.parse(
      readFileSync(await download(p2, p2.getByRole('button', { name: '导出信任列表' }), 'trust-list-4.json'), 'utf8'),
    );
    expect(trust4.list.sequence).toBe(4);
    expect(trust4.list.revocations.map((r: { name: string }) => r.name)).toEqual(['张巡查', '李品质']);
    await spare.close();
  }, 180_000);
});
