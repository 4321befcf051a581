import { describe, expect, it } from 'vitest';
import {
  changedSinceSignOff,
  markRead,
  pageState,
  pathStatus,
  readEnough,
  recordAttempt,
  signOff,
  signOffBlockers,
  type LearnerProgress,
  type PathPage,
} from '../../src/domain/progress';

const path: PathPage[] = [
  { id: 'company/principles', title: '服务宗旨', version: 'h1', minutes: 3 },
  { id: 'customer-service/appointment', title: '预约服务', version: 'h2', minutes: 4 },
  { id: 'customer-service/complaints', title: '投诉', version: 'h3', minutes: 6 },
];
const empty: LearnerProgress = { learnerId: 'l1', name: '张晓', employeeNo: 'KF023', reads: {}, attempts: [], signOffs: [] };
const T = '2026-11-23T10:00:00.000+08:00';

describe('reading', () => {
  it('needs the end of the page and a minimum time', () => {
    expect(readEnough(true, 20, 1)).toBe(true);
    expect(readEnough(true, 19, 1)).toBe(false);
    expect(readEnough(false, 600, 1)).toBe(false);
    expect(readEnough(true, 119, 6)).toBe(false); // a third of 6 minutes = 120 s
    expect(readEnough(true, 120, 6)).toBe(true);
  });
  it('tracks the version read', () => {
    const p = markRead(empty, path[0]!, 'scrolled', T);
    expect(pageState(p, path[0]!)).toBe('read');
    expect(pageState(p, { ...path[0]!, version: 'h1-new' })).toBe('updated');
    expect(pageState(p, path[1]!)).toBe('unread');
  });
});

describe('path', () => {
  it('says what is done, what is next and how long is left', () => {
    const p = markRead(empty, path[0]!, 'ticked', T);
    expect(pathStatus(path, p)).toMatchObject({
      total: 3,
      done: 1,
      next: { id: 'customer-service/appointment' },
      minutesLeft: 10,
      complete: false,
      updated: [],
    });
    const all = path.reduce((acc, page) => markRead(acc, page, 'scrolled', T), empty);
    expect(pathStatus(path, all)).toMatchObject({ done: 3, next: undefined, minutesLeft: 0, complete: true });
  });
  it('reopens a page whose content changed', () => {
    const all = path.reduce((acc, page) => markRead(acc, page, 'scrolled', T), empty);
    const changed = path.map((pg) => (pg.id === 'customer-service/complaints' ? { ...pg, version: 'h3b' } : pg));
    expect(pathStatus(changed, all)).toMatchObject({
      done: 2,
      complete: false,
      updated: ['customer-service/complaints'],
      next: { id: 'customer-service/complaints' },
    });
  });
});

describe('sign-off', () => {
  const read = path.reduce((acc, page) => markRead(acc, page, 'scrolled', T), empty);
  it('needs the whole path and a passed post quiz; retries are kept', () => {
    expect(signOffBlockers('front-desk', path, empty)).toEqual(['还有 3 篇未学完', '岗位测验尚未通过']);
    const failedOnce = recordAttempt(read, { scope: 'post:front-desk', at: T, score: 600, passed: false });
    expect(signOffBlockers('front-desk', path, failedOnce)).toEqual(['岗位测验尚未通过']);
    expect(() => signOff('front-desk', path, failedOnce, T)).toThrow('岗位测验尚未通过');
    const passed = recordAttempt(failedOnce, { scope: 'post:front-desk', at: T, score: 900, passed: true });
    expect(passed.attempts).toHaveLength(2);
    const signed = signOff('front-desk', path, passed, T);
    expect(signed.signOffs[0]).toEqual({
      post: 'front-desk',
      at: T,
      versions: { 'company/principles': 'h1', 'customer-service/appointment': 'h2', 'customer-service/complaints': 'h3' },
      quizScore: 900,
    });
    expect(changedSinceSignOff('front-desk', path, signed)).toEqual([]);
    expect(
      changedSinceSignOff(
        'front-desk',
        path.map((pg) => (pg.id === 'company/principles' ? { ...pg, version: 'x' } : pg)),
        signed,
      ),
    ).toEqual(['company/principles']);
    expect(changedSinceSignOff('cleaning', path, signed)).toEqual([]);
  });
});
