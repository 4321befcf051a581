// The 签字确认 block is one function for inspection and survey reports: the same boxes, roles,
// drawn signatures and names in both, kept on one page with the statement of what is signed.
import { describe, expect, it } from 'vitest';
import { finalize, newInspection, setAnswer } from '../../src/domain/inspection';
import { layoutReport, type Op, type ReportInput } from '../../src/domain/report-layout';
import { check, rating, section, template } from '../support/templates';

const measure = (text: string, size: number) => [...text].length * size * 0.9;
const AT = '2026-11-10T09:00:00.000+08:00';
const SIGS: ReportInput['signatures'] = [
  { role: '检查人', name: '李品质', signedAt: AT, imageId: 'sig0', width: 400, height: 100 },
  { role: '项目负责人', name: '王经理', signedAt: '2026-11-10T09:30:00.000+08:00' },
];

function report(kind: 'inspection' | 'survey'): ReportInput {
  const t =
    kind === 'survey'
      ? template([section('q', '服务', [rating('q1', '前台服务'), rating('q2', '保洁')])], { id: 'sv', kind: 'survey', line: 'survey' })
      : template([section('s', '前台', [check('c1'), check('c2')])], { id: 'cs' });
  let r = newInspection(t, { templateId: t.id, project: '翠湖花园', area: '1 栋', inspector: '李品质', inspectedAt: AT }, 'r-1', AT);
  for (const item of t.sections[0]!.items)
    r = setAnswer(r, item.id, kind === 'survey' ? { result: 'rating', rating: 5 } : { result: 'pass' }, AT);
  return {
    company: '示例物业',
    template: t,
    record: finalize(t, r, AT),
    rectifications: [],
    photos: [],
    signatures: SIGS,
    fingerprint: '0123456789abcdef',
  };
}

/** The ops from the 签字确认 heading on, placed relative to the heading (the block itself). */
function block(kind: 'inspection' | 'survey'): Op[] {
  const pages = layoutReport(report(kind), measure);
  const ops = pages.at(-1)!.ops;
  const at = ops.findIndex((o) => o.kind === 'text' && o.text === '签字确认');
  expect(at).toBeGreaterThan(-1);
  const y0 = (ops[at] as { y: number }).y;
  return (
    ops
      .slice(at)
      // The block only: not the statement (its text differs by kind) nor the page footer below.
      .filter((o) => !(o.kind === 'text' && o.text.startsWith('确认内容')) && ('y' in o ? o.y : o.y1) < 780)
      .map((o) => {
        const r = (y: number) => Math.round((y - y0) * 1000) / 1000;
        return 'y' in o ? { ...o, y: r(o.y) } : o.kind === 'line' ? { ...o, y1: r(o.y1), y2: r(o.y2) } : o;
      })
  );
}

describe('signatureBlock', () => {
  it('draws the same block in an inspection report and a survey report', () => {
    const inspection = block('inspection');
    expect(block('survey')).toEqual(inspection);
  });

  it('boxes each of the first two signers with role, drawn signature (aspect kept) and name with time', () => {
    const ops = block('inspection');
    expect(ops.filter((o) => o.kind === 'rect')).toHaveLength(2);
    const texts = ops.flatMap((o) => (o.kind === 'text' ? [o.text] : []));
    expect(texts).toEqual(expect.arrayContaining(['检查人', '项目负责人', '李品质 · 2026-11-10 09:00', '王经理 · 2026-11-10 09:30']));
    const image = ops.find((o) => o.kind === 'image');
    expect(image).toMatchObject({ imageId: 'sig0', h: 38, w: 152 });
  });
});
