import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { drawExam, examLockedUntil, examSize, secondsLeft, type ExamCandidate } from '../../src/domain/exam';

function bank(pages: { id: string; n: number; specific: boolean; guide?: boolean; params?: (i: number) => string[] }[]): ExamCandidate[] {
  return pages.flatMap((p) =>
    Array.from({ length: p.n }, (_, i) => ({
      key: `${p.id}#${i}`,
      pageId: p.id,
      specific: p.specific,
      guide: p.guide,
      params: p.params?.(i) ?? [],
    })),
  );
}

// Like 清洁保洁: a few own pages and many shared ones with more questions in all.
const cleaning = bank([
  { id: 'environment/cleaning-guide', n: 5, specific: true, guide: true, params: (i) => (i === 0 ? ['cleaning.lobbyTimes'] : []) },
  { id: 'environment/public-areas', n: 4, specific: true },
  { id: 'environment/waste', n: 4, specific: true, params: (i) => (i === 1 ? ['waste.clearHours'] : []) },
  { id: 'environment/special-cleaning', n: 3, specific: true },
  { id: 'customer-service/renovation', n: 3, specific: true },
  ...Array.from({ length: 12 }, (_, k) => ({
    id: `conduct/p${k}`,
    n: 4,
    specific: false,
    params: (i: number) => (k === 3 && i === 0 ? ['complaint.replyHours'] : []),
  })),
]);

describe('exam draw', () => {
  it('takes at least 60% from the post’s own pages in every draw', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const d = drawExam(cleaning, seed);
      expect(d.keys).toHaveLength(20);
      expect(new Set(d.keys).size).toBe(20);
      expect(d.specific).toBeGreaterThanOrEqual(12);
    }
  });
  it('asks every configurable value where there is room', () => {
    for (let seed = 1; seed <= 200; seed++) {
      expect(drawExam(cleaning, seed).params).toEqual(['cleaning.lobbyTimes', 'complaint.replyHours', 'waste.clearHours']);
    }
  });
  it('draws by weight: the guide is asked more often than a shared page', () => {
    let guide = 0;
    let shared = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const keys = drawExam(cleaning, seed).keys;
      guide += keys.filter((k) => k.startsWith('environment/cleaning-guide#')).length;
      shared += keys.filter((k) => k.startsWith('conduct/p0#')).length;
    }
    expect(guide / 300).toBeGreaterThan(shared / 300);
  });
  it('is reproducible from its seed and varies between seeds', () => {
    expect(drawExam(cleaning, 42)).toEqual(drawExam(cleaning, 42));
    expect(drawExam(cleaning, 42).keys).not.toEqual(drawExam(cleaning, 43).keys);
  });
  it('shortens the exam rather than break the share when the post has few questions', () => {
    const few = bank([
      { id: 'a/own', n: 6, specific: true },
      { id: 'b/shared', n: 30, specific: false },
    ]);
    expect(examSize(few)).toBe(10);
    const d = drawExam(few, 7);
    expect(d.keys).toHaveLength(10);
    expect(d.specific).toBe(6);
    // And is all specific when there are no shared questions.
    expect(drawExam(bank([{ id: 'a/own', n: 25, specific: true }]), 1).keys).toHaveLength(20);
    expect(drawExam([], 1).keys).toEqual([]);
  });
  it('keeps the share whatever the bank (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 60 }), fc.integer(), (s, h, seed) => {
        const b = bank([
          { id: 'a/own', n: s, specific: true, params: (i) => (i % 3 === 0 ? [`p.${i}`] : []) },
          { id: 'b/shared', n: h, specific: false, params: (i) => (i % 2 === 0 ? [`q.${i}`] : []) },
        ]);
        const d = drawExam(b, seed);
        expect(new Set(d.keys).size).toBe(d.keys.length);
        expect(d.keys.length).toBe(examSize(b));
        if (d.keys.length) expect(d.specific / d.keys.length).toBeGreaterThanOrEqual(0.6);
      }),
    );
  });
});

describe('cooling period', () => {
  const H = 3600_000;
  const at = (h: number) => new Date(Date.UTC(2026, 10, 23, 2) + h * H).toISOString();
  const now = (h: number) => Date.UTC(2026, 10, 23, 2) + h * H;
  it('locks the exam after two failures in a row, for the configured hours', () => {
    expect(examLockedUntil([{ at: at(0), passed: false }], now(0.1), 24)).toBeNull();
    const two = [
      { at: at(0), passed: false },
      { at: at(1), passed: false },
    ];
    expect(examLockedUntil(two, now(2), 24)).toBe(now(25));
    expect(examLockedUntil(two, now(25), 24)).toBeNull();
  });
  it('counts again after the cooling period and after a pass', () => {
    const attempts = [
      { at: at(0), passed: false },
      { at: at(1), passed: false },
      { at: at(26), passed: false },
    ];
    expect(examLockedUntil(attempts, now(27), 24)).toBeNull();
    expect(examLockedUntil([...attempts, { at: at(28), passed: false }], now(29), 24)).toBe(now(52));
    expect(
      examLockedUntil(
        [
          { at: at(0), passed: false },
          { at: at(1), passed: true },
          { at: at(2), passed: false },
        ],
        now(3),
        24,
      ),
    ).toBeNull();
  });
  it('reads attempts in time order, whatever their time zone', () => {
    const two = [
      { at: '2026-11-23T11:00:00.000+08:00', passed: false },
      { at: '2026-11-23T02:30:00.000Z', passed: false },
    ];
    expect(examLockedUntil(two, Date.parse('2026-11-23T04:00:00Z'), 24)).toBe(Date.parse('2026-11-24T03:00:00Z'));
  });
});

describe('time limit', () => {
  it('counts down and stops at zero', () => {
    expect(secondsLeft(0, 0, 30)).toBe(1800);
    expect(secondsLeft(0, 1799_500, 30)).toBe(1);
    expect(secondsLeft(0, 1800_000, 30)).toBe(0);
    expect(secondsLeft(0, 9999_000, 30)).toBe(0);
  });
});
