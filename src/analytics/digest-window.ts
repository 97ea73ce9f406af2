/**
 * The one window a weekly digest pulls. It depends only on the UTC day of `now`, so every digest due
 * that day (any channel, any minute) asks for the same window and shares one cached pull.
 *
 * It starts 89 whole days before today — the oldest whole day the API's 90-day lookback serves — and
 * ends with the last closed week. The compared weeks need only 14 days; the rest is history for the
 * ranking's streaks, which reach back through every day fetched (so a streak is capped near 90 days,
 * the most the API can show anyway).
 */
import type { TimeWindow } from '../domain/utc-days.js';
import { DAY_SECONDS, dayNumber, lastClosedWeek, toUnixSeconds } from '../domain/utc-days.js';

/** Whole days of history before today that a digest pulls (the API keeps 90 days, today included). */
const DIGEST_HISTORY_DAYS = 89;

/** [today − 89 days, end of the last closed week) at `now`. */
export function digestWindow(now: Date): TimeWindow {
  const today = dayNumber(toUnixSeconds(now));
  return { start: (today - DIGEST_HISTORY_DAYS) * DAY_SECONDS, end: lastClosedWeek(now).end };
}
