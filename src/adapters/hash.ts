// SHA-256 as lowercase hex through WebCrypto (browser and Node 24 alike).
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const h = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return [...h].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 of a certificate's DER, upper-case hex with colons (as screens and trust lists show it). */
export async function certificateFingerprint(der: Uint8Array): Promise<string> {
  return (await sha256Hex(der)).toUpperCase().replace(/(..)(?!$)/g, '$1:');
}
