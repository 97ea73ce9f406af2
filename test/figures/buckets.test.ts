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
});
