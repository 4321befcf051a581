import { describe, expect, it } from 'vitest';
import type { ChecklistItem, ChecklistTemplate, ItemAnswer } from '../../src/domain/checklist';
import { newInspection, setAnswer, setNote } from '../../src/domain/inspection';
import { A4, layoutReport, reportPhotoIds, type Op, type ReportInput } from '../../src/domain/report-layout';

// Fake measure: every character is `size` wide (hanzi-like), so wrapping is predictable.
const measure = (text: string, size: number) => [...text].length * size * 0.9;
const NOW = '2026-11-23T10:00:00.000+08:00';

function input(items: number, opts: { photos?: number; note?: string } = {}): ReportInput {
  const list: ChecklistItem[] = Array.from({ length: items }, (_, i) =>
    i % 4 === 1
      ? {
          id: `i${i}`,
          kind: 'deduct',
          text: `检查项目${i}`,
          standard: '按标准执行，现场查看是否整洁有序'.repeat(1 + (i % 3)),
          method: '现场查看',
          points: 2,
          perFinding: 1,
          sop: 'x/y',
        }
      : { id: `i${i}`, kind: 'check', text: `检查项目${i}`, standard: '标准', method: '方法', points: 1, veto: i === 3, sop: 'x/y' },
  );
  const template: ChecklistTemplate = {
    id: 'customer-service',
    title: '客服专业线品质检查',
    kind: 'inspection',
    line: 'customer',
    version: 'abc',
    grades: { excellent: 90, pass: 80 },
    rectificationDays: 3,
    sections: [
      { id: 's1', title: '前台', items: list.slice(0, Math.ceil(items / 2)) },
      { id: 's2', title: '区管', items: list.slice(Math.ceil(items / 2)) },
    ],
  };
  let record = newInspection(
    template,
    { templateId: template.id, project: '翠湖花园', area: '1 栋', inspector: '李品质', inspectedAt: NOW },
    'rec-1',
    NOW,
  );
  list.forEach((it, i) => {
    const a: ItemAnswer =
      it.kind === 'deduct' ? { result: 'findings', findings: i % 3 } : i === 3 ? { result: 'fail' } : { result: 'pass' };
    record = setAnswer(record, it.id, a, NOW);
  });
  if (opts.note) record = setNote(record, 'i0', opts.note, NOW);
  return {
    company: '示例物业服务有限公司',
    template,
    record,
    rectifications: [],
    photos: Array.from({ length: opts.photos ?? 0 }, (_, i) => ({ id: `p${i}`, itemId: 'i1', width: 1600, height: 1200 })),
    signatures: [
      { role: '检查人', name: '李品质', signedAt: NOW },
      { role: '受检部门代表', name: '王芳', signedAt: NOW },
    ],
    fingerprint: '0123456789abcdef',
  };
}

const texts = (ops: Op[]) => ops.filter((o): o is Extract<Op, { kind: 'text' }> => o.kind === 'text');

describe('layoutReport', () => {
  it('fits a short report on one page with header and footer', () => {
    const pages = layoutReport(input(3), measure);
    expect(pages).toHaveLength(1);
    const t = texts(pages[0]!.ops).map((o) => o.text);
    expect(t).toContain('客服专业线品质检查报告');
    expect(t).toContain('第 1 页 / 共 1 页');
    expect(t.some((s) => s.includes('记录 rec-1 · 指纹 0123456789abcdef'))).toBe(true);
  });

  it('paginates a long report, numbering every page and repeating the table header', () => {
    const pages = layoutReport(input(100, { photos: 10 }), measure);
    expect(pages.length).toBeGreaterThan(3);
    pages.forEach((p, i) => {
      const t = texts(p.ops).map((o) => o.text);
      expect(t).toContain(`第 ${i + 1} 页 / 共 ${pages.length} 页`);
      expect(t.some((s) => s.startsWith('示例物业服务有限公司'))).toBe(true);
    });
    // Every page that holds item rows also holds the item table's header.
    for (const p of pages) {
      const t = texts(p.ops).map((o) => o.text);
      if (t.some((s) => /^(前台|区管) · 检查项目/.test(s))) expect(t).toContain('检查标准');
    }
  });

  it('keeps everything inside the printable area', () => {
    for (const p of layoutReport(input(100, { photos: 10, note: '备注'.repeat(200) }), measure)) {
      for (const o of p.ops) {
        if (o.kind === 'text') {
          expect(o.y).toBeLessThanOrEqual(A4.height - 20);
          expect(o.x + measure(o.text, o.size)).toBeLessThanOrEqual(A4.width - 40);
        }
        if (o.kind === 'image') expect(o.y + o.h).toBeLessThanOrEqual(A4.height - 56);
      }
    }
  });

  it('never splits a table row across pages', () => {
    const pages = layoutReport(input(60, { note: '很长的备注，'.repeat(30) }), measure);
    // The long note's lines all land on the same page as its row's first cell.
    const pageOf = (needle: string) => pages.findIndex((p) => texts(p.ops).some((o) => o.text.includes(needle)));
    const notePages = pages.map((p, i) => (texts(p.ops).some((o) => o.text.includes('很长的备注')) ? i : -1)).filter((i) => i >= 0);
    expect(new Set(notePages).size).toBe(1);
    expect(pageOf('前台 · 检查项目0')).toBe(notePages[0]);
  });

  it('explains deductions and marks the failed veto item', () => {
    const pages = layoutReport(input(8), measure);
    const all = pages.flatMap((p) => texts(p.ops));
    expect(all.some((o) => o.text.includes('扣分说明'))).toBe(true);
    expect(all.some((o) => o.text.includes('否决项不符合') && o.color)).toBe(true);
    expect(all.some((o) => o.text.includes('等级 不合格'))).toBe(true);
  });

  it('captions every photo with its item', () => {
    const pages = layoutReport(input(4, { photos: 3 }), measure);
    const all = pages.flatMap((p) => p.ops);
    expect(all.filter((o) => o.kind === 'image')).toHaveLength(3);
    expect(texts(all).filter((o) => /^图 \d：前台 · 检查项目1/.test(o.text))).toHaveLength(3);
  });
});

describe('layoutReport: field-trial defects', () => {
  const rect = (itemId: string, description: string) => ({
    id: `rec-1:${itemId}`,
    inspectionId: 'rec-1',
    itemId,
    description,
    department: '客服部',
    owner: '王芳',
    deadline: '2026-11-26',
    status: 'open' as const,
    afterPhotos: [],
    createdAt: NOW,
    updatedAt: NOW,
  });

  it('lists 整改要求 in template order, numbered as in 扣分说明', () => {
    const base = input(12);
    // Stored order (by id) is not template order.
    const rects = [rect('i5', '整改五'), rect('i1', '整改一'), rect('i3', '整改三')];
    const all = layoutReport({ ...base, rectifications: rects }, measure).flatMap((p) => texts(p.ops).map((o) => o.text));
    const trace = all.filter((t) => /^\d+\. /.test(t));
    const numberOf = (itemText: string) => trace.find((t) => t.includes(itemText))!.split('.')[0];
    const rows = all.filter((t) => /^整改[一三五]$/.test(t));
    expect(rows).toEqual(['整改一', '整改三', '整改五']);
    expect(all).toContain('序号');
    const seq = all.filter((t) => /^扣分 \d+$/.test(t));
    expect(seq).toEqual([`扣分 ${numberOf('检查项目1：')}`, `扣分 ${numberOf('检查项目3')}`, `扣分 ${numberOf('检查项目5')}`]);
  });

  it('never leaves the signature block alone on the last page', () => {
    for (let n = 0; n <= 28; n++) {
      const photos = n < 15 ? n : 0;
      const pages = layoutReport(input(n < 15 ? 20 : n, { photos }), measure);
      const last = texts(pages.at(-1)!.ops).map((o) => o.text);
      if (!last.includes('签字确认')) continue;
      // Besides header, footer, the signature heading and block, the last page carries report content.
      const content = last.filter(
        (t) => !/^第 \d+ 页|^记录 |签字确认|确认内容|^检查人$|^受检部门代表$|· 2026-|^示例物业/.test(t) && !t.includes('版本'),
      );
      expect(content.length, `${photos} 张照片`).toBeGreaterThan(0);
    }
  });

  it('captions an after-photo as such', () => {
    const base = input(4);
    const pages = layoutReport({ ...base, photos: [{ id: 'a1', itemId: 'i1:after', width: 800, height: 600 }] }, measure);
    expect(pages.flatMap((p) => texts(p.ops)).some((o) => o.text === '图 1：前台 · 检查项目1（整改后）')).toBe(true);
  });

  it('orders the photos of a record (a revision keeps its original’s) by the template, each once', () => {
    const base = input(6);
    const record = { ...base.record, photos: { i4: ['p3'], i1: ['p1', 'p2'] } };
    expect(
      reportPhotoIds(
        base.template,
        record,
        [rect('i1', 'x')].map((r) => ({ ...r, afterPhotos: ['a9'] })),
      ),
    ).toEqual(['p1', 'p2', 'a9', 'p3']);
  });
});

describe('layoutReport: evidence photos', () => {
  it('captions an annotated copy and prints each photo’s short SHA-256', () => {
    const base = input(4);
    const photos = [
      { id: 'p1', itemId: 'i1', width: 800, height: 600, sha256: '1a2b3c4d'.repeat(8) },
      { id: 'p2', itemId: 'i1', width: 800, height: 600, sha256: 'ffee0011'.repeat(8), originalOf: 'p1' },
    ];
    // Captions may wrap onto a second line (the break eats a space): read them joined, without spaces.
    const t = layoutReport({ ...base, photos }, measure)
      .flatMap((p) => texts(p.ops).map((o) => o.text))
      .join('')
      .replace(/\s/g, '');
    expect(t).toContain('图1：前台·检查项目1·SHA-2561a2b3c4d');
    expect(t).toContain('图2：前台·检查项目1（标注）·SHA-256ffee0011');
  });
});
