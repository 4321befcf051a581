// Forged archives, as an attacker would send them: each is refused in full (one entry whose
// reading fails with the reason, none of its PDFs), the honest archive yields exactly its PDFs.
import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { expandZips, readZip, type ZipLimits } from '../../src/adapters/files/zip-input';

const LIMITS: ZipLimits = { maxEntries: 20, maxEntryBytes: 256 * 1024, maxTotalBytes: 512 * 1024 };
const pdf = (text: string) => strToU8(`%PDF-1.7\n${text}\n%%EOF\n`);
const zipFile = (bytes: Uint8Array, name = 'bundle.zip') => new File([bytes as Uint8Array<ArrayBuffer>], name);

/** Offsets of every central-directory and local header (for patching a real archive into a forged one). */
function headers(zip: Uint8Array, signature: number): number[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const at: number[] = [];
  for (let i = 0; i + 4 <= zip.length; i++) if (view.getUint32(i, true) === signature) at.push(i);
  return at;
}
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
function patch(zip: Uint8Array, edit: (view: DataView, central: number[], local: number[]) => void): Uint8Array {
  const copy = zip.slice();
  edit(new DataView(copy.buffer), headers(copy, CENTRAL), headers(copy, LOCAL));
  return copy;
}

/** Expands one archive and returns what became of it: the PDFs, or the refusal's reason. */
async function outcome(zip: Uint8Array, limits = LIMITS): Promise<{ names: string[] } | { refused: string }> {
  const out = await expandZips([zipFile(zip)], limits);
  try {
    await Promise.all(out.map((f) => f.arrayBuffer()));
    return { names: out.map((f) => f.name) };
  } catch (err) {
    expect(out).toHaveLength(1); // refused in full: nothing of the archive is left to import
    expect(out[0]!.name).toBe('bundle.zip');
    return { refused: (err as Error).message };
  }
}

describe('expandZips: the honest archive', () => {
  it('yields its PDFs (nested paths kept in the name), skipping directories and other files', async () => {
    const zip = zipSync({ 'a.pdf': pdf('a'), sub: { 'b.PDF': pdf('b'), deeper: {} }, 'manifest.json': strToU8('{}') }, { level: 6 });
    const out = await expandZips([zipFile(zip)], LIMITS);
    expect(out.map((f) => f.name)).toEqual(['bundle.zip/a.pdf', 'bundle.zip/sub/b.PDF']);
    expect(new Uint8Array(await out[1]!.arrayBuffer())).toEqual(pdf('b'));
    expect(out.every((f) => f.type === 'application/pdf')).toBe(true);
  });

  it('reads stored (level 0) archives, as the tablet exports them, and passes other files through untouched', async () => {
    const plain = new File([pdf('x')], 'x.pdf');
    const out = await expandZips([plain, zipFile(zipSync({ 'r.pdf': pdf('r') }, { level: 0 }))], LIMITS);
    expect(out[0]).toBe(plain);
    expect(out.map((f) => f.name)).toEqual(['x.pdf', 'bundle.zip/r.pdf']);
  });

  it('names a Chinese file name as written (UTF-8 flag)', async () => {
    expect(await outcome(zipSync({ '南门岗 检查报告.pdf': pdf('c') }))).toEqual({ names: ['bundle.zip/南门岗 检查报告.pdf'] });
  });
});

describe('expandZips: forged archives are refused in full', () => {
  const refused = async (zip: Uint8Array, reason: RegExp, limits = LIMITS) => {
    const r = await outcome(zip, limits);
    expect(r).toHaveProperty('refused');
    expect((r as { refused: string }).refused).toMatch(/^压缩包「bundle\.zip」/);
    expect((r as { refused: string }).refused).toMatch(reason);
    expect((r as { refused: string }).refused).toMatch(/其中的文件均未导入$/);
  };

  it('a zip bomb by ratio: a small archive that inflates past the per-file cap', async () => {
    const bomb = zipSync({ 'bomb.pdf': new Uint8Array(8 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    await refused(bomb, /「bomb\.pdf」解压后超过 256 KB/);
  });

  it('many files each under the cap, past the total', async () => {
    const files = Object.fromEntries([0, 1, 2].map((i) => [`p${i}.pdf`, new Uint8Array(200 * 1024)]));
    await refused(zipSync(files), /解压后超过 512 KB/);
  });

  it('more entries than allowed (counted before anything is inflated, PDFs or not)', async () => {
    const files = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`n${i}.txt`, strToU8('x')]));
    await refused(zipSync(files), /包含 21 个文件，超过上限 20 个/);
  });

  it('lying declared sizes: smaller than what inflates (a hidden bomb) and larger than it', async () => {
    const real = zipSync({ 'big.pdf': new Uint8Array(4 * 1024 * 1024) }, { level: 9 });
    const set = (size: number) =>
      patch(real, (v, central, local) => {
        v.setUint32(central[0]! + 24, size, true);
        v.setUint32(local[0]! + 22, size, true);
      });
    await refused(set(1000), /大小与记录不符/);
    await refused(set(4 * 1024 * 1024 + 1), /超过 256 KB/);
    await refused(set(100 * 1024), /大小与记录不符/);
    const stored = zipSync({ 's.pdf': pdf('s') }, { level: 0 });
    await refused(
      patch(stored, (v, central) => v.setUint32(central[0]! + 24, 3, true)),
      /大小与记录不符/,
    );
  });

  it('a truncated or corrupt archive', async () => {
    const zip = zipSync({ 'a.pdf': pdf('a'.repeat(5000)), 'b.pdf': pdf('b') }, { level: 6 });
    await refused(zip.slice(0, Math.floor(zip.length / 2)), /不完整或已损坏/);
    await refused(zip.slice(0, zip.length - 1), /不完整或已损坏/);
    // A byte of the first file's data flipped: the inflater or the CRC-32 notices.
    await refused(
      patch(zip, (v, _c, local) => {
        const at = local[0]! + 30 + v.getUint16(local[0]! + 26, true) + 10;
        v.setUint8(at, v.getUint8(at) ^ 0xff);
      }),
      /损坏/,
    );
    // The central directory pointing outside the file.
    await refused(
      patch(zip, (v, central) => v.setUint32(central[1]! + 42, zip.length + 100, true)),
      /不完整或已损坏/,
    );
    expect(await outcome(strToU8('PK\u0003\u0004 not really'))).toEqual({ refused: expect.stringMatching(/不完整或已损坏/) });
  });

  it('names that climb out of the archive', async () => {
    for (const name of ['../evil.pdf', 'ok/../../evil.pdf', '/etc/evil.pdf', 'C:/evil.pdf', 'a\\..\\evil.pdf', 'a\u0000.pdf']) {
      await refused(zipSync({ [name]: pdf('e'), 'fine.pdf': pdf('f') }), /不安全的文件名/);
    }
  });

  it('two entries with the same name (which one would count?)', async () => {
    const zip = zipSync({ 'a.pdf': pdf('1'), 'b.pdf': pdf('2') }, { level: 0 });
    const dup = patch(zip, (v, central, local) => {
      for (const at of [central[1]! + 46, local[1]! + 30]) v.setUint8(at, 'a'.charCodeAt(0));
    });
    await refused(dup, /重名的文件「a\.pdf」/);
  });

  it('many entries pointing at one compressed stream (a few KB that would each inflate in full)', async () => {
    const zip = zipSync({ 'a.pdf': pdf('a'.repeat(100_000)), 'b.pdf': pdf('b') }, { level: 9 });
    const shared = patch(zip, (v, central) => {
      // b.pdf's directory entry made a copy of a.pdf's: same sizes, CRC and local header offset.
      for (const off of [10, 16, 20, 24, 42]) v.setUint32(central[1]! + off, v.getUint32(central[0]! + off, true), true);
    });
    await refused(shared, /共用同一段数据/);
  });

  it('an encrypted entry, or one packed with a method this app does not read', async () => {
    const zip = zipSync({ 'a.pdf': pdf('1') });
    await refused(
      patch(zip, (v, central) => v.setUint16(central[0]! + 8, v.getUint16(central[0]! + 8, true) | 1, true)),
      /已加密/,
    );
    await refused(
      patch(zip, (v, central) => v.setUint16(central[0]! + 10, 12, true)),
      /不支持的压缩方式（12）/,
    );
  });

  it('keeps the other picked files when one archive is refused', async () => {
    const plain = new File([pdf('x')], 'x.pdf');
    const out = await expandZips([zipFile(zipSync({ '../x.pdf': pdf('x') })), plain], LIMITS);
    expect(out).toHaveLength(2);
    expect(out[1]).toBe(plain);
    await expect(out[0]!.arrayBuffer()).rejects.toThrow(/不安全的文件名/);
  });
});

describe('a picked file that cannot be read', () => {
  it('is one 未导入 entry with the reason; the other files are still imported', async () => {
    class Gone extends File {
      override slice(): Blob {
        return { arrayBuffer: () => Promise.reject(new DOMException('gone', 'NotReadableError')) } as Blob;
      }
    }
    const plain = new File([pdf('x')], 'x.pdf');
    const out = await expandZips([new Gone([], 'moved.zip'), plain], LIMITS);
    expect(out).toHaveLength(2);
    expect(out[1]).toBe(plain);
    expect(out[0]!.name).toBe('moved.zip');
    await expect(out[0]!.arrayBuffer()).rejects.toThrow('文件「moved.zip」无法读取，请重新选择');
  });
});

describe('an archive without PDFs', () => {
  it('is said to hold none, not silently dropped', async () => {
    expect(await outcome(zipSync({ 'manifest.json': strToU8('{}'), docs: {} }))).toEqual({
      refused: '压缩包「bundle.zip」中没有 PDF 文件',
    });
  });
});

describe('readZip', () => {
  it('caps by the default limits too (an empty archive has no PDFs)', () => {
    expect(readZip(zipSync({ 'only.txt': strToU8('x') }))).toEqual([]);
  });
});
