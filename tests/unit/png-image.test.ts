// Opaque PNGs pass into the PDF without being decoded and deflated again: the image stream holds
// the PNG's own IDAT data with /Predictor 15, which inflates to the same pixels pdf-lib writes.
// PNGs the pass-through cannot carry (alpha, palette, 16-bit, interlaced, damaged) go through pdf-lib.
import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName, PDFRawStream, type PDFRef } from 'pdf-lib';
import { unzlibSync } from 'fflate';
import { encodePng } from '../../scripts/sample/png';
import { embedPng, passThroughPng } from '../../src/adapters/pdf/png-image';

const W = 37;
const H = 23;
const png = encodePng(W, H, (x, y) => [(x * 7) % 256, (y * 11) % 256, (x * y) % 256]);

function streamOf(doc: PDFDocument, ref: PDFRef): PDFRawStream {
  const s = doc.context.lookup(ref);
  if (!(s instanceof PDFRawStream)) throw new Error('not a raw stream');
  return s;
}

/** Sets byte `at` of chunk `type` (offset within its data) and fixes nothing else. */
function withIhdrByte(offset: number, value: number): Uint8Array {
  const out = new Uint8Array(png);
  out[8 + 8 + offset] = value;
  return out;
}

describe('PNG pass-through', () => {
  it('carries the IDAT data, which inflates (PNG rows) to the pixels pdf-lib would write', async () => {
    const doc = await PDFDocument.create();
    const ours = await embedPng(doc, png);
    const theirs = await doc.embedPng(png);
    expect([ours.width, ours.height]).toEqual([W, H]);
    const ourStream = streamOf(doc, ours.ref);
    expect(ourStream.dict.get(PDFName.of('Filter'))?.toString()).toBe('/FlateDecode');
    expect(ourStream.dict.get(PDFName.of('DecodeParms'))?.toString()).toContain('/Predictor 15');
    const rows = unzlibSync(ourStream.contents);
    // encodePng writes filter type 0 (none) rows: dropping each row's filter byte gives the pixels.
    const pixels = new Uint8Array(W * H * 3);
    for (let y = 0; y < H; y++) {
      expect(rows[y * (W * 3 + 1)]).toBe(0);
      pixels.set(rows.subarray(y * (W * 3 + 1) + 1, (y + 1) * (W * 3 + 1)), y * W * 3);
    }
    await doc.save(); // pdf-lib embeds its own copy on saving
    expect(pixels).toEqual(unzlibSync(streamOf(doc, theirs.ref).contents));
  });

  it('leaves alpha, palette, 16-bit, interlaced and damaged PNGs to pdf-lib', () => {
    expect(passThroughPng(png)).toBeDefined();
    expect(passThroughPng(withIhdrByte(9, 6))).toBeUndefined(); // RGBA
    expect(passThroughPng(withIhdrByte(9, 3))).toBeUndefined(); // palette
    expect(passThroughPng(withIhdrByte(8, 16))).toBeUndefined(); // 16-bit
    expect(passThroughPng(withIhdrByte(12, 1))).toBeUndefined(); // Adam7
    expect(passThroughPng(png.subarray(0, 40))).toBeUndefined(); // cut inside IDAT
    expect(passThroughPng(new Uint8Array(64))).toBeUndefined();
  });
});
