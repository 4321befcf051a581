// The department and tablet adapters over a real (fake-indexeddb) app database.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as pkijs from 'pkijs';
import { approveRequest, createRoot, receiveRequest, restoreRoot, revoke } from '../../src/adapters/signing/department';
import { readTrustList } from '../../src/adapters/signing/trust-list';
import { compareTrustLists } from '../../src/domain/trust-list';
import { acceptCertificate, enrolInspector, PinError, unlockSigner } from '../../src/adapters/signing/enrolled-signer';
import { requestQrText, requestFile, responseFile, responseQrText } from '../../src/adapters/signing/enrolment';
import { getPublishedTrustList, getSigner, listIssued } from '../../src/adapters/store/enrolment-store';

const rule = { maxTries: 5, lockMinutes: 15 };
const t0 = new Date('2026-11-20T08:00:00Z');
const at = (min: number) => new Date(t0.getTime() + min * 60_000);
const FAST = 1000;

describe('enrolment end to end (one database plays both devices)', () => {
  it('creates the root, issues by file and QR, signs only with the right PIN, locks after five wrong, revokes', async () => {
    const backup = await createRoot('示例物业', '翠湖花园品质部二〇二六年', t0);
    expect(JSON.parse(backup).format).toBe('wuye-root-backup');
    await expect(createRoot('示例物业', '翠湖花园品质部二〇二六年', t0)).rejects.toThrow(/已有/);
    const first = await getPublishedTrustList();
    expect(first!.list).toMatchObject({ sequence: 1, company: '示例物业', revocations: [] });

    const li = await enrolInspector(
      { commonName: '李检查', device: '平板 03', organization: '示例物业' },
      '302417',
      'li',
      t0.toISOString(),
      FAST,
    );
    const zhang = await enrolInspector(
      { commonName: '张巡查', device: '平板 03', organization: '示例物业' },
      '518204',
      'zhang',
      t0.toISOString(),
      FAST,
    );
    const r1 = await receiveRequest(requestFile(li.request), t0.toISOString());
    const r2 = await receiveRequest(requestQrText(zhang.request), t0.toISOString());
    expect([r1.commonName, r2.commonName]).toEqual(['李检查', '张巡查']);
    const a = await approveRequest(r1.id, t0);
    await expect(approveRequest(r1.id, t0)).rejects.toThrow(/找不到/);
    await expect(receiveRequest(requestFile(li.request), t0.toISOString())).rejects.toThrow(/已为「李检查」签发/);
    const b = await approveRequest(r2.id, t0);
    // A response the tablet has no key for.
    await expect(acceptCertificate(requestFile(li.request), t0.toISOString())).rejects.toThrow(/登记申请/);
    const strangerKey = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const { issueCertificate } = await import('../../src/adapters/signing/ca');
    const { getRoot } = await import('../../src/adapters/store/enrolment-store');
    const foreign = await issueCertificate(
      (await getRoot())!,
      { publicKey: strangerKey.publicKey, names: { commonName: '李检查', device: '平板 09', organization: '示例物业' } },
      t0,
    );
    await expect(acceptCertificate(responseFile(foreign, a.root), t0.toISOString())).rejects.toThrow(/不是为本设备上任何一位检查员/);
    expect((await getSigner('li'))!.certificate).toBeUndefined();
    await acceptCertificate(responseFile(a.certificate, a.root), t0.toISOString());
    await acceptCertificate(responseQrText(b.certificate, b.root), t0.toISOString());
    expect((await getSigner('li'))!.chain).toEqual([a.root]);

    // Right PIN: a non-extractable key matching the certificate.
    const opened = await unlockSigner('li', '302417', rule, at(0));
    expect(opened.privateKey.extractable).toBe(false);
    expect(opened.certificate).toEqual(a.certificate);
    // Someone else's PIN does not open 李's key.
    await expect(unlockSigner('li', '518204', rule, at(1))).rejects.toThrow(/还可再试 4 次/);
    for (const n of [3, 2, 1]) await expect(unlockSigner('li', '000001', rule, at(1))).rejects.toThrow(new RegExp(`还可再试 ${n} 次`));
    await expect(unlockSigner('li', '000001', rule, at(2))).rejects.toThrow(/锁定到/);
    await expect(unlockSigner('li', '302417', rule, at(10))).rejects.toThrow(/已锁定/);
    // 张's key is not affected by 李's lock.
    expect((await unlockSigner('zhang', '518204', rule, at(10))).certificate).toEqual(b.certificate);
    const back = await unlockSigner('li', '302417', rule, at(18));
    expect(back.signer.pin).toEqual({ failures: 0, lastSeen: at(18).toISOString() });
    await expect(unlockSigner('li', '302418', rule, at(19))).rejects.toThrow(PinError);
    // Setting the tablet's clock back a day before the wrong tries does not shorten the lock: it
    // runs from the latest time the key saw (minute 19), so the right PIN at minute 20 is refused.
    const dayBefore = new Date(at(19).getTime() - 24 * 3600_000);
    for (let i = 0; i < 3; i++) await expect(unlockSigner('li', '000001', rule, dayBefore)).rejects.toThrow(/还可再试/);
    await expect(unlockSigner('li', '000001', rule, dayBefore)).rejects.toThrow(/锁定到/);
    expect((await getSigner('li'))!.pin.lockedUntil).toBe(new Date(at(19).getTime() + rule.lockMinutes * 60_000).toISOString());
    await expect(unlockSigner('li', '302417', rule, at(20))).rejects.toThrow(/已锁定/);
    expect((await unlockSigner('li', '302417', rule, new Date(at(19).getTime() + rule.lockMinutes * 60_000))).signer.pin.failures).toBe(0);

    // Revocation: a new sequence, imported forward only.
    const serial = (await listIssued()).find((c) => c.commonName === '张巡查')!.serial;
    expect(serial).toBe(b.issued.serial);
    const v1 = (await getPublishedTrustList())!;
    const list = await revoke(serial, at(30).toISOString(), '设备遗失', at(31));
    expect(list.sequence).toBe(2);
    await expect(revoke(serial, at(30).toISOString(), '设备遗失', at(31))).rejects.toThrow(/已经吊销/);
    const v2 = await readTrustList(JSON.stringify(await getPublishedTrustList()));
    expect(v2.list.revocations).toMatchObject([{ serial, name: '张巡查', device: '平板 03', reason: '设备遗失' }]);
    expect(compareTrustLists(v1.list, v2.list)).toMatchObject({ kind: 'newer', added: [{ serial }] });
    const leaf = pkijs.Certificate.fromBER(b.certificate as Uint8Array<ArrayBuffer>);
    expect(leaf.subject.typesAndValues.at(-1)!.value.valueBlock.value).toBe('张巡查');

    // A replacement device: the root comes back from the backup, the list carries on from the last export.
    const { openAppDB } = await import('../../src/adapters/store/db');
    const db = await openAppDB();
    const lastExport = JSON.stringify(await getPublishedTrustList());
    await db.delete('ca', 'root');
    await db.delete('trust', 'published');
    await expect(restoreRoot(backup, '翠湖花园品质部二〇二六', lastExport, at(60))).rejects.toThrow(/口令不正确/);
    expect(await db.count('ca')).toBe(0);
    await restoreRoot(backup, '翠湖花园品质部二〇二六年', lastExport, at(60));
    const resumed = (await getPublishedTrustList())!;
    expect(resumed.list.sequence).toBe(3);
    expect(resumed.list.revocations.map((r) => r.serial)).toEqual([serial]);
    expect(compareTrustLists(v2.list, (await readTrustList(JSON.stringify(resumed))).list).kind).toBe('newer');
    expect((await db.get('ca', 'root'))!.origin).toBe('restored');
    db.close();
  }, 120_000);
});
