/**
 * How current figures are. The API contract says data lags up to 12 h and that the last 1–5 days can
 * still change (late rows). We take the cautious end of that range:
 *
 * - a day is **complete** once it ended at least 12 h ago (`newestCompleteDay`);
 * - a day is **provisional** until 5 full days have passed since it ended, i.e. while
 *   `dayEnd > now − 5 days`. That covers the running day, days that have not started yet, and the
 *   five days before today once their late rows may still arrive.
 *
 * A bucket (day or week) is provisional when any of its days is, which is simply `end > now − 5 days`.
 */

import type { TimeWindow } from '../domain/utc-days.js';
import { DAY_SECONDS, dayKeyOfNumber, dayNumber, toUnixSeconds } from '../domain/utc-days.js';
import type { Freshness } from './figure-types.js';

/** The API's stated lag: a day is complete 12 h after it ends. */
const COMPLETE_AFTER_SECONDS = 12 * 3600;
/** Late rows can change a day for up to 5 days after it ends. */
const SETTLED_AFTER_SECONDS = 5 * DAY_SECONDS;

/** True when a span ending at `end` (Unix seconds, exclusive) may still change at `now`. */
export function isProvisional(end: number, now: Date): boolean {
  return end > toUnixSeconds(now) - SETTLED_AFTER_SECONDS;
}

/**
 * Day number of the newest complete day of the window at `now`, or null when no day of the window
 * is complete yet. Streaks end on this day.
 */
export function newestCompleteDayNumber(window: TimeWindow, now: Date): number | null {
  if (window.end <= window.start) return null;
  // The newest day that ended ≥ 12 h ago ends at the midnight at or before now − 12 h.
  const newestComplete = dayNumber(toUnixSeconds(now) - COMPLETE_AFTER_SECONDS) - 1;
  const day = Math.min(newestComplete, dayNumber(window.end - 1));
  return day >= dayNumber(window.start) ? day : null;
}

/** Freshness of figures over `window` computed at `now` (the injected clock). */
export function computeFreshness(window: TimeWindow, now: Date): Freshness {
  const newest = newestCompleteDayNumber(window, now);
  const provisionalDays: string[] = [];
  if (window.end > window.start) {
    const last = dayNumber(window.end - 1);
    for (let day = dayNumber(window.start); day <= last; day++) {
      if (isProvisional((day + 1) * DAY_SECONDS, now)) provisionalDays.push(dayKeyOfNumber(day));
    }
  }
  return {
    asOf: now.toISOString(),
    newestCompleteDay: newest === null ? null : dayKeyOfNumber(newest),
    provisionalDays,
  };
}
