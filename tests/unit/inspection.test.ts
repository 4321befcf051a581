import { describe, expect, it } from 'vitest';
import type { ChecklistTemplate } from '../../src/domain/checklist';
import {
  finalize,
  finalizeProblems,
  monthOf,
  newInspection,
  ReadOnlyError,
  revise,
  setAnswer,
  setNote,
  setPhotos,
} from '../../src/domain/inspection';
import {
  addDays,
  proposedDescription,
  filterRectifications,
  isOverdue,
  markDone,
  newRectification,
  reject,
  RectificationError,
  verify,
  type Rectification,
} from '../../src/domain/rectification';

const T: ChecklistTemplate = {
  id: 'customer',
  title: '客服专业线品质检查',
  kind: 'inspection',
  line: 'customer',
  version: 'abc123',
  grades: { excellent: 90, pass: 80 },
  rectificationDays: 3,
  sections: [
    {
      id: 'fd',
      title: '前台',
      items: [
        {
          id: 'a',
          kind: 'check',
          text: '三声内接听',
          standard: '响铃三声内接听',
          method: '现场拨打',
          points: 10,
          sop: 'customer-service/front-desk-phone',
        },
        {
          id: 'b',
          kind: 'deduct',
          text: '仪容仪表',
          standard: '着装整洁',
          method: '现场查看',
          points: 5,
          perFinding: 1,
          sop: 'conduct/grooming',
        },
      ],
    },
  ],
};
const NOW = '2026-11-23T10:00:00+08:00';
const header = { templateId: 'customer', project: '翠湖花园', area: '服务中心', inspector: '李主管', inspectedAt: NOW };
const draft = () => newInspection(T, header, 'i1', NOW);

describe('inspection record', () => {
  it('starts as a draft carrying the template version', () => {
    const r = draft();
    expect(r).toMatchObject({
      status: 'draft',
      templateVersion: 'abc123',
      templateTitle: '客服专业线品质检查',
      line: 'customer',
      revision: 1,
    });
    expect(monthOf(r.inspectedAt)).toBe('2026-11');
  });
  it('records answers, notes and photos immutably, and clears them', () => {
    const r0 = draft();
    const r1 = setAnswer(r0, 'a', { result: 'pass' }, 'later');
    expect(r0.answers).toEqual({});
    expect(r1.answers).toEqual({ a: { result: 'pass' } });
    expect(r1.updatedAt).toBe('later');
    expect(setAnswer(r1, 'a', null, 'x').answers).toEqual({});
    expect(setNote(r1, 'a', '  ', 'x').notes).toEqual({});
    expect(setNote(r1, 'a', '铃响五声才接', 'x').notes).toEqual({ a: '铃响五声才接' });
    expect(setPhotos(r1, 'b', ['p1'], 'x').photos).toEqual({ b: ['p1'] });
    expect(setPhotos(setPhotos(r1, 'b', ['p1'], 'x'), 'b', [], 'x').photos).toEqual({});
  });
  it('lists what blocks finalisation in Chinese', () => {
    const r = { ...setAnswer(draft(), 'b', { result: 'findings', findings: 2 }, NOW), inspector: ' ' };
    const problems = finalizeProblems(T, r, []);
    expect(problems.map((p) => p.message)).toEqual([
      '未填写检查人',
      '未作答：前台：三声内接听',
      '整改未指定责任部门和责任人：前台：仪容仪表',
    ]);
    const answered = setAnswer(setAnswer(draft(), 'a', { result: 'na' }, NOW), 'b', { result: 'na' }, NOW);
    expect(finalizeProblems(T, answered, []).map((p) => p.kind)).toEqual(['no-score']);
  });
  it('accepts a complete inspection whose deductions have owners and deadlines', () => {
    const r = setAnswer(setAnswer(draft(), 'a', { result: 'pass' }, NOW), 'b', { result: 'findings', findings: 1 }, NOW);
    expect(finalizeProblems(T, r, [{ itemId: 'b', department: '客服部', owner: '王芳', deadline: '2026-11-26' }])).toEqual([]);
    expect(finalizeProblems(T, r, [{ itemId: 'b', department: '客服部', owner: '王芳', deadline: '' }])[0]!.kind).toBe(
      'rectification-deadline',
    );
  });
  it('finalises read-only with the score kept on the record', () => {
    const r = finalize(
      T,
      setAnswer(setAnswer(draft(), 'a', { result: 'pass' }, NOW), 'b', { result: 'findings', findings: 1 }, NOW),
      'fin',
    );
    expect(r.status).toBe('final');
    expect(r.result).toEqual({ score: 933, grade: 'excellent', vetoFailed: false, earned: 140, possible: 150 });
    expect(() => setAnswer(r, 'a', { result: 'fail' }, 'x')).toThrow(ReadOnlyError);
    expect(() => setNote(r, 'a', 'x', 'x')).toThrow('已定稿');
    expect(() => finalize(T, r, 'x')).toThrow(ReadOnlyError);
  });
  it('corrections create a new revision that points at the original', () => {
    const fin = finalize(T, setAnswer(setAnswer(draft(), 'a', { result: 'pass' }, NOW), 'b', { result: 'na' }, NOW), 'fin');
    const rev = revise(fin, 'i2', 'r');
    expect(rev).toMatchObject({ id: 'i2', status: 'draft', revision: 2, revisionOf: 'i1', answers: fin.answers });
    expect(rev.result).toBeUndefined();
    expect(fin.status).toBe('final');
    expect(() => revise(draft(), 'x', 'r')).toThrow();
    expect(() => revise({ ...fin, supersededBy: 'i2' }, 'x', 'r')).toThrow('已有修订版');
  });
});

describe('rectification', () => {
  const r0 = newRectification({ id: 'r1', inspectionId: 'i1', itemId: 'b', description: '前台人员未佩戴工牌' }, '2026-11-28', 3, NOW);
  it('gets the template deadline from the inspection date', () => {
    expect(r0.deadline).toBe('2026-12-01');
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(r0.status).toBe('open');
  });
  it('moves 待整改 → 已整改 → 已复查', () => {
    const done = markDone(r0, '已补发工牌', ['p9'], 'd');
    expect(done).toMatchObject({ status: 'done', doneNote: '已补发工牌', afterPhotos: ['p9'] });
    const ver = verify(done, '李主管', 'v');
    expect(ver).toMatchObject({ status: 'verified', verifiedBy: '李主管' });
    expect(() => verify(r0, '李主管', 'v')).toThrow(RectificationError);
    expect(() => markDone(ver, 'x', [], 'd')).toThrow(RectificationError);
    expect(() => markDone(r0, ' ', [], 'd')).toThrow('整改说明');
  });
  it('can be sent back when the fix is not good enough', () => {
    const back = reject(markDone(r0, '已处理', [], 'd'), '工牌仍未佩戴', 'b');
    expect(back).toMatchObject({ status: 'open', rejectedNote: '工牌仍未佩戴' });
    expect(() => reject(r0, '原因', 'b')).toThrow();
  });
  it('proposes what to put right from the item and its findings', () => {
    const item = { text: '前台人员仪容', standard: '着装整洁' };
    expect(proposedDescription(item, 3)).toBe('前台人员仪容：发现 3 处问题，按标准整改（着装整洁）');
    expect(proposedDescription(item)).toBe('前台人员仪容不符合要求，按标准整改（着装整洁）');
  });
  it('is overdue only while open after its deadline day', () => {
    expect(isOverdue(r0, '2026-12-01')).toBe(false);
    expect(isOverdue(r0, '2026-12-02')).toBe(true);
    expect(isOverdue({ ...r0, status: 'done' }, '2027-01-01')).toBe(false);
  });
  it('filters by status and department, overdue first', () => {
    const list: Rectification[] = [
      { ...r0, id: 'a', department: '客服部', deadline: '2026-12-10' },
      { ...r0, id: 'b', department: '安防部', deadline: '2026-11-30' },
      { ...r0, id: 'c', department: '客服部', deadline: '2026-11-20', status: 'done' },
      { ...r0, id: 'd', department: '客服部', deadline: '2026-11-25' },
    ];
    const ids = (f: Parameters<typeof filterRectifications>[1]) => filterRectifications(list, f, '2026-12-01').map((r) => r.id);
    expect(ids({})).toEqual(['d', 'b', 'c', 'a']);
    expect(ids({ department: '客服部' })).toEqual(['d', 'c', 'a']);
    expect(ids({ status: 'overdue' })).toEqual(['d', 'b']);
    expect(ids({ status: 'done' })).toEqual(['c']);
  });
});

describe('survey records', () => {
  const S: ChecklistTemplate = {
    id: 'survey-daily',
    title: '日常客户满意度调查',
    kind: 'survey',
    line: 'survey',
    version: 'v',
    grades: { excellent: 90, pass: 80 },
    rectificationDays: 3,
    sections: [
      {
        id: 's',
        title: '服务',
        items: [
          { id: 'q1', kind: 'rating', text: '响应速度' },
          { id: 'q2', kind: 'rating', text: '服务态度' },
        ],
      },
    ],
  };
  const r0 = newInspection(
    S,
    { templateId: 'survey-daily', project: '翠湖花园', area: '3 栋 502', inspector: '', inspectedAt: NOW },
    's1',
    NOW,
  );
  it('lists unanswered questions and missing header fields with survey labels', () => {
    expect(finalizeProblems(S, setAnswer(r0, 'q1', { result: 'rating', rating: 5 }, NOW), []).map((p) => p.message)).toEqual([
      '未填写调查员',
      '未作答：服务：服务态度',
    ]);
  });
  it('finalises with satisfaction rate and mean', () => {
    const r = {
      ...setAnswer(setAnswer(r0, 'q1', { result: 'rating', rating: 5 }, NOW), 'q2', { result: 'rating', rating: 3 }, NOW),
      inspector: '赵',
    };
    expect(finalizeProblems(S, r, [])).toEqual([]);
    expect(finalize(S, r, 'f').result!.survey).toEqual({ rate: 500, mean: 40, answered: 2, satisfied: 1 });
  });
});
