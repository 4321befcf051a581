// X.509 names, times and serial numbers for every certificate we make (the company root, issued
// and self-signed ones), built by hand: pkijs would merge all attributes into one RDN (viewers
// misread that) and always writes UTCTime, which cannot express years from 2050 (RFC 5280 §4.1.2.5).
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export const NAME_OID = { commonName: '2.5.4.3', organization: '2.5.4.10', organizationalUnit: '2.5.4.11', country: '2.5.4.6' } as const;

/** X.509 Name with one attribute per RDN, in the order given. */
export function x509Name(parts: [string, string][]): pkijs.RelativeDistinguishedNames {
  const seq = new asn1js.Sequence({
    value: parts.map(
      ([oid, value]) =>
        new asn1js.Set({
          value: [
            new asn1js.Sequence({
              value: [
                new asn1js.ObjectIdentifier({ value: oid }),
                oid === NAME_OID.country ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }),
              ],
            }),
          ],
        }),
    ),
  });
  const rdn = new pkijs.RelativeDistinguishedNames({ schema: seq });
  rdn.valueBeforeDecode = seq.toBER(false);
  return rdn;
}

/** UTCTime through 2049, GeneralizedTime from 2050, as RFC 5280 requires. */
export function x509Time(date: Date): pkijs.Time {
  return new pkijs.Time({ type: date.getUTCFullYear() >= 2050 ? 1 : 0, value: date });
}

/** The subject names every certificate of ours carries. */
export function subjectName(n: { commonName: string; device?: string; organization: string }): pkijs.RelativeDistinguishedNames {
  const parts: [string, string][] = [
    [NAME_OID.country, 'CN'],
    [NAME_OID.organization, n.organization],
  ];
  if (n.device) parts.push([NAME_OID.organizationalUnit, n.device]);
  parts.push([NAME_OID.commonName, n.commonName]);
  return x509Name(parts);
}

/** A random 128-bit serial: positive, and never a leading zero byte (a non-minimal INTEGER is not DER; NSS and our checker refuse it). */
export function randomSerial(): asn1js.Integer {
  const serial = crypto.getRandomValues(new Uint8Array(16));
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  return new asn1js.Integer({ valueHex: serial.buffer });
}
