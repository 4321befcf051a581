import { describe, expect, it, vi } from 'vitest';
import * as pkijs from 'pkijs';
import { createCompanyRoot, issueCertificate, certificateSerial } from '../../src/adapters/signing/ca';
import { createIdentity, engine } from '../../src/adapters/signing/certificate';
import { parseCertificate } from '../../src/adapters/signing/x509';
import { readTrustList, signTrustList, toBase64, TrustListError } from '../../src/adapters/signing/trust-list';
import { compareTrustLists, revocationAt, withRevocation } from '../../src/domain/trust-list';
import type { TrustList } from '../../src/schemas/trust-list';

const now = new Date('2026-11-20T08:00:00Z');

describe('company certificate authority', () => {
  it('issues a 2-year leaf that chains to the root, with the expected profile', async () => {
    engine();
    const root = await createCompanyRoot('示例物业', now);
    const leafKey = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    const der = await issueCertificate(
      root,
      { publicKey: leafKey.publicKey, names: { commonName: '王品质', device: '平板 03', organization: '示例物业' } },
      now,
    );
    const leaf = pkijs.Certificate.fromBER(der as Uint8Array<ArrayBuffer>);
    const rootCert = pkijs.Certificate.fromBER(root.certificate as Uint8Array<ArrayBuffer>);
    expect(await leaf.verify(rootCert)).toBe(true);
    expect(await rootCert.verify()).toBe(true);
    const years = (leaf.notAfter.value.getTime() - leaf.notBefore.value.getTime()) / (365 * 24 * 3600 * 1000);
    expect(years).toBeCloseTo(2, 1);
    expect(leaf.subject.typesAndValues.map((t) => t.value.valueBlock.value)).toEqual(['CN', '示例物业', '平板 03', '王品质']);
    expect(certificateSerial(der)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('writes GeneralizedTime for dates from 2050', async () => {
    const root = await createCompanyRoot('示例物业', new Date('2045-01-01T00:00:00Z'));
    const cert = pkijs.Certificate.fromBER(root.certificate as Uint8Array<ArrayBuffer>);
    expect(cert.notAfter.type).toBe(1);
    expect(cert.notAfter.value.getUTCFullYear()).toBe(2064);
  });
});

describe('trust list', () => {
  it('is signed by the root and refuses any edit', async () => {
    const root = await createCompanyRoot('示例物业', now);
    const list: TrustList = {
      format: 'wuye-trust-list',
      version: 1,
      company: '示例物业',
      sequence: 1,
      issuedAt: now.toISOString(),
      root: toBase64(root.certificate),
      revocations: [],
    };
    const signed = await signTrustList(list, root.privateKey);
    await expect(readTrustList(JSON.stringify(signed))).resolves.toEqual(signed);
    const edited = structuredClone(signed);
    edited.list.sequence = 2;
    await expect(readTrustList(JSON.stringify(edited))).rejects.toBeInstanceOf(TrustListError);
    const other = await createCompanyRoot('示例物业', now);
    const swapped = { ...signed, list: { ...signed.list, root: toBase64(other.certificate) } };
    await expect(readTrustList(JSON.stringify(swapped))).rejects.toThrow(/签名不符/);
    await expect(readTrustList('{')).rejects.toThrow(/无法读取/);
    await expect(readTrustList(JSON.stringify({ ...signed, list: { ...signed.list, issuedAt: '2026-02-30T00:00:00Z' } }))).rejects.toThrow(
      /格式不符/,
    );
  });

  it('applies a revocation from its date on, and only moves forward', () => {
    const list: TrustList = {
      format: 'wuye-trust-list',
      version: 1,
      company: 'c',
      sequence: 1,
      issuedAt: now.toISOString(),
      root: 'AAAA',
      revocations: [],
    };
    const rev = {
      serial: 'ab12',
      fingerprint: Array(32).fill('AB').join(':'),
      name: '李四',
      device: '平板',
      revokedAt: '2026-11-25T00:00:00Z',
      reason: '设备遗失',
    };
    const next = withRevocation(list, rev, '2026-11-25T01:00:00Z');
    expect(next.sequence).toBe(2);
    expect(withRevocation(next, rev, 'x')).toBe(next);
    expect(revocationAt(next, 'AB12', new Date('2026-11-24T23:59:59Z'))).toBeNull();
    expect(revocationAt(next, 'ab12', new Date('2026-11-25T00:00:00Z'))).toEqual(rev);
    expect(compareTrustLists(null, list)).toEqual({ kind: 'new' });
    expect(compareTrustLists(list, next)).toEqual({ kind: 'newer', added: [rev] });
    expect(compareTrustLists(next, list)).toEqual({ kind: 'older' });
    expect(compareTrustLists(next, next)).toEqual({ kind: 'same' });
    expect(compareTrustLists(next, { ...next, root: 'BBBB' })).toEqual({ kind: 'other-root' });
  });
});

describe('serial numbers', () => {
  it('are valid DER even when the random bytes start with zeros (NSS and our checker refuse a leading zero)', async () => {
    const spy = vi.spyOn(crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(a: T): T => {
      new Uint8Array((a as unknown as Uint8Array).buffer).fill(0);
      return a;
    });
    try {
      const root = await createCompanyRoot('示例物业', now);
      const device = await createIdentity({ commonName: '李品质', device: '平板 01', organization: '示例物业' }, now);
      for (const der of [root.certificate, device.certificate]) expect(() => parseCertificate(der)).not.toThrow();
    } finally {
      spy.mockRestore();
    }
  });
});
