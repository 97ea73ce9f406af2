/**
 * Pre-flight check of a query window, so a person gets a message they can act on instead of the API's
 * terse 422 (and no request is spent on it).
 *
 * Rules (times are Unix seconds, end exclusive):
 * - both bounds are whole seconds and start < end;
 * - the API keeps 90 days [doc]: the start may not be earlier than UTC midnight 90 days before today.
 *   The real API's exact cut is undocumented [guess]; we count whole UTC days, as the `/codex` range
 *   grammar and our simulator do, so `90d` (the last 90 complete days) is always accepted. Should the
 *   real API cut at exactly 90 × 24 h, its 422 reaches the person with the API's own message;
 * - the start may not be after `now` (there is nothing to report yet);
 * - the end may run into the future — the current day or week bucket ends there and the API simply has
 *   no rows yet — but at most FUTURE_SLACK_DAYS ahead. Anything later is rejected rather than clamped:
 *   it is almost always a unit mix-up (milliseconds) or a typo, and clamping would hide it.
 */
import { CodexWindowInvalidError } from './codex-errors.js';

/** The API's lookback [doc]. */
export const LOOKBACK_DAYS = 90;
/** How far past `now` an end may lie: one full week bucket, so "this week" is always accepted. */
const FUTURE_SLACK_DAYS = 7;

const DAY = 86_400;

/** The earliest start the lookback allows: UTC midnight LOOKBACK_DAYS days before today (Unix seconds). */
export function earliestStartSeconds(now: Date): number {
  return Math.floor(now.getTime() / 1000 / DAY) * DAY - LOOKBACK_DAYS * DAY;
}

/** Throws CodexWindowInvalidError (code `codex_window_invalid`) when the window cannot be served. */
export function validateWindow(window: { startTime: number; endTime: number }, now: Date): void {
  const { startTime, endTime } = window;
  for (const [name, value] of [
    ['start', startTime],
    ['end', endTime],
  ] as const) {
    // Past 8.64e12 s a Date cannot even represent it.
    if (!Number.isSafeInteger(value) || value < 0 || value > 8_640_000_000_000) {
      throw new CodexWindowInvalidError(
        `The window ${name} (${String(value)}) is not a time: expected whole Unix seconds.`,
      );
    }
  }
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const unitHint =
    Math.max(startTime, endTime) > 1e11 ? ' (times are Unix seconds — was a millisecond value passed?)' : '';
  if (startTime >= endTime) {
    throw new CodexWindowInvalidError(
      `The window is empty: it starts at ${stamp(startTime)} and ends at ${stamp(endTime)}; the start must be before the end.${unitHint}`,
    );
  }
  const earliest = earliestStartSeconds(now);
  if (startTime < earliest) {
    const suggestion = earliest;
    throw new CodexWindowInvalidError(
      `The window starts on ${day(startTime)}, more than ${LOOKBACK_DAYS} days ago: the Codex Analytics API keeps ${LOOKBACK_DAYS} days. Try a start on or after ${day(suggestion)}.`,
    );
  }
  if (startTime > nowSeconds) {
    throw new CodexWindowInvalidError(
      `The window starts at ${stamp(startTime)}, which is in the future: there is no data yet. Try a start on or before ${day(nowSeconds)}.${unitHint}`,
    );
  }
  const latestEnd = Math.floor(nowSeconds / DAY) * DAY + (FUTURE_SLACK_DAYS + 1) * DAY;
  if (endTime > latestEnd) {
    throw new CodexWindowInvalidError(
      `The window ends on ${day(endTime)}, more than ${FUTURE_SLACK_DAYS} days in the future. Try an end on or before ${day(latestEnd)}.${unitHint}`,
    );
  }
}

function day(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

function stamp(seconds: number): string {
  const iso = new Date(seconds * 1000).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
