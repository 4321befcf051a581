// On a shared tablet, typing another inspector's name must not sign with that inspector's key.
// The tablet holds a self-signed key an older release made for 李品质 (stored under his name);
// someone else finishes an inspection naming 李品质 and signs without enrolment: the report is
// signed with a fresh one-time key (another fingerprint each time), never with 李品质's key, and
// no key is left behind for the next person.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../support/browser';
import { openReport, storeFinished } from '../support/tablet';
import { createIdentity } from '../../src/adapters/signing/certificate';
import { certificateFingerprint, verifyReport } from '../../src/adapters/signing/verify-report';
import type { ChecklistTemplate } from '../../src/domain/checklist';

const base = inject('baseUrl');
const dir = mkdtempSync(path.join(tmpdir(), 'signer-choice-'));
let browser: Browser;
let tablet: BrowserContext;
let page: Page;
let templates: ChecklistTemplate[];
let legacyFingerprint: string;

beforeAll(async () => {
  templates = JSON.parse(readFileSync('dist/templates.json', 'utf8')) as ChecklistTemplate[];
  browser = await launchBrowser();
  tablet = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 768, height: 1024 },
    hasTouch: true,
    acceptDownloads: true,
  });
  page = await tablet.newPage();
  // 李品质's key as an older release stored it: `keys` under "inspector:<typed name>".
  const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const legacy = await createIdentity(
    { commonName: '李品质', device: '平板 03 · 2026-06-01', organization: '示例物业' },
    new Date('2026-06-01T00:00:00Z'),
    10,
    keys,
  );
  legacyFingerprint = await certificateFingerprint(legacy.certificate);
  const pkcs8 = [...new Uint8Array(await crypto.subtle.exportKey('pkcs8', keys.privateKey))];
  const spki = [...new Uint8Array(await crypto.subtle.exportKey('spki', keys.publicKey))];
  await page.goto(`${base}/inspections/`);
  await page.locator('inspection-list[data-state="ready"]').waitFor();
  await page.evaluate(
    async ({ pkcs8, spki, certificate }) => {
      const alg = { name: 'ECDSA', namedCurve: 'P-256' };
      const privateKey = await crypto.subtle.importKey('pkcs8', new Uint8Array(pkcs8), alg, false, ['sign']);
      const publicKey = await crypto.subtle.importKey('spki', new Uint8Array(spki), alg, true, ['verify']);
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('wuye-handbook');
        open.onsuccess = () => {
          const tx = open.result.transaction('keys', 'readwrite');
          tx.objectStore('keys').put({
            id: 'inspector:李品质',
            commonName: '李品质',
            device: '平板 03 · 2026-06-01',
            privateKey,
            publicKey,
            certificate: new Uint8Array(certificate),
            createdAt: '2026-06-01T08:00:00.000+08:00',
          });
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      });
    },
    { pkcs8, spki, certificate: [...legacy.certificate] },
  );
}, 120_000);
afterAll(async () => browser?.close());

const keyCount = () =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('wuye-handbook');
        open.onsuccess = () => {
          const req = open.result.transaction('keys').objectStore('keys').count();
          req.onsuccess = () => resolve(req.result);
        };
      }),
  );

describe('keys are found by the chosen signer only', () => {
  it('typing 李品质 on his tablet signs with a one-time key, not with his stored key', async () => {
    const t = templates.find((x) => x.id === 'customer-service')!;
    await storeFinished(base, page, t, 'typed-1', '李品质', '2026-11-21T09:00:00.000+08:00');
    const fingerprints: string[] = [];
    for (const n of [1, 2]) {
      const maker = await openReport(base, page, t.id, 'typed-1');
      const select = maker.getByLabel('用谁的证书签名');
      // Only the explicit choices: no stored key is offered (or picked) by the name on the record.
      expect(await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['device']);
      await select.selectOption('device');
      const [d] = await Promise.all([page.waitForEvent('download'), maker.getByRole('button', { name: '生成签名报告（PDF）' }).tap()]);
      const file = path.join(dir, `typed-${n}.pdf`);
      await d.saveAs(file);
      expect(await maker.locator('[data-report-status]').innerText()).toContain('签名人：李品质（本设备自签名，未登记）');
      const result = await verifyReport(new Uint8Array(readFileSync(file)), {
        template: (id, version) => templates.find((x) => x.id === id && x.version === version),
      });
      expect(result.verdict.kind).toBe('untrusted'); // intact, signer not enrolled
      expect(result.facts.signer?.name).toBe('李品质');
      fingerprints.push(result.facts.signer!.fingerprint);
    }
    expect(fingerprints).not.toContain(legacyFingerprint);
    expect(fingerprints[0]).not.toBe(fingerprints[1]);
    // Nothing was stored for the next person to reuse; the old key is still there, untouched.
    expect(await keyCount()).toBe(1);
  }, 180_000);
});
