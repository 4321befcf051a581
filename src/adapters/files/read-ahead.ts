/**
 * Reads and checks files a few ahead of the one being used (the checker pool runs one per core),
 * while the caller takes the results strictly in order, so decisions that depend on earlier files
 * (duplicates within one import) come out exactly as one by one. At most `ahead` files' bytes are
 * held at once; a failed read or check is rethrown when its turn comes.
 */
export function readAhead<T>(
  files: readonly File[],
  check: (bytes: Uint8Array<ArrayBuffer>) => Promise<T>,
  ahead: number,
): (i: number) => Promise<{ bytes: Uint8Array<ArrayBuffer>; result: T }> {
  const pending: (Promise<{ bytes: Uint8Array<ArrayBuffer>; result: T }> | undefined)[] = [];
  const start = (k: number) => {
    const f = files[k];
    if (!f || pending[k]) return;
    const p = f.arrayBuffer().then(async (buf) => {
      const bytes = new Uint8Array(buf);
      return { bytes, result: await check(bytes) };
    });
    p.catch(() => {}); // handled when its turn comes
    pending[k] = p;
  };
  for (let k = 0; k < ahead; k++) start(k);
  return (i) => {
    start(i); // in case it was never started (a caller skipping ahead)
    start(i + ahead);
    const p = pending[i]!;
    pending[i] = undefined; // let the bytes go once used
    return p;
  };
}
