import { describe, expect, it } from 'vitest';
import { plainFields, plainText } from '../../src/domain/plain-text';
import { newInspection, setNote } from '../../src/domain/inspection';
import { markDone, newRectification, reject, verify } from '../../src/domain/rectification';
import type { ChecklistTemplate } from '../../src/domain/checklist';

const NOW = '2026-11-23T10:00:00.000+08:00';
const makeTemplate = (): ChecklistTemplate => ({
  id: 'customer-service',
  title: '客服专业线品质检查',
  kind: 'inspection',
  line: 'customer',
  version: 'abc123',
  grades: { excellent: 90, pass: 80 },
  rectificationDays: 3,
  sections: [
    {
      id: 's',
      title: '前台接待与来电',
      items: [
        {
          id: 'i0',
          kind: 'check',
          text: '来电接听',
          standard: '响铃三声内接听',
          method: '抽查',
          points: 1,
          sop: 'customer-service/front-desk-phone',
        },
      ],
    },
  ],
});

describe('plainText', () => {
  it('drops bidi overrides, embeddings, isolates and marks', () => {
    // "Trojan Source": RLO makes 付款 100 元 read as something else on screen.
    expect(plainText('付款\u202e001\u202c 元')).toBe('付款001 元');
    expect(plainText('\u202a张\u202b三\u202d\u2066李\u2067四\u2068\u2069\u200e\u200f\u061c')).toBe('张三李四');
  });
  it('drops zero-width characters and the BOM', () => {
    expect(plainText('\ufeff王\u200b芳\u200c\u200d\u2060\u180e')).toBe('王芳');
  });
  it('composes to NFC and keeps ordinary text, spaces and astral characters as they are', () => {
    expect(plainText('Cafe\u0301')).toBe('Café');
    expect(plainText('张喆 𠀀 堃昇花园　3 栋\n备注')).toBe('张喆 𠀀 堃昇花园　3 栋\n备注');
  });
  it('plainFields cleans strings only', () => {
    expect(plainFields({ a: '王\u200b芳', n: 3, b: undefined })).toEqual({ a: '王芳', n: 3, b: undefined });
  });
});

describe('stored text is plain', () => {
  it('inspection header and notes', () => {
    const t = makeTemplate();
    const r = newInspection(
      t,
      { templateId: t.id, project: '堃昇\u202e花园', area: '3\u200b 栋', inspector: '\ufeff张喆', inspectedAt: NOW },
      'r1',
      NOW,
    );
    expect([r.project, r.area, r.inspector]).toEqual(['堃昇花园', '3 栋', '张喆']);
    const firstItem = t.sections[0]!.items[0]!.id;
    expect(setNote(r, firstItem, '门禁\u200b故障\u2066', NOW).notes[firstItem]).toBe('门禁故障');
    expect(setNote(r, firstItem, '\u200b\u202e', NOW).notes[firstItem]).toBeUndefined(); // nothing visible: no note
  });
  it('rectification fields and notes', () => {
    const rect = newRectification(
      { id: 'x', inspectionId: 'r1', itemId: 'i', description: '整改\u202e说明', department: '客服\u200b部', owner: '王\u200d芳' },
      '2026-11-23',
      3,
      NOW,
    );
    expect([rect.description, rect.department, rect.owner]).toEqual(['整改说明', '客服部', '王芳']);
    const done = markDone(rect, '已\u200b更换', [], NOW);
    expect(done.doneNote).toBe('已更换');
    expect(reject(done, '未\u202e完成', NOW).rejectedNote).toBe('未完成');
    expect(verify(done, '李\u200b品质', NOW).verifiedBy).toBe('李品质');
  });
});
