/**
 * How `/codex` names the days of a report window (`17–23 Nov`, `week of 16 Nov`). The arithmetic
 * behind the windows is the domain's (src/domain/utc-days.ts); this is only how people say them.
 */

import { formatMonthName, formatPeriod } from '../../reports/blocks/format.js';
import { startOfUtcDay } from '../../src/domain/utc-days.js';
import { addMonths } from '../../src/domain/utc-months.js';

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

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

/** `November 2026`: a whole calendar month. */
export function formatMonth(seconds: number): string {
  return formatMonthName(seconds);
}

/** `Q4 2026`: a calendar quarter. */
export function formatQuarter(seconds: number): string {
  return formatPeriod(seconds, 'quarter');
}

/**
 * Whole months from `start` to the month before `end` (exclusive, a first of month): `Nov 2026`,
 * `Jun–Nov 2026`, `Nov 2025–Jan 2026`.
 */
export function formatMonthSpan(start: number, end: number): string {
  const a = parts(start);
  const b = parts(addMonths(end, -1));
  if (a.year === b.year && a.month === b.month) return `${a.month} ${a.year}`;
  if (a.year === b.year) return `${a.month}–${b.month} ${b.year}`;
  return `${a.month} ${a.year}–${b.month} ${b.year}`;
}
