// The build's page numbering of the printed books: reading chapter pages from a PDF's named
// destinations, and writing them into the fixed-width slots of the HTML.
import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName } from 'pdf-lib';
import { destinationPages, fillPageSlots } from '../../scripts/print-page-numbers.mjs';

describe('destinationPages', () => {
  it('maps every named destination to its 1-based page', async () => {
    const doc = await PDFDocument.create();
    const pages = [doc.addPage(), doc.addPage(), doc.addPage()];
    const dest = (i: number) => doc.context.obj([pages[i]!.ref, PDFName.of('XYZ'), 0, 800, 0]);
    doc.catalog.set(PDFName.of('Dests'), doc.context.obj({ 'sop-a': dest(0), 'sop-b': dest(2) }));
    const found = await destinationPages(await doc.save());
    expect(Object.fromEntries(found)).toEqual({ 'sop-a': 1, 'sop-b': 3 });
  });

  it('returns nothing for a PDF without destinations', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    expect((await destinationPages(await doc.save())).size).toBe(0);
  });
});

describe('fillPageSlots', () => {
  const html =
    '<li><span class="page-slot book-toc-page" data-page-of="sop-a"></span></li>' +
    '<p>见《乙》，第 <span class="page-slot" data-page-of="sop-b">9</span> 页</p>' +
    '<span class="page-slot" data-page-of="sop-c"></span>';
  it('writes the numbers it knows and leaves the others empty', () => {
    const out = fillPageSlots(
      html,
      new Map([
        ['sop-a', 4],
        ['sop-b', 12],
      ]),
    );
    expect(out).toContain('data-page-of="sop-a">4</span>');
    expect(out).toContain('data-page-of="sop-b">12</span>');
    expect(out).toContain('data-page-of="sop-c"></span>');
  });
  it('is idempotent', () => {
    const pages = new Map([['sop-a', 4]]);
    expect(fillPageSlots(fillPageSlots(html, pages), pages)).toBe(fillPageSlots(html, pages));
  });
});
