import { describe, expect, it } from 'vitest';
import { offeredNames, rememberName } from '../../src/domain/owner-list';
import { deletionPlan, deletionQuestion, finalize, newInspection, revise, setAnswer, setPhotos } from '../../src/domain/inspection';
import { scoreInspection } from '../../src/domain/scoring';
import { copyAsNew, gradeLabel, nextUnanswered, resumeItem, sectionAllPass } from '../../src/domain/walking';
import { check, deduct, section, template } from '../support/templates';

const T = template([
  section('s1', '前台', [check('a'), deduct('b', { standard: '整洁' })]),
  section('s2', '区管', [
    check('c', { text: '巡查', standard: '每日', method: '查记录' }),
    check('v', { text: '消防通道', standard: '畅通', method: '查看', veto: true }),
  ]),
]);
const now = '2026-11-02T09:00:00.000+08:00';
const rec = () => newInspection(T, { templateId: 'c', project: '翠湖花园', area: '3 栋', inspector: '李', inspectedAt: now }, 'r1', now);

describe('walking an inspection', () => {
  it('finds the next unanswered item after the current one, wrapping round', () => {
    const order = ['a', 'b', 'c', 'v'];
    expect(nextUnanswered(order, new Set(['a', 'c']), 'a')).toBe('c');
    expect(nextUnanswered(order, new Set(['a', 'c']), 'c')).toBe('a');
    expect(nextUnanswered(order, new Set(['b']), null)).toBe('b');
    expect(nextUnanswered(order, new Set(), 'a')).toBeNull();
  });
  it('reopens at the item in the address, else the last answered, if it exists', () => {
    expect(resumeItem(['a', 'b'], '#item-b', 'a')).toBe('b');
    expect(resumeItem(['a', 'b'], '', 'a')).toBe('a');
    expect(resumeItem(['a', 'b'], '#item-zz', null)).toBeNull();
    expect(resumeItem(['a', 'b'], '', 'gone')).toBeNull();
  });
  it('marks only the unanswered items of a section as 符合', () => {
    expect(sectionAllPass(T, 's1', { a: { result: 'fail' } })).toEqual([['b', { result: 'findings', findings: 0 }]]);
    expect(sectionAllPass(T, 's2', {})).toEqual([
      ['c', { result: 'pass' }],
      ['v', { result: 'pass' }],
    ]);
    expect(sectionAllPass(T, 'nope', {})).toEqual([]);
  });
  it('copies as a new inspection with the same header and no answers', () => {
    const done = finalize(T, setAnswer(rec(), 'a', { result: 'pass' }, now), now);
    const copy = copyAsNew(T, done, 'r2', '2026-11-09T09:00:00.000+08:00');
    expect(copy).toMatchObject({ id: 'r2', project: '翠湖花园', area: '3 栋', inspector: '李', status: 'draft', answers: {}, revision: 1 });
    expect(copy.inspectedAt).toBe('2026-11-09T09:00:00.000+08:00');
  });
  it('calls the grade provisional while items are open, unless a veto item has failed', () => {
    const one = scoreInspection(T, { b: { result: 'findings', findings: 2 } });
    expect(gradeLabel(one)).toEqual({ text: '暂评 不合格', provisional: true });
    expect(gradeLabel(scoreInspection(T, { v: { result: 'fail' } }))).toEqual({ text: '不合格', provisional: false });
    const all = scoreInspection(T, {
      a: { result: 'pass' },
      b: { result: 'findings', findings: 0 },
      c: { result: 'pass' },
      v: { result: 'pass' },
    });
    expect(gradeLabel(all)).toEqual({ text: '优秀', provisional: false });
    expect(gradeLabel(scoreInspection(T, {}))).toEqual({ text: '', provisional: false });
  });
});

describe('deleting a record', () => {
  it('deletes only its own photos, keeps those a revision shares, and makes the original current again', () => {
    const original = finalize(T, setPhotos(setAnswer(rec(), 'a', { result: 'fail' }, now), 'a', ['p1'], now), now);
    const revision = finalize(T, setPhotos(revise(original, 'r2', now), 'a', ['p1', 'p2'], now), now);
    const all = [{ ...original, supersededBy: 'r2' }, revision];
    const photos = [
      { id: 'p1', inspectionId: 'r1' },
      { id: 'p2', inspectionId: 'r2' },
    ];
    expect(deletionPlan(revision, all, photos)).toEqual({ inspectionId: 'r2', photoIds: ['p2'], restore: 'r1' });
    expect(deletionPlan(all[0]!, all, photos)).toEqual({ inspectionId: 'r1', photoIds: [], restore: undefined });
    expect(deletionQuestion(rec())).toContain('删除草稿');
    expect(deletionQuestion(revision)).toContain('已定稿');
  });
});

describe('owner lists on the device', () => {
  it('remembers names most recent first, without repeats or blanks, and offers them before the standard ones', () => {
    let list: string[] = [];
    list = rememberName(list, '王芳');
    list = rememberName(list, '  李强 ');
    list = rememberName(list, '王芳');
    list = rememberName(list, '   ');
    expect(list).toEqual(['王芳', '李强']);
    expect(
      rememberName(
        Array.from({ length: 50 }, (_, i) => `人${i}`),
        '新人',
      ),
    ).toHaveLength(50);
    expect(offeredNames(['保安一队', '客服部'], ['客服部', '安防部'])).toEqual(['保安一队', '客服部', '安防部']);
  });
});
