/**
 * Maps row start times to bucket indexes of a window in O(1) — no per-bucket scanning of rows. Day
 * buckets are UTC days, week buckets Monday weeks, month and quarter buckets calendar months and
 * quarters (UTC); the first and last bucket are clipped to the window so a point never claims time
 * outside it.
 */

import type { TimeWindow } from '../domain/utc-days.js';
import { DAY_SECONDS, dayFromIso, startOfUtcDay, startOfUtcWeek, WEEK_SECONDS } from '../domain/utc-days.js';
import { monthIndex, startOfMonthIndex } from '../domain/utc-months.js';
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
  if (bucket === 'month' || bucket === 'quarter') return calendarBuckets(window, bucket === 'month' ? 1 : 3);
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

/** Months are not a fixed length: buckets count in month indexes, `months` per bucket (1 or 3). */
function calendarBuckets(window: TimeWindow, months: number): Buckets {
  const first = monthIndex(window.start);
  // Quarters start in Jan, Apr, Jul, Oct whatever month the window starts in.
  const origin = first - (((first % months) + months) % months);
  const count =
    window.end > window.start ? Math.floor((monthIndex(window.end - 1) - origin) / months) + 1 : 0;
  return {
    count,
    indexOf: (seconds) =>
      seconds >= window.start && seconds < window.end
        ? Math.floor((monthIndex(seconds) - origin) / months)
        : -1,
    windowOf: (index) => ({
      start: Math.max(window.start, startOfMonthIndex(origin + index * months)),
      end: Math.min(window.end, startOfMonthIndex(origin + (index + 1) * months)),
    }),
  };
}

/**
 * The last bucket a series shows: the newest with a row, or the one holding `heldThrough` (the newest
 * complete day the source holds, YYYY-MM-DD) when that is later. A team's or one person's rows stop at
 * their last active day; without the held day, a quiet weekend was cut off the chart instead of drawn
 * as zeros. Never past the window.
 */
export function lastSeriesBucket(
  buckets: Buckets,
  window: TimeWindow,
  newestWithRow: number,
  heldThrough: string | null | undefined,
): number {
  if (heldThrough === null || heldThrough === undefined) return newestWithRow;
  const day = dayFromIso(heldThrough);
  const held = day >= window.end - DAY_SECONDS ? buckets.count - 1 : buckets.indexOf(day);
  return Math.max(newestWithRow, held);
}
