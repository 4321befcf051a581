// Opaque 8-bit PNGs (grey or RGB, not interlaced) go into the PDF as they are: their IDAT data is
// already a zlib stream with PNG row filters, which PDF's FlateDecode reads with /Predictor 15.
// pdf-lib instead decodes every PNG to pixels and deflates them again (most of the cost of a
// report with photos, issue 18). Anything else (alpha, palette, 16-bit, interlaced) goes through
// pdf-lib as before.
import { PDFDocument, PDFImage, PDFName, PDFNumber, PngEmbedder } from 'pdf-lib';

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

interface Raw {
  width: number;
  height: number;
  colors: 1 | 3;
  idat: Uint8Array;
}

/** The image data of a PNG that can be passed through, or undefined. */
export function passThroughPng(png: Uint8Array): Raw | undefined {
  if (png.length < 33 || SIGNATURE.some((b, i) => png[i] !== b)) return undefined;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let width = 0;
  let height = 0;
  let colors: 1 | 3 | undefined;
  const parts: Uint8Array[] = [];
  for (let at = 8; at + 12 <= png.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    if (data.length !== length) return undefined;
    if (type === 'IHDR') {
      if (length !== 13) return undefined;
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      const [depth, colorType, , , interlace] = data.subarray(8);
      if (depth !== 8 || interlace !== 0 || (colorType !== 0 && colorType !== 2)) return undefined;
      colors = colorType === 0 ? 1 : 3;
    } else if (type === 'IDAT') parts.push(data);
    // Transparency or a palette needs pdf-lib's decoding; other ancillary chunks do not matter.
    else if (type === 'tRNS' || type === 'PLTE') return undefined;
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  if (!colors || !width || !height || !parts.length) return undefined;
  const idat = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (idat.set(p, at), at + p.length), 0);
  return { width, height, colors, idat };
}

/** Embeds a PNG, passing its compressed data through when it can. */
export async function embedPng(doc: PDFDocument, png: Uint8Array): Promise<PDFImage> {
  const raw = passThroughPng(png);
  if (!raw) return doc.embedPng(png);
  const { width, height, colors, idat } = raw;
  const stream = doc.context.stream(idat, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: width,
    Height: height,
    BitsPerComponent: 8,
    ColorSpace: colors === 1 ? 'DeviceGray' : 'DeviceRGB',
    Filter: 'FlateDecode',
  });
  stream.dict.set(
    PDFName.of('DecodeParms'),
    doc.context.obj({ Predictor: 15, Colors: colors, BitsPerComponent: 8, Columns: PDFNumber.of(width) }),
  );
  const ref = doc.context.register(stream);
  // Already in the document: the embedder only hands back the reference when saved.
  // (PDFImage insists on one of pdf-lib's embedder classes.)
  const embedder = Object.assign(Object.create(PngEmbedder.prototype) as PngEmbedder, { width, height, embedIntoContext: async () => ref });
  return PDFImage.of(ref, doc, embedder);
}
