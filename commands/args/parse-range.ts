/**
 * Report windows from range words: `7d`…`90d` (any `Nd`, 1..90), `this-week`, `last-week`,
 * `YYYY-MM-DD..YYYY-MM-DD` (end date inclusive as people type it) and a single `YYYY-MM-DD`.
 * Windows follow the API (codex-analytics-api.md): Unix seconds, start inclusive, end exclusive, UTC
 * days, weeks from Monday 00:00 UTC, at most 90 days back.
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
import { UsageError } from '../../src/errors.js';
import type { Bucket } from '../../src/figures/figure-types.js';
import { quoteInput } from './echo-input.js';
import { formatDay, formatDaySpan } from './format-day-span.js';

/** A report window plus how to name it (`last 7 days (17–23 Nov)`, `week of 16 Nov`). */
export type ParsedWindow = TimeWindow & {
  label: string;
  /** True when the window ends at now (this week so far, a range through today): never compare it. */
  running: boolean;
};

/** How far back Codex analytics go [doc]. Counted in whole UTC days, so `90d` is the oldest range. */
export const LOOKBACK_DAYS = 90;
/** Windows up to this many days default to daily buckets, longer ones to weekly. */
const MAX_DAILY_BUCKET_DAYS = 31;
/** The default range: the last 7 complete UTC days. */
const DEFAULT_RANGE_DAYS = 7;

const isoDateSchema = z.iso.date();
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const dayCountPattern = /^(\d+)d$/;

/** 00:00 UTC of the oldest day the API still has. */
export function earliestStart(now: Date): number {
  return startOfUtcDay(toUnixSeconds(now)) - LOOKBACK_DAYS * DAY_SECONDS;
}

/** True when `token` is meant as a range (it may still be invalid: `parseRange` explains why). */
export function looksLikeRange(token: string): boolean {
  const word = token.toLowerCase();
  return (
    dayCountPattern.test(word) ||
    word === 'this-week' ||
    word === 'last-week' ||
    word.includes('..') ||
    /^\d{4}-/.test(word)
  );
}

/** The sentence that explains range syntax, with an example that is valid on `now`. */
export function rangeHint(now: Date): string {
  const today = startOfUtcDay(toUnixSeconds(now));
  const example = `${dayKey(today - 14 * DAY_SECONDS)}..${dayKey(today - DAY_SECONDS)}`;
  return `Ranges look like \`7d\`, \`30d\`, \`last-week\` or \`${example}\`.`;
}

/** Day buckets for windows up to a month, week buckets beyond (a 90-day daily chart is unreadable). */
export function defaultBucket(window: TimeWindow): Bucket {
  return window.end - window.start <= MAX_DAILY_BUCKET_DAYS * DAY_SECONDS ? 'day' : 'week';
}

/** The last `days` complete UTC days, ending at 00:00 UTC today. */
function lastDays(days: number, now: Date): ParsedWindow {
  const { start, end } = lastCompleteDays(now, days);
  const year = now.getUTCFullYear();
  const span = formatDaySpan(start, end, year);
  const label = days === 1 ? `yesterday (${span})` : `last ${days} days (${span})`;
  return checked({ start, end, label, running: false }, now);
}

/** The window used when no range is given: the last 7 complete days. */
export function defaultWindow(now: Date): ParsedWindow {
  return lastDays(DEFAULT_RANGE_DAYS, now);
}

/** Parses one range token; throws a UsageError (without usage line) explaining what is wrong. */
export function parseRange(token: string, now: Date): ParsedWindow {
  const word = token.toLowerCase();
  const nowSeconds = toUnixSeconds(now);
  const year = now.getUTCFullYear();
  const days = dayCountPattern.exec(word)?.[1];
  if (days !== undefined) {
    const n = Number(days);
    if (n < 1)
      throw new UsageError(
        `${quoteInput(token)} is empty: day ranges go from \`1d\` to \`${LOOKBACK_DAYS}d\`.`,
      );
    if (n > LOOKBACK_DAYS) {
      throw new UsageError(
        `Codex keeps ${LOOKBACK_DAYS} days of analytics: the earliest start is ${dayKey(earliestStart(now))}, so day ranges go up to \`${LOOKBACK_DAYS}d\`.`,
      );
    }
    return lastDays(n, now);
  }
  if (word === 'this-week') {
    const start = startOfUtcWeek(nowSeconds);
    const label = `this week so far (from ${formatDay(start, year)})`;
    return checked({ start, end: nowSeconds, label, running: true }, now);
  }
  if (word === 'last-week') {
    const { start, end } = lastClosedWeek(now);
    return checked({ start, end, label: `week of ${formatDay(start, year)}`, running: false }, now);
  }
  const [first, second, ...rest] = token.split('..');
  if (first === undefined || rest.length > 0 || (second === undefined && !datePattern.test(first))) {
    throw new UsageError(`I didn't understand ${quoteInput(token)}. ${rangeHint(now)}`);
  }
  const start = dayFromIso(readDate(first, token, now));
  const end = dayFromIso(readDate(second ?? first, token, now)) + DAY_SECONDS;
  if (end <= start) {
    throw new UsageError(`${quoteInput(token)} ends before it starts: put the earlier date first.`);
  }
  if (start > nowSeconds) {
    throw new UsageError(
      `${quoteInput(token)} starts in the future: the newest data is from today, ${dayKey(nowSeconds)}.`,
    );
  }
  const running = end > nowSeconds;
  const span = formatDaySpan(start, Math.min(end, nowSeconds), year);
  return checked(
    { start, end: Math.min(end, nowSeconds), label: running ? `${span} (so far)` : span, running },
    now,
  );
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

/** Enforces the 90-day lookback and a non-empty window on every range form. */
function checked(window: ParsedWindow, now: Date): ParsedWindow {
  const earliest = earliestStart(now);
  if (window.start < earliest) {
    throw new UsageError(
      `Codex keeps ${LOOKBACK_DAYS} days of analytics: the earliest start is ${dayKey(earliest)}.`,
    );
  }
  if (window.end <= window.start) {
    throw new UsageError('That range has no data yet: it starts right now. Try `7d` or `last-week`.');
  }
  return window;
}
