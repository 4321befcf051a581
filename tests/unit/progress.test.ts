import { describe, expect, it } from 'vitest';
import {
  changedSinceSignOff,
  markRead,
  pageState,
  pathStatus,
  readEnough,
  recordAttempt,
  resignState,
  secondsNeeded,
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
const T2 = '2026-12-01T09:00:00.000+08:00';

describe('reading', () => {
  it('needs the end of the page and a minimum time', () => {
    expect(readEnough(true, 20, 1)).toBe(true);
    expect(readEnough(true, 19, 1)).toBe(false);
    expect(readEnough(false, 600, 1)).toBe(false);
    expect(readEnough(true, 119, 6)).toBe(false); // a third of 6 minutes = 120 s
    expect(readEnough(true, 120, 6)).toBe(true);
  });
  it('takes the minimum from the parameter', () => {
    expect(secondsNeeded(1, 45)).toBe(45);
    expect(readEnough(true, 44, 1, 45)).toBe(false);
    expect(readEnough(true, 45, 1, 45)).toBe(true);
    expect(secondsNeeded(6, 45)).toBe(120); // long pages: their length decides
    expect(secondsNeeded(1)).toBe(20);
  });
  it('tracks the version read', () => {
    const p = markRead(empty, path[0]!, T, 25);
    expect(p.reads[path[0]!.id]).toEqual({ at: T, version: 'h1', how: 'scrolled', seconds: 25 });
    expect(pageState(p, path[0]!)).toBe('read');
    expect(pageState(p, { ...path[0]!, version: 'h1-new' })).toBe('updated');
    expect(pageState(p, path[1]!)).toBe('unread');
  });
  it('does not count a tap (ticked reads of older releases)', () => {
    const ticked: LearnerProgress = { ...empty, reads: { [path[0]!.id]: { at: T, version: 'h1', how: 'ticked' } } };
    expect(pageState(ticked, path[0]!)).toBe('unread');
    expect(pathStatus(path, ticked).done).toBe(0);
  });
  it('counts a page with a quiz only once its quiz is passed', () => {
    const page = { ...path[1]!, questions: 3 };
    const read = markRead(empty, page, T);
    expect(pageState(read, page)).toBe('quiz');
    const failed = recordAttempt(read, { scope: page.id, at: T, score: 0, passed: false });
    expect(pageState(failed, page)).toBe('quiz');
    const passed = recordAttempt(failed, { scope: page.id, at: T, score: 1000, passed: true });
    expect(pageState(passed, page)).toBe('read');
    // A passed quiz without reading is not enough either.
    expect(pageState(recordAttempt(empty, { scope: page.id, at: T, score: 1000, passed: true }), page)).toBe('unread');
  });
});

describe('path', () => {
  it('says what is done, what is next and how long is left', () => {
    const p = markRead(empty, path[0]!, T);
    expect(pathStatus(path, p)).toMatchObject({
      total: 3,
      done: 1,
      next: { id: 'customer-service/appointment' },
      minutesLeft: 10,
      complete: false,
      updated: [],
    });
    const all = path.reduce((acc, page) => markRead(acc, page, T), empty);
    expect(pathStatus(path, all)).toMatchObject({ done: 3, next: undefined, minutesLeft: 0, complete: true });
  });
  it('leaves optional pages out of the count', () => {
    const withBackground = [...path, { id: 'company/profile', title: '概况', version: 'h9', minutes: 5, optional: true }];
    const all = path.reduce((acc, page) => markRead(acc, page, T), empty);
    expect(pathStatus(withBackground, all)).toMatchObject({ total: 3, done: 3, complete: true, minutesLeft: 0 });
  });
  it('reopens a page whose content changed', () => {
    const all = path.reduce((acc, page) => markRead(acc, page, T), empty);
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
  const read = path.reduce((acc, page) => markRead(acc, page, T), empty);
  const passed = recordAttempt(read, { scope: 'post:front-desk', at: T, score: 900, passed: true });
  it('needs the whole path and a passed post quiz; retries are kept', () => {
    expect(signOffBlockers('front-desk', path, empty)).toEqual(['还有 3 篇未学完', '岗位测验尚未通过']);
    const failedOnce = recordAttempt(read, { scope: 'post:front-desk', at: T, score: 600, passed: false });
    expect(signOffBlockers('front-desk', path, failedOnce)).toEqual(['岗位测验尚未通过']);
    expect(() => signOff('front-desk', path, failedOnce, T)).toThrow('岗位测验尚未通过');
    const again = recordAttempt(failedOnce, { scope: 'post:front-desk', at: T, score: 900, passed: true });
    expect(again.attempts).toHaveLength(2);
    const signed = signOff('front-desk', path, again, T);
    expect(signed.signOffs[0]).toEqual({
      post: 'front-desk',
      at: T,
      versions: { 'company/principles': 'h1', 'customer-service/appointment': 'h2', 'customer-service/complaints': 'h3' },
      quizScore: 900,
      method: 'drawn',
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
  it('names pages whose quiz is still open', () => {
    const withQuiz = path.map((pg, i) => (i === 0 ? { ...pg, questions: 2 } : pg));
    expect(signOffBlockers('front-desk', withQuiz, passed)).toEqual(['还有 1 篇未学完（1 篇已读完、本篇小测验未通过）']);
  });
  it('is stored once: a second sign-off of the same content is refused', () => {
    const signed = signOff('front-desk', path, passed, T);
    expect(signOffBlockers('front-desk', path, signed)).toEqual(['已签署确认，内容没有更新，无需再次签署']);
    expect(() => signOff('front-desk', path, signed, T2)).toThrow('无需再次签署');
  });
  it('keeps a typed-name signature as such', () => {
    expect(signOff('front-desk', path, passed, T, 'typed').signOffs[0]!.method).toBe('typed');
  });
});

describe('re-signing after a change', () => {
  const read = path.reduce((acc, page) => markRead(acc, page, T), empty);
  const signed = signOff('front-desk', path, recordAttempt(read, { scope: 'post:front-desk', at: T, score: 900, passed: true }), T);
  const changed = path.map((pg) => (pg.id === 'customer-service/appointment' ? { ...pg, version: 'h2b' } : pg));
  it('asks to re-read the changed page first', () => {
    expect(resignState('front-desk', path, signed)).toEqual({ changed: [], toReread: [], resignDue: false, current: true });
    expect(resignState('front-desk', changed, signed)).toEqual({
      changed: ['customer-service/appointment'],
      toReread: ['customer-service/appointment'],
      resignDue: false,
      current: false,
    });
    expect(signOffBlockers('front-desk', changed, signed)).toEqual(['还有 1 篇未学完（其中 1 篇已更新，需重新学习）']);
  });
  it('then asks for a new sign-off, and takes it', () => {
    const reread = markRead(signed, changed[1]!, T2);
    expect(resignState('front-desk', changed, reread)).toEqual({
      changed: ['customer-service/appointment'],
      toReread: [],
      resignDue: true,
      current: false,
    });
    expect(signOffBlockers('front-desk', changed, reread)).toEqual([]);
    const resigned = signOff('front-desk', changed, reread, T2);
    expect(resigned.signOffs).toHaveLength(2);
    expect(resignState('front-desk', changed, resigned)).toMatchObject({ changed: [], current: true });
  });
  it('ignores changes to optional pages', () => {
    const withBackground = [...path, { id: 'company/profile', title: '概况', version: 'h9', minutes: 5, optional: true }];
    const s = signOff('front-desk', withBackground, recordAttempt(read, { scope: 'post:front-desk', at: T, score: 900, passed: true }), T);
    expect(s.signOffs[0]!.versions).not.toHaveProperty('company/profile');
    const bg = withBackground.map((pg) => (pg.optional ? { ...pg, version: 'h9b' } : pg));
    expect(resignState('front-desk', bg, s).current).toBe(true);
  });
});

describe('certificate page-quiz cell', async () => {
  const { pageQuizCell } = await import('../../src/domain/certificate-layout');
  const page = { ...path[0]!, questions: 3 };
  it('shows the best passed score, never a failed score next to a dash', () => {
    const failed = recordAttempt(empty, { scope: page.id, at: T, score: 0, passed: false });
    expect(pageQuizCell(failed, page)).toBe('未通过');
    const passed = recordAttempt(recordAttempt(failed, { scope: page.id, at: T, score: 800, passed: true }), {
      scope: page.id,
      at: T2,
      score: 1000,
      passed: true,
    });
    expect(pageQuizCell(passed, page)).toBe('通过（100.0 分）');
    expect(pageQuizCell(empty, { ...page, questions: 0 })).toBe('本篇无小测验');
  });
});
