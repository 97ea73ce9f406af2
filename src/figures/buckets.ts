/**
 * Maps row start times to bucket indexes of a window in O(1) — no per-bucket scanning of rows. Day
 * buckets are UTC days, week buckets Monday weeks; the first and last bucket are clipped to the window
 * so a point never claims time outside it.
 */

import type { TimeWindow } from '../domain/utc-days.js';
import { DAY_SECONDS, startOfUtcDay, startOfUtcWeek, WEEK_SECONDS } from '../domain/utc-days.js';
import type { Bucket } from './figure-types.js';

export interface Buckets {
  /** Number of buckets overlapping the window. */
  readonly count: number;
  /** Bucket index of a time, or -1 when it lies outside the window. */
  indexOf(seconds: number): number;
  /** The bucket's span, clipped to the window. */
  windowOf(index: number): TimeWindow;
}

/** Builds the bucket grid of `window`. An empty or inverted window has no buckets. */
export function createBuckets(window: TimeWindow, bucket: Bucket): Buckets {
  const size = bucket === 'week' ? WEEK_SECONDS : DAY_SECONDS;
  const origin = bucket === 'week' ? startOfUtcWeek(window.start) : startOfUtcDay(window.start);
  const count = window.end > window.start ? Math.floor((window.end - 1 - origin) / size) + 1 : 0;
  return {
    count,
    indexOf: (seconds) =>
      seconds >= window.start && seconds < window.end ? Math.floor((seconds - origin) / size) : -1,
    windowOf: (index) => ({
      start: Math.max(window.start, origin + index * size),
      end: Math.min(window.end, origin + (index + 1) * size),
    }),
  };
}
