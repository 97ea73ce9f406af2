import { describe, expect, it } from 'vitest';
import { DAY_SECONDS } from '../../src/domain/utc-days.js';
import { evaluateCondition, median, type PeriodValue } from '../../src/figures/alert-evaluation.js';

const DAY0 = Date.parse('2026-10-01T00:00:00Z') / 1000;

/** Contiguous days from 2026-10-01, the last `provisionalTail` of them provisional. */
function days(values: ReadonlyArray<number | null>, provisionalTail = 0): PeriodValue[] {
  return values.map((value, i) => ({
    start: DAY0 + i * DAY_SECONDS,
    end: DAY0 + (i + 1) * DAY_SECONDS,
    value,
    provisional: i >= values.length - provisionalTail,
  }));
}

const closedOnly = { includeProvisional: false };
const firedDays = (firings: { period: { start: number } }[]) =>
  firings.map((f) => (f.period.start - DAY0) / DAY_SECONDS);

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('threshold conditions', () => {
  const series = days([4000, 5000, 5001, null, 7000, 100], 1);

  it('above fires strictly above the value, skipping unknown and provisional periods', () => {
    const firings = evaluateCondition({ kind: 'above', value: 5000, per: 'day' }, series, closedOnly);
    expect(firedDays(firings)).toEqual([2, 4]);
    expect(firings[0]).toMatchObject({ value: 5001, reference: { kind: 'threshold', threshold: 5000 } });
  });

  it('below fires strictly below; a provisional period only when the rule asks for it', () => {
    const condition = { kind: 'below', value: 5000, per: 'day' } as const;
    expect(firedDays(evaluateCondition(condition, series, closedOnly))).toEqual([0]);
    const withRunning = evaluateCondition(condition, series, { includeProvisional: true });
    expect(firedDays(withRunning)).toEqual([0, 5]);
    expect(withRunning[1]?.provisional).toBe(true);
  });
});

describe('change conditions', () => {
  // 100 → 130 (+30 %) → 104 (−20 %) → 0 (−100 %) → 50 (from 0: no percentage) → 60 (+20 %)
  const series = days([100, 130, 104, 0, 50, 60]);

  it('a rise fires at or above its percentage against the previous period', () => {
    const firings = evaluateCondition({ kind: 'change', percent: 20, per: 'week' }, series, closedOnly);
    expect(firedDays(firings)).toEqual([1, 5]);
    expect(firings[0]?.reference).toEqual({ kind: 'change', previous: 100, changePercent: 30 });
    expect(firings[1]?.reference).toMatchObject({ previous: 50 });
  });

  it('a drop fires at or below its (negative) percentage; a period after zero is not judged', () => {
    const firings = evaluateCondition({ kind: 'change', percent: -20, per: 'week' }, series, closedOnly);
    expect(firedDays(firings)).toEqual([2, 3]);
    expect(firings[0]?.reference).toMatchObject({ changePercent: -20 });
  });
});

describe('anomaly conditions', () => {
  // 28 baseline days alternating 10 and 14: median 12, MAD 2. Each probe is judged on its own series,
  // since a judged day joins the baseline of the days after it.
  const baseline = Array.from({ length: 28 }, (_, i) => (i % 2 === 0 ? 10 : 14));
  const probe = (value: number, k = 3) =>
    evaluateCondition({ kind: 'anomaly', k }, days([...baseline, value]), closedOnly);

  it('fires further than k × MAD from the trailing 28 closed days, in both directions', () => {
    expect(probe(17)).toEqual([]); // 2.5 MAD
    expect(probe(18)).toEqual([]); // exactly 3 MAD: not further
    expect(probe(19)[0]).toMatchObject({
      value: 19,
      reference: { kind: 'anomaly', median: 12, mad: 2, deviations: 3.5 },
    });
    expect(probe(5)[0]?.reference).toMatchObject({ deviations: 3.5 });
    expect(probe(19, 4)).toEqual([]);
    expect(firedDays(probe(19))).toEqual([28]);
  });

  it('slides its baseline: a judged day joins the baseline of the next', () => {
    // Day 29's baseline is days 1..28 (13 × 10, 14 × 14, one 17): median 14, MAD 1.5.
    const firings = evaluateCondition({ kind: 'anomaly', k: 3 }, days([...baseline, 17, 19]), closedOnly);
    expect(firedDays(firings)).toEqual([29]);
    expect(firings[0]?.reference).toMatchObject({ median: 14, mad: 1.5 });
  });

  it('judges no day with fewer than 28 closed days behind it', () => {
    const short = days([...baseline.slice(1), 1000]);
    expect(evaluateCondition({ kind: 'anomaly', k: 3 }, short, closedOnly)).toEqual([]);
    // A provisional day inside the baseline disqualifies it as well.
    const withProvisional = days([...baseline, 1000]).map((p, i) =>
      i === 3 ? { ...p, provisional: true } : p,
    );
    expect(evaluateCondition({ kind: 'anomaly', k: 3 }, withProvisional, closedOnly)).toEqual([]);
  });

  it('on a flat history, any departure from it fires', () => {
    const flat = days([...Array.from({ length: 28 }, () => 0), 0, 1]);
    const firings = evaluateCondition({ kind: 'anomaly', k: 5 }, flat, closedOnly);
    expect(firedDays(firings)).toEqual([29]);
    expect(firings[0]?.reference).toEqual({ kind: 'anomaly', median: 0, mad: 0, deviations: null });
  });
});
