/**
 * UTC calendar arithmetic on Unix seconds: the one definition of a UTC day and a Monday week that the
 * figures, the range words of `/codex`, App Home and the digest schedule share. The API's buckets are
 * UTC days and (assumed) Monday weeks, so plain integer arithmetic on epoch seconds is exact here — no
 * time zones, no DST, no allocation per row (hot loops call `dayNumber`, which is a division).
 */

/** A span of time as the API gives it: Unix seconds (UTC), start inclusive, end exclusive. */
export interface TimeWindow {
  start: number;
  end: number;
}

export const DAY_SECONDS = 86_400;
export const WEEK_SECONDS = 7 * DAY_SECONDS;

/** Whole UTC days since 1970-01-01 (day 0 was a Thursday). */
export function dayNumber(seconds: number): number {
  return Math.floor(seconds / DAY_SECONDS);
}

/**
 * Saturday or Sunday (UTC). Weekends are quiet in most engineering teams, so the budget forecast and the
 * anomaly rule judge a weekend day against weekend days only.
 */
export function isWeekend(seconds: number): boolean {
  const weekday = (((dayNumber(seconds) + 4) % 7) + 7) % 7; // 0 = Sunday (day 0 was a Thursday)
  return weekday === 0 || weekday === 6;
}

/** Unix seconds of a Date, rounded down. */
export function toUnixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** 00:00 UTC of the day containing `seconds`. */
export function startOfUtcDay(seconds: number): number {
  return dayNumber(seconds) * DAY_SECONDS;
}

/** Monday 00:00 UTC of the week containing `seconds` (week start is a [guess] in the API contract). */
export function startOfUtcWeek(seconds: number): number {
  const day = dayNumber(seconds);
  // Day 0 is a Thursday, so (day + 3) mod 7 is the distance back to Monday; the double mod keeps
  // pre-1970 days positive.
  const sinceMonday = (((day + 3) % 7) + 7) % 7;
  return (day - sinceMonday) * DAY_SECONDS;
}

/** The day key (YYYY-MM-DD, UTC) of the day containing `seconds`. */
export function dayKey(seconds: number): string {
  return new Date(startOfUtcDay(seconds) * 1000).toISOString().slice(0, 10);
}

/** 00:00 UTC of a `YYYY-MM-DD` that is already known to be a real calendar date. */
export function dayFromIso(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 1000;
}

/** The day key of a day number (see `dayNumber`). */
export function dayKeyOfNumber(day: number): string {
  return dayKey(day * DAY_SECONDS);
}

/**
 * The last *closed* Monday–Sunday week at `now`: the week that ended at or before `now`. The running
 * week is never returned, so week-over-week comparisons never include a partial week.
 */
export function lastClosedWeek(now: Date): TimeWindow {
  const end = startOfUtcWeek(toUnixSeconds(now));
  return { start: end - WEEK_SECONDS, end };
}

/** The last `days` complete UTC days before `now` (end exclusive at 00:00 UTC of `now`'s day). */
export function lastCompleteDays(now: Date, days: number): TimeWindow {
  const end = startOfUtcDay(toUnixSeconds(now));
  return { start: end - days * DAY_SECONDS, end };
}

/** The week before `week` (same length, ending where `week` starts). */
export function previousWeek(week: TimeWindow): TimeWindow {
  return { start: week.start - WEEK_SECONDS, end: week.start };
}

/** Day keys of every UTC day that overlaps the window, oldest first. */
export function enumerateDays(window: TimeWindow): string[] {
  const days: string[] = [];
  if (window.end <= window.start) return days;
  const last = dayNumber(window.end - 1);
  for (let day = dayNumber(window.start); day <= last; day++) days.push(dayKeyOfNumber(day));
  return days;
}
