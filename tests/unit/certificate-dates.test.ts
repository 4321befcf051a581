// Certificates made around 2050: UTCTime (two-digit years) ends with 2049, so RFC 5280 requires
// GeneralizedTime from 2050. Every kind of certificate we make (self-signed device identity,
// company root, issued leaf) is made with the clock and validity in 2039–2051, read back by our
// own checker and by openssl, and a report signed in 2050 verifies with our checker and pdfsig
// (run under faketime in 2050, since pdfsig checks certificates at the current time).
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { certificatePem, createIdentity } from '../../src/adapters/signing/certificate';
import { createCompanyRoot } from '../../src/adapters/signing/ca';
import { parseCertificate } from '../../src/adapters/signing/x509';
import { validateChain } from '../../src/adapters/signing/chain';
import { signTrustList, toBase64 } from '../../src/adapters/signing/trust-list';
import { verifyReport } from '../../src/adapters/signing/verify-report';
import { enrolled, inspectionDocument, reportPdf, templateLookup } from '../support/signing-fixture';

const dir = mkdtempSync(path.join(tmpdir(), 'cert-dates-'));
const names = { commonName: '王品质', device: '平板 03', organization: '示例物业' };

/** The DER tags of notBefore and notAfter: 0x17 UTCTime, 0x18 GeneralizedTime. */
function timeTags(der: Uint8Array): number[] {
  // Validity is the SEQUENCE of two times after the issuer name; find it through the parsed values.
  const c = parseCertificate(der);
  const tags: number[] = [];
  for (const d of [c.notBefore, c.notAfter]) {
    const y = d.getUTCFullYear();
    const text = y < 2050 ? d.toISOString().slice(2, 19).replace(/[-T:]/g, '') : d.toISOString().slice(0, 19).replace(/[-T:]/g, '');
    const needle = new TextEncoder().encode(`${text}Z`);
    const at = indexOf(der, needle);
    expect(at, `${d.toISOString()} encoded as ${y < 2050 ? 'UTCTime' : 'GeneralizedTime'}`).toBeGreaterThan(1);
    expect(der[at - 1]).toBe(needle.length); // the length byte, so the tag is right before it
    tags.push(der[at - 2]!);
  }
  return tags;
}

function indexOf(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const tagFor = (d: Date) => (d.getUTCFullYear() >= 2050 ? 0x18 : 0x17);

/** openssl's reading of the validity, as ISO instants. */
function opensslDates(der: Uint8Array): [string, string] {
  const f = path.join(dir, 'c.pem');
  writeFileSync(f, certificatePem(der));
  const out = execFileSync('openssl', ['x509', '-in', f, '-noout', '-startdate', '-enddate'], { encoding: 'utf8' });
  const get = (k: string) => new Date(new RegExp(`${k}=(.+)`).exec(out)![1]!.trim()).toISOString();
  return [get('notBefore'), get('notAfter')];
}

describe('certificates valid past 2049', () => {
  const clocks = [
    '2039-06-01T00:00:00Z',
    '2040-01-01T00:00:00Z',
    '2049-06-30T12:00:00Z',
    '2049-12-31T23:59:59Z',
    '2050-01-01T00:00:00Z',
    '2051-03-01T00:00:00Z',
  ];

  it.each(clocks)('a self-signed device identity made at %s has the right time types and dates', async (at) => {
    const now = new Date(at);
    const id = await createIdentity(names, now); // 10 years: past 2049 from 2040 on
    const c = parseCertificate(id.certificate);
    expect(c.notBefore.toISOString()).toBe(new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString());
    expect(timeTags(id.certificate)).toEqual([tagFor(c.notBefore), tagFor(c.notAfter)]);
    expect(opensslDates(id.certificate)).toEqual([c.notBefore.toISOString(), c.notAfter.toISOString()]);
    expect(c.names).toEqual({ commonName: '王品质', organization: '示例物业', device: '平板 03' });
  });

  it('a root made in 2049 and a leaf issued across 2050 chain, and read the same in openssl', async () => {
    const root = await createCompanyRoot('示例物业', new Date('2049-06-01T00:00:00Z'));
    const leaf = await enrolled(root, '王品质', new Date('2049-12-01T00:00:00Z')); // 2049-12 → 2051-12
    for (const der of [root.certificate, leaf.certificate]) {
      const c = parseCertificate(der);
      expect(timeTags(der)).toEqual([tagFor(c.notBefore), tagFor(c.notAfter)]);
      expect(opensslDates(der)).toEqual([c.notBefore.toISOString(), c.notAfter.toISOString()]);
    }
    expect(timeTags(leaf.certificate)).toEqual([0x17, 0x18]);
    const [l, r] = [parseCertificate(leaf.certificate), parseCertificate(root.certificate)];
    for (const at of ['2049-12-15T00:00:00Z', '2050-01-01T00:00:00Z', '2051-06-01T00:00:00Z'])
      expect((await validateChain(l, [r], r, new Date(at))).kind).toBe('trusted');
    expect(await validateChain(l, [r], r, new Date('2051-12-02T00:00:00Z'))).toMatchObject({ reason: 'expired' });
    // openssl agrees the leaf chains to the root at a time in 2050.
    writeFileSync(path.join(dir, 'root.pem'), certificatePem(root.certificate));
    writeFileSync(path.join(dir, 'leaf.pem'), certificatePem(leaf.certificate));
    const v = spawnSync(
      'openssl',
      [
        'verify',
        '-attime',
        String(Date.parse('2050-06-01T00:00:00Z') / 1000),
        '-CAfile',
        path.join(dir, 'root.pem'),
        path.join(dir, 'leaf.pem'),
      ],
      { encoding: 'utf8' },
    );
    expect(v.stdout + v.stderr).toContain('leaf.pem: OK');
  });

  it('a report signed in 2050 with such a leaf is 有效 to our checker and trusted by pdfsig in 2050', async () => {
    const root = await createCompanyRoot('示例物业', new Date('2049-06-01T00:00:00Z'));
    const leaf = await enrolled(root, '王品质', new Date('2049-12-01T00:00:00Z'));
    const pdf = await reportPdf(inspectionDocument(), leaf, { date: new Date('2050-03-01T02:00:00Z') });
    const trust = await signTrustList(
      {
        format: 'wuye-trust-list',
        version: 1,
        company: '示例物业',
        sequence: 1,
        issuedAt: '2049-06-01T00:00:00.000Z',
        root: toBase64(root.certificate),
        revocations: [],
      },
      root.privateKey,
    );
    const result = await verifyReport(pdf, { trust: trust.list, template: templateLookup });
    expect(result.verdict.kind).toBe('valid');
    expect(result.facts.signer?.signedAt).toBe('2050-03-01T02:00:00.000Z');
    const db = mkdtempSync(path.join(dir, 'nss-'));
    execFileSync('certutil', ['-N', '-d', `sql:${db}`, '--empty-password']);
    writeFileSync(path.join(db, 'root.pem'), certificatePem(root.certificate));
    execFileSync('certutil', ['-A', '-d', `sql:${db}`, '-n', 'root2050', '-t', 'CT,C,C', '-a', '-i', path.join(db, 'root.pem')]);
    writeFileSync(path.join(db, 'r.pdf'), pdf);
    // pdfsig checks the certificate at the current time: run it in June 2050 (faketime, see .ci/run).
    const out = spawnSync('faketime', ['2050-06-01 00:00:00', 'pdfsig', '-nssdir', `sql:${db}`, path.join(db, 'r.pdf')], {
      encoding: 'utf8',
    });
    const text = out.stdout + out.stderr;
    expect(text).toContain('Signing Time: Mar 01 2050');
    expect(text).toContain('Total document signed');
    expect(text).toContain('Signature is Valid');
    expect(text).toContain('Certificate is Trusted');
  }, 60_000);
});
