/**
 * UTC calendar arithmetic for report windows. The API's buckets are UTC days and Monday-start weeks
 * (codex-analytics-api.md), and UTC has no DST, so whole days are exactly 86,400 s and plain
 * arithmetic on Unix seconds is correct.
 */

/** Seconds in a UTC day. */
export const DAY_SECONDS = 86_400;

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Unix seconds of `now`, rounded down (the API takes whole seconds). */
export function unixSeconds(now: Date): number {
  return Math.floor(now.getTime() / 1000);
}

/** 00:00 UTC of the day holding `seconds`. */
export function startOfUtcDay(seconds: number): number {
  return Math.floor(seconds / DAY_SECONDS) * DAY_SECONDS;
}

/** 00:00 UTC of the Monday of the week holding `seconds`. */
export function startOfUtcWeek(seconds: number): number {
  const day = startOfUtcDay(seconds);
  const weekday = new Date(day * 1000).getUTCDay(); // 0 = Sunday
  return day - ((weekday + 6) % 7) * DAY_SECONDS;
}

/** `YYYY-MM-DD` of the UTC day holding `seconds`. */
export function isoDay(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

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
