/**
 * UTC months and quarters on Unix seconds (issue 11 §3): the calendar the long ranges of `/codex`
 * (`last-month`, `6m`, `2026-01..2026-06`), the month/quarter buckets and the monthly/quarterly digest
 * share. Months are not a fixed number of seconds, so this is civil-calendar arithmetic on day numbers
 * (Howard Hinnant's `days_from_civil` / `civil_from_days`): exact, no Date allocation per row, correct
 * across year ends and leap years. Quarters are calendar quarters (Jan, Apr, Jul, Oct).
 */
import { DAY_SECONDS, dayNumber, type TimeWindow, toUnixSeconds } from './utc-days.js';

/** A calendar period longer than a week. */
export type CalendarPeriod = 'month' | 'quarter';

const monthsIn: Record<CalendarPeriod, number> = { month: 1, quarter: 3 };

/** Months since January 1970 (0 = Jan 1970), the index month buckets count with. */
export function monthIndex(seconds: number): number {
  const { year, month } = civilFromDays(dayNumber(seconds));
  return (year - 1970) * 12 + (month - 1);
}

/** 00:00 UTC on the first day of month `index` (see `monthIndex`); any integer index is valid. */
export function startOfMonthIndex(index: number): number {
  const year = 1970 + Math.floor(index / 12);
  const month = index - (year - 1970) * 12 + 1;
  return daysFromCivil(year, month, 1) * DAY_SECONDS;
}

/** 00:00 UTC on the first of the month containing `seconds`. */
export function startOfUtcMonth(seconds: number): number {
  return startOfMonthIndex(monthIndex(seconds));
}

/** 00:00 UTC on the first day of the calendar quarter containing `seconds`. */
export function startOfUtcQuarter(seconds: number): number {
  const index = monthIndex(seconds);
  return startOfMonthIndex(index - (((index % 3) + 3) % 3));
}

/** The month or quarter containing `seconds`, whole (it may end after now). */
export function periodContaining(seconds: number, period: CalendarPeriod): TimeWindow {
  const start = period === 'month' ? startOfUtcMonth(seconds) : startOfUtcQuarter(seconds);
  return { start, end: addMonths(start, monthsIn[period]) };
}

/** The last closed month or quarter at `now`: the one that ended at or before `now`. */
export function lastClosedPeriod(now: Date, period: CalendarPeriod): TimeWindow {
  const current = periodContaining(toUnixSeconds(now), period);
  return previousPeriod(current, period);
}

/** The month or quarter before `period` (ending where it starts). */
export function previousPeriod(window: TimeWindow, period: CalendarPeriod): TimeWindow {
  return { start: addMonths(window.start, -monthsIn[period]), end: window.start };
}

/** The same month-aligned window a year earlier (`Nov 2026` → `Nov 2025`, `Q1 2028` → `Q1 2027`). */
export function sameWindowYearEarlier(window: TimeWindow): TimeWindow {
  return { start: addMonths(window.start, -12), end: addMonths(window.end, -12) };
}

/** The last `count` closed months before `now`'s month (`6m` on 7 Dec 2026 = Jun–Nov 2026). */
export function lastClosedMonths(now: Date, count: number): TimeWindow {
  const end = startOfUtcMonth(toUnixSeconds(now));
  return { start: addMonths(end, -count), end };
}

/**
 * `months` calendar months after (or before, when negative) a month start. Only month starts are
 * exact: the 31st plus a month has no answer, so callers pass firsts of months.
 */
export function addMonths(monthStart: number, months: number): number {
  return startOfMonthIndex(monthIndex(monthStart) + months);
}

/** The civil date of a day number (days since 1970-01-01), proleptic Gregorian. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** Days since 1970-01-01 of a civil date (month 1..12). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
