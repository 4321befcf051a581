import { describe, expect, it } from 'vitest';
import { trainingCsv, trainingRows } from '../../src/domain/training-records';
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
  reads: { 'a/x': { at: T, version: 'v1', how: 'ticked' }, 'a/y': { at: T, version: 'v2', how: 'scrolled' } },
  attempts: [
    { scope: 'post:front-desk', at: T, score: 600, passed: false },
    { scope: 'post:front-desk', at: T, score: 950, passed: true },
  ],
  signOffs: [{ post: 'front-desk', at: T, versions: { 'a/x': 'v0', 'a/y': 'v2' }, quizScore: 950 }],
};
const li: LearnerProgress = {
  learnerId: 'emp:BJ001',
  name: '李四',
  employeeNo: 'BJ001',
  reads: { 'a/x': { at: T, version: 'v1', how: 'ticked' } },
  attempts: [],
  signOffs: [],
};

describe('training records', () => {
  const rows = trainingRows(
    [zhang, li],
    { 'front-desk': path, cleaning: path.slice(0, 1) },
    { 'front-desk': '客服前台', cleaning: '清洁保洁' },
  );
  it('lists started posts per learner with progress, best score, attempts and sign-off', () => {
    expect(rows).toEqual([
      { name: '李四', employeeNo: 'BJ001', post: '客服前台', done: 1, total: 2, bestScore: null, attempts: 0, signedAt: null, changed: 0 },
      { name: '李四', employeeNo: 'BJ001', post: '清洁保洁', done: 1, total: 1, bestScore: null, attempts: 0, signedAt: null, changed: 0 },
      { name: '张晓', employeeNo: 'KF023', post: '客服前台', done: 2, total: 2, bestScore: 950, attempts: 2, signedAt: T, changed: 1 },
      { name: '张晓', employeeNo: 'KF023', post: '清洁保洁', done: 1, total: 1, bestScore: null, attempts: 0, signedAt: null, changed: 0 },
    ]);
  });
  it('exports CSV for Excel', () => {
    const csv = trainingCsv(rows);
    expect(csv.startsWith('\uFEFF姓名,工号,岗位')).toBe(true);
    expect(csv).toContain('张晓,KF023,客服前台,2,2,95.0,2,2026-11-23,1\r\n');
  });
});
