// Self-signed signing identities (签名人未登记). The device's older identities stay in the `keys`
// store (DB v3) for export and explicit choice by id; they are never looked up by a typed name,
// because on a shared tablet anyone can type anyone's name. Signing without enrolment uses a fresh
// key made for that one signature and kept nowhere, so nobody can sign with it again.
import { createIdentity, type SigningIdentity } from './certificate';

export async function oneTimeIdentity(signer: string, organization: string, now: Date): Promise<SigningIdentity & { commonName: string }> {
  const device = `${navigator.platform || '设备'} · ${now.toISOString().slice(0, 10)}`;
  return { ...(await createIdentity({ commonName: signer, device, organization }, now)), commonName: signer };
}
