/**
 * UTC day arithmetic on "day numbers" (days since 1970-01-01). Buckets are aligned to calendar units:
 * a day bucket starts at 00:00 UTC, a week bucket on Monday 00:00 UTC (the contract's assumption).
 */

export const DAY_SECONDS = 86_400;

/** `day` (default) or `week` buckets. */
export type GroupBy = 'day' | 'week';

/** The UTC day number containing `unixSeconds`. */
export function dayOf(unixSeconds: number): number {
  return Math.floor(unixSeconds / DAY_SECONDS);
}

/** Unix seconds at 00:00 UTC of `day`. */
export function dayStartSeconds(day: number): number {
  return day * DAY_SECONDS;
}

/** Day 0 (1970-01-01) was a Thursday, so Monday-based weekday = (day + 3) mod 7. */
export function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** True on Saturday and Sunday. */
export function isWeekend(day: number): boolean {
  return weekdayIndex(day) >= 5;
}

/** Days per bucket. */
export function bucketDays(groupBy: GroupBy): number {
  return groupBy === 'week' ? 7 : 1;
}

/** The first day of the bucket containing `day` (the Monday for weeks). */
export function bucketStartDay(day: number, groupBy: GroupBy): number {
  return groupBy === 'week' ? day - weekdayIndex(day) : day;
}
