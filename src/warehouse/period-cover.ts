/**
 * A span of time as the fewest stored periods of activity (usage-aggregates.ts,
 * usage-period-aggregates.ts): the UTC calendar months wholly inside it, then the Monday weeks wholly
 * inside what is left, then the days left over. Distinct users of the span OR each user's rows of these
 * periods, so a 90-day window reads two user-months and a few user-weeks per user instead of ninety days.
 */
import { DAY_SECONDS, startOfUtcWeek, type TimeWindow, WEEK_SECONDS } from '../domain/utc-days.js';
import { addMonths, startOfUtcMonth } from '../domain/utc-months.js';

export type StoredPeriod = 'day' | 'week' | 'month';

export interface PeriodCover {
  /** Runs of whole months, of whole weeks, and of the days left (each run start inclusive, end exclusive). */
  month: TimeWindow[];
  week: TimeWindow[];
  day: TimeWindow[];
}

function periodStart(seconds: number, period: 'week' | 'month'): number {
  return period === 'month' ? startOfUtcMonth(seconds) : startOfUtcWeek(seconds);
}

function periodEnd(start: number, period: 'week' | 'month'): number {
  return period === 'month' ? addMonths(start, 1) : start + WEEK_SECONDS;
}

/** The run of whole periods inside `span` (null: none), and the parts of `span` before and after it. */
function wholePeriods(
  span: TimeWindow,
  period: 'week' | 'month',
): { whole: TimeWindow | null; rest: TimeWindow[] } {
  const first = periodStart(span.start, period);
  const start = first === span.start ? first : periodEnd(first, period);
  let end = start;
  while (periodEnd(end, period) <= span.end) end = periodEnd(end, period);
  if (end === start) return { whole: null, rest: [span] };
  const rest = [
    { start: span.start, end: start },
    { start: end, end: span.end },
  ].filter((part) => part.end > part.start);
  return { whole: { start, end }, rest };
}

/** `span` as whole months, then whole weeks, then days. */
export function coverOf(span: TimeWindow): PeriodCover {
  const cover: PeriodCover = { month: [], week: [], day: [] };
  if (span.end <= span.start) return cover;
  const months = wholePeriods(span, 'month');
  if (months.whole !== null) cover.month.push(months.whole);
  for (const part of months.rest) {
    const weeks = wholePeriods(part, 'week');
    if (weeks.whole !== null) cover.week.push(weeks.whole);
    cover.day.push(...weeks.rest);
  }
  return cover;
}

/**
 * The one stored period `span` is, if it is one: a whole month, a whole week, or at most a day (rows
 * start at 00:00 UTC, so a span of a day or less holds at most one day's rows). Null otherwise.
 */
export function singlePeriod(span: TimeWindow): StoredPeriod | null {
  if (span.end - span.start <= DAY_SECONDS) return 'day';
  const cover = coverOf(span);
  const [month] = cover.month;
  if (month !== undefined && cover.week.length === 0 && cover.day.length === 0) {
    return addMonths(month.start, 1) === month.end ? 'month' : null;
  }
  const [week] = cover.week;
  if (week !== undefined && cover.month.length === 0 && cover.day.length === 0) {
    return week.end - week.start === WEEK_SECONDS ? 'week' : null;
  }
  return null;
}
