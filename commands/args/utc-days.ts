/**
 * UTC calendar arithmetic for report windows. The API's buckets are UTC days and Monday-start weeks
 * (codex-analytics-api.md), and UTC has no DST, so whole days are exactly 86,400 s and plain
 * arithmetic on Unix seconds is correct.
 */

// Calendar arithmetic is shared with the figures (one definition of a UTC day and a Monday week).
import {
  DAY_SECONDS,
  dayKey as isoDay,
  startOfUtcDay,
  startOfUtcWeek,
  toUnixSeconds as unixSeconds,
} from '../../src/figures/utc-days.js';

export { DAY_SECONDS, isoDay, startOfUtcDay, startOfUtcWeek, unixSeconds };

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 00:00 UTC of a `YYYY-MM-DD` that is already known to be a real calendar date. */
export function dayFromIso(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 1000;
}

function parts(seconds: number): { day: number; month: string; year: number } {
  const date = new Date(seconds * 1000);
  return { day: date.getUTCDate(), month: months[date.getUTCMonth()] ?? '', year: date.getUTCFullYear() };
}

/** `16 Nov`, or `16 Nov 2025` when the year differs from `currentYear`. */
export function formatDay(seconds: number, currentYear: number): string {
  const p = parts(seconds);
  return p.year === currentYear ? `${p.day} ${p.month}` : `${p.day} ${p.month} ${p.year}`;
}

/**
 * The days of a window as a person says them: `17 Nov`, `17–23 Nov`, `25 Oct–23 Nov`, or with years
 * (`28 Dec 2025–3 Jan 2026`) when the window leaves `currentYear`. `end` is exclusive.
 */
export function formatDaySpan(start: number, end: number, currentYear: number): string {
  const last = startOfUtcDay(Math.max(start, end - 1));
  const a = parts(start);
  const b = parts(last);
  if (a.year === b.year && a.month === b.month && a.day === b.day) return formatDay(start, currentYear);
  if (a.year !== b.year) return `${formatDay(start, Number.NaN)}–${formatDay(last, Number.NaN)}`;
  const year = a.year === currentYear ? '' : ` ${a.year}`;
  if (a.month === b.month) return `${a.day}–${b.day} ${b.month}${year}`;
  return `${a.day} ${a.month}–${b.day} ${b.month}${year}`;
}
