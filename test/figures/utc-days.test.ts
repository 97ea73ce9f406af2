import { describe, expect, it } from 'vitest';
import { createBuckets } from '../../src/figures/buckets.js';
import {
  dayKey,
  enumerateDays,
  lastClosedWeek,
  previousWeek,
  startOfUtcWeek,
} from '../../src/figures/utc-days.js';
import { at, sec } from './fixture-rows.js';

// 2026-03-02 is a Monday.
describe('UTC day helpers', () => {
  it('keys a time by its UTC day', () => {
    expect(dayKey(sec('2026-03-04') + 23 * 3600 + 3599)).toBe('2026-03-04');
    expect(dayKey(sec('2026-03-05'))).toBe('2026-03-05');
  });

  it('finds the Monday 00:00 UTC week start, including before 1970', () => {
    expect(startOfUtcWeek(sec('2026-03-08') + 86_399)).toBe(sec('2026-03-02'));
    expect(startOfUtcWeek(sec('2026-03-09'))).toBe(sec('2026-03-09'));
    expect(startOfUtcWeek(sec('2026-03-04') + 5)).toBe(sec('2026-03-02'));
    expect(startOfUtcWeek(sec('1969-12-31'))).toBe(sec('1969-12-29'));
  });

  it('returns the last closed week, never the running one', () => {
    const closed = { start: sec('2026-03-02'), end: sec('2026-03-09') };
    expect(lastClosedWeek(at('2026-03-11T10:00:00'))).toEqual(closed);
    // Monday 00:00 exactly: the week that just ended is closed.
    expect(lastClosedWeek(at('2026-03-09T00:00:00'))).toEqual(closed);
    // Sunday night: that week is still running.
    expect(lastClosedWeek(at('2026-03-08T23:59:59'))).toEqual({
      start: sec('2026-02-23'),
      end: sec('2026-03-02'),
    });
    expect(previousWeek(closed)).toEqual({ start: sec('2026-02-23'), end: sec('2026-03-02') });
  });

  it('enumerates every day overlapping a window', () => {
    expect(enumerateDays({ start: sec('2026-03-07'), end: sec('2026-03-10') })).toEqual([
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
    ]);
    expect(enumerateDays({ start: sec('2026-03-07') + 3600, end: sec('2026-03-08') + 1 })).toEqual([
      '2026-03-07',
      '2026-03-08',
    ]);
    expect(enumerateDays({ start: 10, end: 10 })).toEqual([]);
  });
});

describe('createBuckets', () => {
  it('aligns week buckets to Mondays and clips them to the window', () => {
    const buckets = createBuckets({ start: sec('2026-03-04'), end: sec('2026-03-18') }, 'week');
    expect(buckets.count).toBe(3);
    expect(buckets.windowOf(0)).toEqual({ start: sec('2026-03-04'), end: sec('2026-03-09') });
    expect(buckets.windowOf(1)).toEqual({ start: sec('2026-03-09'), end: sec('2026-03-16') });
    expect(buckets.windowOf(2)).toEqual({ start: sec('2026-03-16'), end: sec('2026-03-18') });
    expect(buckets.indexOf(sec('2026-03-03'))).toBe(-1);
    expect(buckets.indexOf(sec('2026-03-08') + 82_800)).toBe(0);
    expect(buckets.indexOf(sec('2026-03-17'))).toBe(2);
    expect(buckets.indexOf(sec('2026-03-18'))).toBe(-1);
  });

  it('makes one bucket per UTC day', () => {
    const buckets = createBuckets({ start: sec('2026-03-02'), end: sec('2026-03-09') }, 'day');
    expect(buckets.count).toBe(7);
    expect(buckets.indexOf(sec('2026-03-08') + 5)).toBe(6);
    expect(createBuckets({ start: 50, end: 50 }, 'day').count).toBe(0);
  });
});
