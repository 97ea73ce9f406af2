import { describe, expect, it } from 'vitest';
import { comparedWeeks, computeDelta, computeKpiDeltas } from '../../src/figures/deltas.js';
import { at, sec } from './fixture-rows.js';

const cur = { start: sec('2026-03-02'), end: sec('2026-03-09') };
const prev = { start: sec('2026-02-23'), end: sec('2026-03-02') };

describe('computeDelta', () => {
  it('gives change and ratio', () => {
    expect(computeDelta(12, 10, cur, prev)).toEqual({
      current: 12,
      previous: 10,
      change: 2,
      ratio: 0.2,
      currentPeriod: cur,
      previousPeriod: prev,
    });
    expect(computeDelta(5, 10, cur, prev)).toMatchObject({ change: -5, ratio: -0.5 });
  });

  it('has no ratio from zero and no change from unknown', () => {
    expect(computeDelta(5, 0, cur, prev)).toMatchObject({ change: 5, ratio: null });
    expect(computeDelta(0, 0, cur, prev)).toMatchObject({ change: 0, ratio: null });
    expect(computeDelta(null, 3, cur, prev)).toMatchObject({ change: null, ratio: null });
    expect(computeDelta(3, null, cur, prev)).toMatchObject({ change: null, ratio: null });
  });
});

describe('comparedWeeks', () => {
  it('compares the two previous closed weeks while a week is running', () => {
    expect(comparedWeeks(at('2026-03-11T10:00:00'))).toEqual({ week: cur, previousWeek: prev });
    expect(comparedWeeks(at('2026-03-15T23:59:59'))).toEqual({ week: cur, previousWeek: prev });
    expect(comparedWeeks(at('2026-03-16T00:00:00')).week).toEqual({
      start: sec('2026-03-09'),
      end: sec('2026-03-16'),
    });
  });
});

describe('computeKpiDeltas', () => {
  it('compares every headline number', () => {
    const deltas = computeKpiDeltas(
      { activeUsers: 12, credits: 30, threads: 4, prsReviewed: 5, positiveShare: 0.75 },
      { activeUsers: 10, credits: 60, threads: 4, prsReviewed: 0, positiveShare: null },
      cur,
      prev,
    );
    expect(deltas.activeUsers).toMatchObject({ change: 2, ratio: 0.2 });
    expect(deltas.credits).toMatchObject({ change: -30, ratio: -0.5 });
    expect(deltas.threads).toMatchObject({ change: 0, ratio: 0 });
    expect(deltas.prsReviewed).toMatchObject({ change: 5, ratio: null });
    expect(deltas.positiveShare).toMatchObject({ current: 0.75, previous: null, change: null, ratio: null });
  });
});
