// Certificate path validation against the company root: the signer's certificate must chain,
// by issuer name and signature, to the root in the trust list (matched byte for byte, so a
// look-alike root with the same name is just another unknown issuer). Every certificate on the
// path must be valid at the signing time, use an allowed algorithm, carry no unknown critical
// extension, and have the usage its place needs (CA + keyCertSign above, signing at the leaf).
import { equalBytes } from './der';
import { SIGNATURE_HASH } from './algorithms';
import { hasUsage, KEY_USAGE, signedBy, type Certificate } from './x509';

export type ChainResult =
  | { kind: 'trusted'; path: Certificate[] }
  | { kind: 'untrusted'; reason: 'self-signed' | 'unknown-issuer' | 'no-trust-list' }
  | { kind: 'invalid'; reason: 'expired' | 'not-yet-valid' | 'algorithm' | 'key-usage' | 'critical-extension' | 'issuer' };

function checkOne(c: Certificate, at: Date, asIssuer: boolean): ChainResult | null {
  if (!SIGNATURE_HASH[c.signatureAlgorithm]) return { kind: 'invalid', reason: 'algorithm' };
  if (c.unknownCritical.length) return { kind: 'invalid', reason: 'critical-extension' };
  if (at.getTime() < c.notBefore.getTime()) return { kind: 'invalid', reason: 'not-yet-valid' };
  if (at.getTime() > c.notAfter.getTime()) return { kind: 'invalid', reason: 'expired' };
  if (asIssuer) {
    if (!c.ca || !hasUsage(c, KEY_USAGE.keyCertSign)) return { kind: 'invalid', reason: 'issuer' };
  } else if (c.ca || c.keyUsage === null || !(hasUsage(c, KEY_USAGE.digitalSignature) || hasUsage(c, KEY_USAGE.nonRepudiation))) {
    return { kind: 'invalid', reason: 'key-usage' };
  }
  return null;
}

export async function validateChain(
  leaf: Certificate,
  carried: readonly Certificate[],
  root: Certificate | null,
  signingTime: Date,
): Promise<ChainResult> {
  const own = checkOne(leaf, signingTime, false);
  if (own) return own;
  const candidates = root ? [root, ...carried.filter((c) => !equalBytes(c.der, root.der))] : [...carried];
  const path = [leaf];
  let current = leaf;
  for (let depth = 0; depth < 4; depth++) {
    if (equalBytes(current.issuer, current.subject) && (await signedBy(current, current))) {
      // A self-signed leaf is an unenrolled device key; a path ending in another root is a foreign CA.
      return { kind: 'untrusted', reason: !root ? 'no-trust-list' : depth === 0 ? 'self-signed' : 'unknown-issuer' };
    }
    let issuer: Certificate | undefined;
    for (const c of candidates) {
      if (path.includes(c) || !equalBytes(c.subject, current.issuer)) continue;
      if (await signedBy(current, c)) {
        issuer = c;
        break;
      }
    }
    if (!issuer) return { kind: 'untrusted', reason: root ? 'unknown-issuer' : 'no-trust-list' };
    const bad = checkOne(issuer, signingTime, true);
    if (bad) return bad;
    path.push(issuer);
    if (root && equalBytes(issuer.der, root.der)) return { kind: 'trusted', path };
    current = issuer;
  }
  return { kind: 'untrusted', reason: 'unknown-issuer' };
}
