import { describe, expect, it } from 'vitest';
import { filterRows, sortRows, trainingCsv, trainingRows } from '../../src/domain/training-records';
import type { LearnerProgress, PathPage } from '../../src/domain/progress';

const path: PathPage[] = [
  { id: 'a/x', title: 'X', version: 'v1', minutes: 2 },
  { id: 'a/y', title: 'Y', version: 'v2', minutes: 3 },
];
const T = '2026-11-23T10:00:00.000+08:00';
const zhang: LearnerProgress = {
  learnerId: 'emp:KF023',
  name: '张晓',
  employeeNo: 'KF023',
  posts: ['front-desk'],
  reads: { 'a/x': { at: T, version: 'v1', how: 'scrolled' }, 'a/y': { at: T, version: 'v2', how: 'scrolled' } },
  attempts: [
    { scope: 'post:front-desk', at: T, score: 600, passed: false },
    { scope: 'post:front-desk', at: T, score: 950, passed: true },
  ],
  signOffs: [{ post: 'front-desk', at: T, versions: { 'a/x': 'v0', 'a/y': 'v2' }, quizScore: 950 }],
};
// An older profile without assigned posts, who read shared pages only: it has no row.
const wang: LearnerProgress = {
  learnerId: 'emp:AF009',
  name: '王五',
  employeeNo: 'AF009',
  reads: { 'a/x': { at: T, version: 'v1', how: 'scrolled' } },
  attempts: [],
  signOffs: [],
};
const li: LearnerProgress = {
  learnerId: 'emp:BJ001',
  name: '李四',
  employeeNo: 'BJ001',
  posts: ['cleaning'],
  reads: { 'a/x': { at: T, version: 'v1', how: 'scrolled' } },
  attempts: [],
  signOffs: [],
};
const paths = { 'front-desk': path, cleaning: path.slice(0, 1), greening: path };
const names = { 'front-desk': '客服前台', cleaning: '清洁保洁', greening: '绿化养护' };

describe('training records', () => {
  const rows = trainingRows([zhang, li, wang], paths, names);
  it('has one row per learner and assigned post, with progress, best score, attempts and sign-off', () => {
    expect(rows).toEqual([
      {
        name: '李四',
        employeeNo: 'BJ001',
        postId: 'cleaning',
        post: '清洁保洁',
        done: 1,
        total: 1,
        bestScore: null,
        attempts: 0,
        signedAt: null,
        changed: 0,
        status: 'learning',
      },
      {
        name: '张晓',
        employeeNo: 'KF023',
        postId: 'front-desk',
        post: '客服前台',
        done: 2,
        total: 2,
        bestScore: 950,
        attempts: 2,
        signedAt: T,
        changed: 1,
        status: 'outdated',
      },
    ]);
  });
  it('says who is out of date and who is current', () => {
    const current = { ...zhang, signOffs: [{ ...zhang.signOffs[0]!, versions: { 'a/x': 'v1', 'a/y': 'v2' } }] };
    expect(trainingRows([current], paths, names)[0]!.status).toBe('signed');
  });
  it('filters by post, status and name or number', () => {
    expect(filterRows(rows, { post: 'cleaning' }).map((r) => r.name)).toEqual(['李四']);
    expect(filterRows(rows, { status: 'outdated' }).map((r) => r.name)).toEqual(['张晓']);
    expect(filterRows(rows, { text: 'kf0' }).map((r) => r.name)).toEqual(['张晓']);
    expect(filterRows(rows, { text: '李' }).map((r) => r.name)).toEqual(['李四']);
    expect(filterRows(rows, {})).toHaveLength(2);
  });
  it('sorts by any column, both ways', () => {
    expect(sortRows(rows, 'score', true).map((r) => r.name)).toEqual(['张晓', '李四']);
    expect(sortRows(rows, 'score').map((r) => r.name)).toEqual(['李四', '张晓']);
    expect(sortRows(rows, 'status').map((r) => r.status)).toEqual(['outdated', 'learning']);
    expect(sortRows(rows, 'post').map((r) => r.post)).toEqual(['客服前台', '清洁保洁']);
  });
  it('exports CSV for Excel', () => {
    const csv = trainingCsv(rows);
    expect(csv.startsWith('\uFEFF姓名,工号,岗位')).toBe(true);
    expect(csv).toContain('张晓,KF023,客服前台,2,2,95.0,2,2026-11-23,1,内容已更新，需重新签署\r\n');
  });
});
