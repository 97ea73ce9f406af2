import { describe, expect, it } from 'vitest';
import { createBuckets } from '../../src/figures/buckets.js';
import { sec } from './fixture-rows.js';

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

  it('makes calendar month buckets across a year end and a leap February, clipped to the window', () => {
    const buckets = createBuckets({ start: sec('2027-12-15'), end: sec('2028-03-10') }, 'month');
    expect(buckets.count).toBe(4);
    expect(buckets.windowOf(0)).toEqual({ start: sec('2027-12-15'), end: sec('2028-01-01') });
    expect(buckets.windowOf(2)).toEqual({ start: sec('2028-02-01'), end: sec('2028-03-01') });
    expect(buckets.windowOf(3)).toEqual({ start: sec('2028-03-01'), end: sec('2028-03-10') });
    expect(buckets.indexOf(sec('2027-12-31') + 86_399)).toBe(0);
    expect(buckets.indexOf(sec('2028-02-29') + 86_399)).toBe(2);
    expect(buckets.indexOf(sec('2028-03-01'))).toBe(3);
    expect(buckets.indexOf(sec('2028-03-10'))).toBe(-1);
    expect(buckets.indexOf(sec('2027-12-14'))).toBe(-1);
  });

  it('aligns quarter buckets to January, April, July and October whatever month the window starts', () => {
    const buckets = createBuckets({ start: sec('2026-02-01'), end: sec('2027-02-01') }, 'quarter');
    expect(buckets.count).toBe(5);
    expect(buckets.windowOf(0)).toEqual({ start: sec('2026-02-01'), end: sec('2026-04-01') });
    expect(buckets.windowOf(3)).toEqual({ start: sec('2026-10-01'), end: sec('2027-01-01') });
    expect(buckets.windowOf(4)).toEqual({ start: sec('2027-01-01'), end: sec('2027-02-01') });
    expect(buckets.indexOf(sec('2026-03-31'))).toBe(0);
    expect(buckets.indexOf(sec('2026-04-01'))).toBe(1);
    expect(buckets.indexOf(sec('2026-12-31'))).toBe(3);
    expect(createBuckets({ start: 50, end: 50 }, 'quarter').count).toBe(0);
  });
});
