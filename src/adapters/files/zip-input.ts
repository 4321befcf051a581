/**
 * ZIPs among picked files (a tablet's 未交付的文件, a folder of certificates) count as the PDFs
 * inside them. An archive is read from its central directory and trusted in nothing: before any
 * byte is inflated, the number of entries, each declared size and their total are capped; while
 * inflating, the bytes actually produced are counted (a lying size stops at once) and the CRC-32
 * must match. Encrypted entries, unknown compression, names that climb out of the archive or
 * repeat, entries sharing their data, and truncated or corrupt archives refuse the whole archive:
 * nothing of it is imported; a file that cannot be read at all is said the same way.
 * Directories and non-PDF entries (the export's manifest.json) are skipped.
 *
 * A refused archive stays in the list as one file whose reading fails with the reason, so every
 * import path reports it as 未导入 with that reason, exactly like any other unreadable file.
 */
import { Inflate } from 'fflate';

export interface ZipLimits {
  /** Entries in the central directory, PDFs or not. */
  maxEntries: number;
  /** Inflated bytes of one PDF. */
  maxEntryBytes: number;
  /** Inflated bytes of all the PDFs of one archive (what is held in memory at once). */
  maxTotalBytes: number;
}

const MB = 1024 * 1024;
const sizeText = (n: number) => (n >= MB ? `${Math.round(n / MB)} MB` : `${Math.ceil(n / 1024)} KB`);
export const ZIP_LIMITS: ZipLimits = { maxEntries: 2000, maxEntryBytes: 64 * MB, maxTotalBytes: 512 * MB };

/** Why an archive was refused, in words for the person importing it. */
export class ZipRefused extends Error {
  override name = 'ZipRefused';
}

class RefusedArchive extends File {
  readonly #reason: string;
  constructor(file: File, reason: string) {
    super([], file.name, { type: file.type });
    this.#reason = reason;
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.reject(new ZipRefused(this.#reason));
  }
}

const isZip = async (f: File) => {
  const head = new Uint8Array(await f.slice(0, 4).arrayBuffer());
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
};

/** Every picked file, with each ZIP replaced by its PDFs (or by one refused entry). */
export async function expandZips(files: readonly File[], limits: ZipLimits = ZIP_LIMITS): Promise<File[]> {
  const out: File[] = [];
  for (const f of files) {
    let zip: Uint8Array;
    try {
      if (!(await isZip(f))) {
        out.push(f);
        continue;
      }
      zip = new Uint8Array(await f.arrayBuffer());
    } catch {
      // A file that can no longer be read (moved, too large for memory) is one 未导入 line, not a silent stop.
      out.push(new RefusedArchive(f, `文件「${f.name}」无法读取，请重新选择`));
      continue;
    }
    try {
      const entries = readZip(zip, limits);
      // Said, not silently nothing: the manager would wonder where the reports went.
      if (!entries.length) out.push(new RefusedArchive(f, `压缩包「${f.name}」中没有 PDF 文件`));
      out.push(...entries.map((e) => new File([e.data], `${f.name}/${e.name}`, { type: 'application/pdf' })));
    } catch (err) {
      if (!(err instanceof ZipRefused)) throw err; // a bug of ours, not the archive's
      out.push(new RefusedArchive(f, `压缩包「${f.name}」${err.message}，其中的文件均未导入`));
    }
  }
  return out;
}

const refuse = (why: string): never => {
  throw new ZipRefused(why);
};

/** A name that stays inside the archive: relative, no `..`, no backslash or drive, no control characters. */
// eslint-disable-next-line no-control-regex
const unsafeName = (name: string) => /^[/\\]|^[a-z]:|\\|[\u0000-\u001f\u007f]/i.test(name) || name.split('/').includes('..');

/** The PDFs of one archive, or ZipRefused with the reason. */
export function readZip(zip: Uint8Array, limits: ZipLimits = ZIP_LIMITS): { name: string; data: Uint8Array<ArrayBuffer> }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const u16 = (at: number) => (at + 2 <= zip.length ? view.getUint16(at, true) : refuse('不完整或已损坏'));
  const u32 = (at: number) => (at + 4 <= zip.length ? view.getUint32(at, true) : refuse('不完整或已损坏'));
  // The end record sits in the last 22 bytes plus an optional comment of up to 64 KB.
  let end = zip.length - 22;
  while (end >= 0 && !(u32(end) === 0x06054b50 && end + 22 + u16(end + 20) === zip.length)) {
    if (zip.length - end > 22 + 0xffff) end = -1;
    else end--;
  }
  if (end < 0) refuse('不完整或已损坏');
  const count = u16(end + 10);
  if (count > limits.maxEntries) refuse(`包含 ${count} 个文件，超过上限 ${limits.maxEntries} 个`);
  if (count === 0xffff || u32(end + 16) === 0xffffffff) refuse('是 ZIP64 格式，本应用不支持');
  const found: { name: string; method: number; crc: number; packed: number; size: number; local: number }[] = [];
  const names = new Set<string>();
  let total = 0;
  for (let i = 0, at = u32(end + 16); i < count; i++) {
    if (u32(at) !== 0x02014b50) refuse('不完整或已损坏');
    const [flags, method, crc, packed, size] = [u16(at + 8), u16(at + 10), u32(at + 16), u32(at + 20), u32(at + 24)];
    const [nameLen, extraLen, commentLen, local] = [u16(at + 28), u16(at + 30), u16(at + 32), u32(at + 42)];
    if (at + 46 + nameLen > zip.length) refuse('不完整或已损坏');
    const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'gbk').decode(zip.subarray(at + 46, at + 46 + nameLen));
    at += 46 + nameLen + extraLen + commentLen;
    if (flags & 0x41) refuse('已加密，无法读取');
    if (unsafeName(name)) refuse(`含有不安全的文件名「${name}」`);
    if (names.has(name)) refuse(`含有重名的文件「${name}」`);
    names.add(name);
    if (name.endsWith('/') || !name.toLowerCase().endsWith('.pdf')) continue;
    if (method !== 0 && method !== 8) refuse(`使用了不支持的压缩方式（${method}）`);
    if (size > limits.maxEntryBytes) refuse(`中的「${name}」解压后超过 ${sizeText(limits.maxEntryBytes)}`);
    total += size;
    if (total > limits.maxTotalBytes) refuse(`解压后超过 ${sizeText(limits.maxTotalBytes)}`);
    found.push({ name, method, crc, packed, size, local });
  }
  const placed = found.map((e) => {
    if (u32(e.local) !== 0x04034b50) refuse('不完整或已损坏');
    const start = e.local + 30 + u16(e.local + 26) + u16(e.local + 28);
    if (start + e.packed > zip.length) refuse('不完整或已损坏');
    return { ...e, start };
  });
  // Entries sharing their data would each be inflated in full: a few KB could fill the memory.
  const byStart = [...placed].sort((a, b) => a.start - b.start);
  for (let i = 1; i < byStart.length; i++) {
    const prev = byStart[i - 1]!;
    if (byStart[i]!.start < prev.start + Math.max(prev.packed, 1)) refuse('中有文件共用同一段数据，不是正常的压缩包');
  }
  return placed.map((e) => {
    const packed = zip.subarray(e.start, e.start + e.packed);
    const data = e.method === 0 ? stored(packed, e.size) : inflated(packed, e.size);
    if (crc32(data) !== e.crc) refuse(`中的「${e.name}」已损坏（校验不符）`);
    return { name: e.name, data };
  });
}

function stored(packed: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  if (packed.length !== size) refuse('中的文件大小与记录不符');
  return packed.slice();
}

/** Inflates into exactly the declared size: producing more (a lying size) or less refuses at once. */
function inflated(packed: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  let filled = 0;
  let done = false;
  const inflate = new Inflate((chunk, final) => {
    if (filled + chunk.length > size) refuse('中的文件大小与记录不符');
    out.set(chunk, filled);
    filled += chunk.length;
    done ||= final;
  });
  try {
    // Small input slices bound what one step can produce (deflate inflates at most ~1,032 : 1).
    for (let at = 0; at < packed.length && !done; at += 16 * 1024) {
      inflate.push(packed.subarray(at, at + 16 * 1024), at + 16 * 1024 >= packed.length);
    }
  } catch (err) {
    if (err instanceof ZipRefused) throw err;
    refuse('不完整或已损坏');
  }
  if (!done || filled !== size) refuse('中的文件大小与记录不符');
  return out;
}

let table: Uint32Array | undefined;
function crc32(data: Uint8Array): number {
  table ??= Uint32Array.from({ length: 256 }, (_, n) => {
    for (let k = 0; k < 8; k++) n = n & 1 ? 0xedb88320 ^ (n >>> 1) : n >>> 1;
    return n >>> 0;
  });
  let c = 0xffffffff;
  for (const b of data) c = table[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
