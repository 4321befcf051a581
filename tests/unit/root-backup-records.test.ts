// The root's passphrase backup carries the issued certificates and the revocations, so a
// replacement device can go on revoking. Over a real (fake-indexeddb) app database: the department
// issues two certificates and revokes one, downloads the latest backup, loses the device (its
// chain-of-trust stores emptied), restores from that backup alone and revokes the other.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { approveRequest, createRoot, currentBackup, receiveRequest, restoreRoot, revoke } from '../../src/adapters/signing/department';
import { enrolInspector } from '../../src/adapters/signing/enrolled-signer';
import { requestFile } from '../../src/adapters/signing/enrolment';
import { createCompanyRoot, issueCertificate } from '../../src/adapters/signing/ca';
import { toBase64, readTrustList } from '../../src/adapters/signing/trust-list';
import { getPublishedTrustList, getRoot, listIssued } from '../../src/adapters/store/enrolment-store';
import { openAppDB } from '../../src/adapters/store/db';
import { rootBackupSchema } from '../../src/schemas/root-backup';

const PASS = '翠湖花园品质部二〇二六年';
const t0 = new Date('2026-11-20T08:00:00Z');
const at = (min: number) => new Date(t0.getTime() + min * 60_000);

/** The department device is lost: what it alone held is gone. */
async function loseDevice(): Promise<void> {
  const db = await openAppDB();
  for (const s of ['ca', 'issued', 'requests', 'trust', 'signers'] as const) await db.clear(s);
}

async function enrolAndIssue(id: string, name: string, min: number): Promise<string> {
  const s = await enrolInspector(
    { commonName: name, device: '平板 03', organization: '示例物业' },
    '302417',
    id,
    at(min).toISOString(),
    1000,
  );
  const r = await receiveRequest(requestFile(s.request), at(min).toISOString());
  return (await approveRequest(r.id, at(min))).issued.serial;
}

describe('root backup with the issued certificates and revocations', () => {
  beforeEach(loseDevice);

  it('a replacement device restored from the latest backup alone lists the certificates and keeps revoking', async () => {
    const first = await createRoot('示例物业', PASS, t0);
    const li = await enrolAndIssue('li', '李检查', 1);
    const zhang = await enrolAndIssue('zhang', '张巡查', 2);
    await revoke(li, at(3).toISOString(), '设备遗失', at(4));
    const latest = await currentBackup(at(5));
    const file = rootBackupSchema.parse(JSON.parse(latest));
    const original = rootBackupSchema.parse(JSON.parse(first));
    // The same encrypted key as the first file; the records beside it.
    expect([file.key, file.kdf, file.cipher, file.certificate]).toEqual([
      original.key,
      original.kdf,
      original.cipher,
      original.certificate,
    ]);
    expect(file.issued).toHaveLength(2);
    expect(file.trustList?.list).toMatchObject({ sequence: 2, revocations: [{ serial: li, reason: '设备遗失' }] });
    const issuedBefore = (await listIssued()).sort((a, b) => a.serial.localeCompare(b.serial));

    await loseDevice();
    await restoreRoot(latest, PASS, null, at(60));
    expect((await getRoot())!.origin).toBe('restored');
    // Every certificate is back with the facts the screen shows.
    expect((await listIssued()).sort((a, b) => a.serial.localeCompare(b.serial))).toEqual(issuedBefore);
    const restored = (await getPublishedTrustList())!;
    expect(restored.list).toMatchObject({ sequence: 3, revocations: [{ serial: li }] });
    // It can revoke the other one, with the first revocation kept.
    const next = await revoke(zhang, at(61).toISOString(), '人员离职', at(62));
    expect(next.sequence).toBe(4);
    expect(next.revocations.map((r) => [r.serial, r.reason])).toEqual([
      [li, '设备遗失'],
      [zhang, '人员离职'],
    ]);
    expect((await readTrustList(JSON.stringify(await getPublishedTrustList()))).list.sequence).toBe(4);
    // And the restored device writes backups too, including what it did itself.
    const again = rootBackupSchema.parse(JSON.parse(await currentBackup(at(63))));
    expect(again.key).toBe(original.key);
    expect(again.trustList?.list.revocations).toHaveLength(2);
  }, 60_000);

  it('takes the newer of the backup’s trust list and the one exported last', async () => {
    await createRoot('示例物业', PASS, t0);
    const li = await enrolAndIssue('li', '李检查', 1);
    const zhang = await enrolAndIssue('zhang', '张巡查', 2);
    const old = await currentBackup(at(3)); // before any revocation
    await revoke(li, at(4).toISOString(), '设备遗失', at(5));
    await revoke(zhang, at(6).toISOString(), '人员离职', at(7));
    const exported = JSON.stringify(await getPublishedTrustList());
    await loseDevice();
    await restoreRoot(old, PASS, exported, at(60));
    expect((await getPublishedTrustList())!.list).toMatchObject({ sequence: 4, revocations: [{ serial: li }, { serial: zhang }] });
    expect(await listIssued()).toHaveLength(2);
  }, 60_000);

  it('the first backup (no records) still restores; a slipped-in or broken record refuses the whole file', async () => {
    const first = await createRoot('示例物业', PASS, t0);
    await enrolAndIssue('li', '李检查', 1);
    const latest = JSON.parse(await currentBackup(at(2)));
    await loseDevice();
    await restoreRoot(first, PASS, null, at(60));
    expect(await listIssued()).toEqual([]);
    expect((await getPublishedTrustList())!.list.sequence).toBe(1);

    // A certificate another root issued, slipped into the list.
    const other = await createCompanyRoot('示例物业', t0);
    const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    const forged = await issueCertificate(
      other,
      { publicKey: keys.publicKey, names: { commonName: '赵冒名', device: '平板 09', organization: '示例物业' } },
      t0,
    );
    const cases: [string, unknown, RegExp][] = [
      [
        'foreign certificate',
        { ...latest, issued: [...latest.issued, { certificate: toBase64(forged), issuedAt: t0.toISOString() }] },
        /不是本根证书签发/,
      ],
      ['unreadable certificate', { ...latest, issued: [{ certificate: 'AAAA', issuedAt: t0.toISOString() }] }, /无法读取/],
      [
        'edited trust list',
        { ...latest, trustList: { ...latest.trustList, list: { ...latest.trustList.list, sequence: 99 } } },
        /信任列表签名不符/,
      ],
    ];
    for (const [name, file, message] of cases) {
      await loseDevice();
      await expect(restoreRoot(JSON.stringify(file), PASS, null, at(70)), name).rejects.toThrow(message);
      expect(await getRoot(), name).toBeUndefined();
      expect(await listIssued(), name).toEqual([]);
    }
  }, 90_000);
});
