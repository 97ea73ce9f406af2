/**
 * How a digest names its period and its comparisons: weekly digests keep their week wording; monthly
 * and quarterly ones (issue 11 §3) say "November 2026 against October", "Q4 2026 against Q3", and
 * "against November 2025" for the same period a year earlier.
 */
import type { TimeWindow } from '../../src/domain/utc-days.js';
import type { DigestFigures } from '../../src/figures/figure-types.js';
import { formatDate, formatMonthName, formatPeriod, formatWindow } from '../blocks/format.js';

export interface PeriodWords {
  /** The covered period: "Mon 16 Nov – Sun 22 Nov", "November 2026", "Q4 2026". */
  name: string;
  /** The previous period, without the year when it is the same: "October", "December 2026", "Q3". */
  previousName: string;
  /** "week over week", "month over month", "quarter over quarter". */
  over: string;
  /** "week", "month", "quarter". */
  unit: string;
}

/** "November 2026" or "Q4 2026". */
export function periodName(start: number, period: 'month' | 'quarter'): string {
  if (period === 'quarter') return formatPeriod(start, 'quarter');
  return formatMonthName(start);
}

/**
 * "weekly", "monthly" or "quarterly": the standard digest's header says its cadence, so a monthly digest
 * is never headed "Codex weekly digest · November 2026".
 */
export function cadenceWord(digest: DigestFigures): 'weekly' | 'monthly' | 'quarterly' {
  const period = digest.period?.period;
  return period === undefined ? 'weekly' : period === 'month' ? 'monthly' : 'quarterly';
}

/** The words of a digest's period; weekly when the figures carry no calendar period. */
export function periodWords(digest: DigestFigures): PeriodWords {
  const calendar = digest.period;
  if (calendar === undefined) {
    return {
      name: formatWindow(digest.week),
      previousName: `the week of ${formatDate(digest.previousWeek.start)}`,
      over: 'week over week',
      unit: 'week',
    };
  }
  const { period, whole } = calendar;
  const previous = periodName(digest.previousWeek.start, period);
  const sameYear = yearOf(digest.previousWeek.start) === yearOf(whole.start);
  return {
    name: periodName(whole.start, period),
    previousName: sameYear ? previous.replace(/ \d{4}$/, '') : previous,
    over: `${period} over ${period}`,
    unit: period,
  };
}

function yearOf(seconds: number): number {
  return new Date(seconds * 1000).getUTCFullYear();
}

/**
 * The comparison lines of a monthly or quarterly digest, under its summary: what it is compared with,
 * and — when the analytics does not hold a compared period — where history starts instead of a made-up
 * comparison. Empty for a weekly digest.
 */
export function periodComparisonLines(
  digest: DigestFigures,
  describe: (deltas: NonNullable<NonNullable<DigestFigures['period']>['yearEarlier']['deltas']>) => string,
): string[] {
  const calendar = digest.period;
  if (calendar === undefined) return [];
  const words = periodWords(digest);
  const yearEarlierName = periodName(calendar.yearEarlier.window.start, calendar.period);
  const starts =
    calendar.historyStart === null
      ? 'no history is held yet'
      : `history starts ${formatDate(calendar.historyStart, true)}`;
  const lines = [
    `*${words.name} against ${words.previousName}*${calendar.yearEarlier.deltas === null ? '' : ` and ${yearEarlierName}`}`,
  ];
  if (!sameWindow(digest.week, calendar.whole)) {
    lines.push(`${capitalise(starts)}: the ${words.name} figures cover ${formatWindow(digest.week)} only.`);
  }
  if (!calendar.previousHeld) {
    lines.push(
      `No ${periodName(digest.previousWeek.start, calendar.period)} figures to compare with: ${starts}.`,
    );
  }
  lines.push(
    calendar.yearEarlier.deltas === null
      ? `No ${yearEarlierName} figures to compare with yet: ${starts}.`
      : `Against ${yearEarlierName}: ${describe(calendar.yearEarlier.deltas)}`,
  );
  return lines;
}

function sameWindow(a: TimeWindow, b: TimeWindow): boolean {
  return a.start === b.start && a.end === b.end;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
