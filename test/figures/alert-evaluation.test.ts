import { describe, expect, it } from 'vitest';
import { DAY_SECONDS } from '../../src/domain/utc-days.js';
import { evaluateCondition, median, type PeriodValue } from '../../src/figures/alert-evaluation.js';

// A Monday: day i is a weekend day when i % 7 is 5 or 6.
const DAY0 = Date.parse('2026-10-05T00:00:00Z') / 1000;

/** Contiguous days from Mon 2026-10-05, the last `provisionalTail` of them provisional. */
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
  // A team that works weekdays: 100 and 104 on alternate weekdays (median 102, MAD 2), 20 and 24 on
  // weekend days (median 22, MAD 2). Any 28 consecutive days hold 20 weekdays (10 of each value) and 8
  // weekend days (4 of each). Each probe is judged on its own series, since a judged day joins the
  // baseline of the days after it.
  const quiet = (length: number) =>
    Array.from({ length }, (_, i) => (i % 7 >= 5 ? (i % 2 === 0 ? 20 : 24) : i % 2 === 0 ? 100 : 104));
  const anomaly = (k = 3) => ({ kind: 'anomaly', k }) as const;
  /** `quiet` days up to day `index`, which holds `value`. */
  const probe = (index: number, value: number, k = 3) =>
    evaluateCondition(anomaly(k), days([...quiet(index), value]), closedOnly);

  it('judges quiet weekends against weekend days: seven ordinary weeks fire nothing', () => {
    // Against all 28 days (20, 24 four times each, 100 and 104 ten times each: median 100, MAD 4) every
    // weekend day is 19 or 20 MADs below: the old rule fired on all 2 × 3 weekend days judged here.
    expect(evaluateCondition(anomaly(), days(quiet(49)), closedOnly)).toEqual([]);
  });

  it('fires on a weekday further than k × MAD from the 20 weekdays, in both directions', () => {
    expect(probe(28, 107)).toEqual([]); // Monday, 2.5 MAD
    expect(probe(28, 108)).toEqual([]); // exactly 3 MAD: not further
    expect(probe(28, 109)[0]).toMatchObject({
      value: 109,
      reference: {
        kind: 'anomaly',
        median: 102,
        mad: 2,
        deviations: 3.5,
        dayKind: 'weekday',
        baselineDays: 20,
      },
    });
    expect(probe(28, 95)[0]?.reference).toMatchObject({ deviations: 3.5 });
    expect(probe(28, 109, 4)).toEqual([]);
    expect(firedDays(probe(28, 109))).toEqual([28]);
  });

  it('fires on a weekend spike, also one the whole-week baseline hid', () => {
    // Saturday (day 33): its baseline is the 8 weekend days of days 5..32, median 22, MAD 2.
    expect(probe(33, 40)[0]).toMatchObject({
      reference: { kind: 'anomaly', median: 22, mad: 2, deviations: 9, dayKind: 'weekend', baselineDays: 8 },
    });
    // A Saturday as busy as a weekday sat on the old median of 100: 39 MADs above its own kind now.
    expect(probe(33, 100)[0]?.reference).toMatchObject({ median: 22, deviations: 39 });
    expect(firedDays(probe(34, 0))).toEqual([34]); // a dead Sunday: 11 MADs below
    expect(probe(33, 27)).toEqual([]); // 2.5 MAD
  });

  it('slides its baseline: a judged day joins the baseline of the next day of its kind', () => {
    // Tuesday (day 29)'s weekdays are those of days 1..28: 100 × 9, 104 × 10 and Monday's 107, so
    // median 104 and MAD 1.5 (deviations 0 × 10, 3, 4 × 9).
    const firings = evaluateCondition(anomaly(), days([...quiet(28), 107, 110]), closedOnly);
    expect(firedDays(firings)).toEqual([29]);
    expect(firings[0]?.reference).toMatchObject({ median: 104, mad: 1.5, deviations: 4 });
  });

  it('judges no day with fewer than 28 closed days behind it', () => {
    expect(probe(27, 1000)).toEqual([]);
    // A provisional day inside the baseline disqualifies it as well, even one of the other kind.
    const withProvisional = days([...quiet(28), 1000]).map((p, i) =>
      i === 5 ? { ...p, provisional: true } : p,
    );
    expect(evaluateCondition(anomaly(), withProvisional, closedOnly)).toEqual([]);
  });

  it('on a flat history, any departure from it fires', () => {
    const flat = days([...Array.from({ length: 28 }, () => 0), 0, 1]);
    const firings = evaluateCondition(anomaly(5), flat, closedOnly);
    expect(firedDays(firings)).toEqual([29]);
    expect(firings[0]?.reference).toEqual({
      kind: 'anomaly',
      median: 0,
      mad: 0,
      deviations: null,
      dayKind: 'weekday',
      baselineDays: 20,
    });
  });
});
