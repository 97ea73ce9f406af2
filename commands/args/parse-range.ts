/**
 * Report windows from range words: `7d`…`731d` (any `Nd`), `this-week`, `last-week`, `this-month`,
 * `last-month`, `this-quarter`, `last-quarter`, `6m`/`12m` (any `Nm`: that many closed months),
 * `YYYY-MM-DD..YYYY-MM-DD` and `YYYY-MM..YYYY-MM` (end inclusive as people type it), a single
 * `YYYY-MM-DD` or `YYYY-MM`, and `all` (the complete days of the last two years, cut to the history held). Windows follow the API (codex-analytics-api.md): Unix seconds, start
 * inclusive, end exclusive, UTC days, weeks from Monday 00:00 UTC, calendar months and quarters in UTC.
 * "last" words are closed periods; "this" words run to now and are marked running.
 *
 * How far back data goes is not the parser's call (issue 11 §3): the API keeps 90 days, the warehouse
 * keeps what it has synced, so the analytics answers `historyStart()` and the command says where
 * history starts. The parser only refuses what no store could answer: the future, empty windows, and
 * windows longer than two years.
 *
 * Future end dates are clamped to now (and the window marked running) rather than rejected: someone
 * asking for `2026-11-01..2026-11-30` on the 24th wants "November so far", and the label says so.
 * A start after today is rejected — there is nothing to show.
 */
import { z } from 'zod';
import {
  DAY_SECONDS,
  dayFromIso,
  dayKey,
  lastClosedWeek,
  lastCompleteDays,
  startOfUtcDay,
  startOfUtcWeek,
  type TimeWindow,
  toUnixSeconds,
} from '../../src/domain/utc-days.js';
import {
  addMonths,
  lastClosedMonths,
  lastClosedPeriod,
  periodContaining,
  startOfUtcMonth,
} from '../../src/domain/utc-months.js';
import { UsageError } from '../../src/errors.js';
import { createBuckets } from '../../src/figures/buckets.js';
import type { Bucket } from '../../src/figures/figure-types.js';
import { quoteInput } from './echo-input.js';
import { formatDay, formatDaySpan, formatMonth, formatMonthSpan, formatQuarter } from './format-day-span.js';

/** A report window plus how to name it (`last 7 days (17–23 Nov)`, `week of 16 Nov`, `November 2026`). */
export type ParsedWindow = TimeWindow & {
  label: string;
  /** True when the window ends at now (this week so far, a range through today): never compare it. */
  running: boolean;
  /** `all`: as far back as the analytics holds, so starting at its history start needs no note. */
  wholeHistory?: true;
};

/** The longest window any range may cover: two years (731 days with a leap day). */
export const MAX_RANGE_DAYS = 731;
/** `Nm` goes up to two years of closed months. */
export const MAX_RANGE_MONTHS = 24;
/** Windows up to this many days default to daily buckets, up to a quarter weekly, longer monthly. */
const MAX_DAILY_BUCKET_DAYS = 31;
const MAX_WEEKLY_BUCKET_DAYS = 92;
/** More points than this make an unreadable chart (a year by day): the parser says so. */
export const MAX_POINTS = 92;
/** The default range: the last 7 complete UTC days. */
const DEFAULT_RANGE_DAYS = 7;

const isoDateSchema = z.iso.date();
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const monthPattern = /^(\d{4})-(\d{2})$/;
const dayCountPattern = /^(\d+)d$/;
const monthCountPattern = /^(\d+)m$/;
const periodWords = [
  'this-week',
  'last-week',
  'this-month',
  'last-month',
  'this-quarter',
  'last-quarter',
  'all',
];

/** The range words did-you-mean offers. */
export const rangeWords: readonly string[] = ['7d', '14d', '30d', '90d', '6m', '12m', ...periodWords];

/** True when `token` is meant as a range (it may still be invalid: `parseRange` explains why). */
export function looksLikeRange(token: string): boolean {
  const word = token.toLowerCase();
  return (
    dayCountPattern.test(word) ||
    monthCountPattern.test(word) ||
    periodWords.includes(word) ||
    word.includes('..') ||
    /^\d{4}-/.test(word)
  );
}

/** The sentence that explains range syntax, with examples that are valid on `now`. */
export function rangeHint(now: Date): string {
  const today = startOfUtcDay(toUnixSeconds(now));
  const days = `${dayKey(today - 14 * DAY_SECONDS)}..${dayKey(today - DAY_SECONDS)}`;
  const lastMonth = startOfUtcMonth(today) - DAY_SECONDS;
  const months = `${dayKey(addMonths(startOfUtcMonth(lastMonth), -2)).slice(0, 7)}..${dayKey(lastMonth).slice(0, 7)}`;
  return `Ranges look like \`7d\`, \`30d\`, \`last-week\`, \`last-month\`, \`last-quarter\`, \`6m\`, \`${days}\` or \`${months}\`.`;
}

/**
 * Days up to a month, weeks up to a quarter (`90d`, `last-quarter`), months beyond (`6m`, `12m`):
 * a 90-day daily chart is unreadable, and a year of weeks is 53 thin bars.
 */
export function defaultBucket(window: TimeWindow): Bucket {
  const length = window.end - window.start;
  if (length <= MAX_DAILY_BUCKET_DAYS * DAY_SECONDS) return 'day';
  return length <= MAX_WEEKLY_BUCKET_DAYS * DAY_SECONDS ? 'week' : 'month';
}

/** Throws a UsageError (without usage line) when `bucket` cuts `window` into more points than a chart holds. */
export function checkBucketFits(window: ParsedWindow, bucket: Bucket): void {
  const points = createBuckets(window, bucket).count;
  if (points <= MAX_POINTS) return;
  const coarser = bucket === 'day' ? '`by week` or `by month`' : '`by month` or `by quarter`';
  throw new UsageError(
    `\`by ${bucket}\` over ${window.label} is ${points} points, too many for one chart (at most ${MAX_POINTS}): try ${coarser}.`,
  );
}

/** The last `days` complete UTC days, ending at 00:00 UTC today. */
function lastDays(days: number, now: Date): ParsedWindow {
  const { start, end } = lastCompleteDays(now, days);
  const year = now.getUTCFullYear();
  const span = formatDaySpan(start, end, year);
  const label = days === 1 ? `yesterday (${span})` : `last ${days} days (${span})`;
  return checked({ start, end, label, running: false });
}

/** The window used when no range is given: the last 7 complete days. */
export function defaultWindow(now: Date): ParsedWindow {
  return lastDays(DEFAULT_RANGE_DAYS, now);
}

/** Parses one range token; throws a UsageError (without usage line) explaining what is wrong. */
export function parseRange(token: string, now: Date): ParsedWindow {
  const word = token.toLowerCase();
  const days = dayCountPattern.exec(word)?.[1];
  if (days !== undefined) {
    const n = Number(days);
    if (n < 1 || n > MAX_RANGE_DAYS) {
      throw new UsageError(
        `${quoteInput(token)}: day ranges go from \`1d\` to \`${MAX_RANGE_DAYS}d\` (for longer, try \`12m\` or \`${MAX_RANGE_MONTHS}m\`).`,
      );
    }
    return lastDays(n, now);
  }
  const months = monthCountPattern.exec(word)?.[1];
  if (months !== undefined) {
    const n = Number(months);
    if (n < 1 || n > MAX_RANGE_MONTHS) {
      throw new UsageError(
        `${quoteInput(token)}: month ranges go from \`1m\` to \`${MAX_RANGE_MONTHS}m\` (closed months before this one).`,
      );
    }
    return lastMonths(n, now);
  }
  const period = periodWindow(word, now);
  if (period !== null) return period;
  return explicitRange(token, now);
}

/** The last `n` closed calendar months: `last 6 months (Jun–Nov 2026)`. */
function lastMonths(n: number, now: Date): ParsedWindow {
  const { start, end } = lastClosedMonths(now, n);
  const span = formatMonthSpan(start, end);
  return checked({ start, end, label: n === 1 ? span : `last ${n} months (${span})`, running: false });
}

/** `this-week` … `last-quarter`, or null for any other word. */
function periodWindow(word: string, now: Date): ParsedWindow | null {
  const nowSeconds = toUnixSeconds(now);
  const year = now.getUTCFullYear();
  switch (word) {
    case 'this-week': {
      const start = startOfUtcWeek(nowSeconds);
      return checked({
        start,
        end: nowSeconds,
        label: `this week so far (from ${formatDay(start, year)})`,
        running: true,
      });
    }
    case 'last-week': {
      const { start, end } = lastClosedWeek(now);
      return checked({ start, end, label: `week of ${formatDay(start, year)}`, running: false });
    }
    case 'this-month': {
      const start = startOfUtcMonth(nowSeconds);
      return checked({ start, end: nowSeconds, label: `${formatMonth(start)} so far`, running: true });
    }
    case 'last-month': {
      const { start, end } = lastClosedPeriod(now, 'month');
      return checked({ start, end, label: formatMonth(start), running: false });
    }
    case 'this-quarter': {
      const { start } = periodContaining(nowSeconds, 'quarter');
      return checked({
        start,
        end: nowSeconds,
        label: `${formatQuarter(start)} so far (from ${formatDay(start, year)})`,
        running: true,
      });
    }
    case 'all': {
      // Everything held, up to the two years any range covers: the analytics cuts it to its history start.
      const { start, end } = lastCompleteDays(now, MAX_RANGE_DAYS);
      return checked({ start, end, label: 'all history', running: false, wholeHistory: true });
    }
    case 'last-quarter': {
      const { start, end } = lastClosedPeriod(now, 'quarter');
      return checked({
        start,
        end,
        label: `${formatQuarter(start)} (${formatMonthSpan(start, end)})`,
        running: false,
      });
    }
    default:
      return null;
  }
}

/** `YYYY-MM-DD[..YYYY-MM-DD]` or `YYYY-MM[..YYYY-MM]`, end inclusive, clamped to now. */
function explicitRange(token: string, now: Date): ParsedWindow {
  const nowSeconds = toUnixSeconds(now);
  const [first, second, ...rest] = token.split('..');
  const single =
    second === undefined && first !== undefined && (datePattern.test(first) || monthPattern.test(first));
  if (first === undefined || rest.length > 0 || (second === undefined && !single)) {
    throw new UsageError(`I didn't understand ${quoteInput(token)}. ${rangeHint(now)}`);
  }
  const last = second ?? first;
  const byMonth = monthPattern.test(first) && monthPattern.test(last);
  if (!byMonth && (monthPattern.test(first) || monthPattern.test(last))) {
    throw new UsageError(
      `${quoteInput(token)} mixes a month and a day: give two months (\`2026-06..2026-11\`) or two days.`,
    );
  }
  const start = byMonth ? monthStart(first, token) : dayFromIso(readDate(first, token, now));
  const end = byMonth
    ? addMonths(monthStart(last, token), 1)
    : dayFromIso(readDate(last, token, now)) + DAY_SECONDS;
  if (end <= start) {
    throw new UsageError(`${quoteInput(token)} ends before it starts: put the earlier date first.`);
  }
  if (start > nowSeconds) {
    throw new UsageError(
      `${quoteInput(token)} starts in the future: the newest data is from today, ${dayKey(nowSeconds)}.`,
    );
  }
  const running = end > nowSeconds;
  const clamped = Math.min(end, nowSeconds);
  const span = byMonth ? formatMonthSpan(start, end) : formatDaySpan(start, clamped, now.getUTCFullYear());
  return checked({ start, end: clamped, label: running ? `${span} (so far)` : span, running });
}

function monthStart(part: string, token: string): number {
  const match = monthPattern.exec(part);
  const month = Number(match?.[2]);
  if (match === null || month < 1 || month > 12) {
    throw new UsageError(`${quoteInput(part)} isn't a month on the calendar (in ${quoteInput(token)}).`);
  }
  return dayFromIso(`${part}-01`);
}

function readDate(part: string, token: string, now: Date): string {
  if (!datePattern.test(part)) {
    throw new UsageError(
      `I didn't understand ${quoteInput(token)}: dates are year-month-day, like \`${dayKey(toUnixSeconds(now))}\`.`,
    );
  }
  if (!isoDateSchema.safeParse(part).success) {
    throw new UsageError(`${quoteInput(part)} isn't a date on the calendar.`);
  }
  return part;
}

/** A non-empty window of at most two years on every range form. */
function checked(window: ParsedWindow): ParsedWindow {
  if (window.end <= window.start) {
    throw new UsageError('That range has no data yet: it starts right now. Try `7d` or `last-week`.');
  }
  if (window.end - window.start > MAX_RANGE_DAYS * DAY_SECONDS) {
    throw new UsageError(
      `${window.label} is longer than two years: ranges cover at most ${MAX_RANGE_DAYS} days (\`${MAX_RANGE_MONTHS}m\`).`,
    );
  }
  return window;
}
