/**
 * When an alert rule fires (issue 13): one pure function from a rule's condition and the watched
 * metric's values per period to the periods it fires on. The same function answers "would have fired
 * 3 times in the last 90 days" (a preview over the warehouse's whole history) and decides the firings
 * after each sync (the newest periods), so a preview can never disagree with what will be sent.
 *
 * Each period fires at most once by construction here; exactly-once *delivery* of a firing is the
 * store's claim, as for digests.
 */
import { type AlertCondition, ANOMALY_BASELINE_DAYS } from '../domain/alert-rules.js';
import { isWeekend, type TimeWindow } from '../domain/utc-days.js';

/** The watched metric over one period (a UTC day, a Monday week or a month). */
export interface PeriodValue extends TimeWindow {
  /** Null when the figure has no value for the period (a share without votes), never for "no usage" (0). */
  value: number | null;
  /** The period has not closed yet, or holds days the API may still restate. */
  provisional: boolean;
}

/** Which days an anomaly's baseline holds: the judged day's own kind. */
export type DayKind = 'weekday' | 'weekend';

/** What a firing reports beside the value: the threshold, the previous period, or the baseline. */
export type FiringReference =
  | { kind: 'threshold'; threshold: number }
  | { kind: 'change'; previous: number; changePercent: number }
  | {
      kind: 'anomaly';
      median: number;
      mad: number;
      deviations: number | null;
      /** The baseline's days: the weekdays or the weekend days of the trailing closed days… */
      dayKind: DayKind;
      /** …and how many of them (20 weekdays or 8 weekend days of 28). */
      baselineDays: number;
    };

export interface AlertFiring {
  period: TimeWindow;
  value: number;
  reference: FiringReference;
  provisional: boolean;
}

export interface EvaluateOptions {
  /** Judge provisional periods too (a rule's opt-in); otherwise they never fire. */
  includeProvisional: boolean;
}

/**
 * Every period of `periods` (contiguous, oldest first, each of the rule's own period length — days for
 * an anomaly rule) on which the condition holds, oldest first.
 * - above / below: the value crosses the threshold strictly;
 * - change: against the period just before, when that one has a non-zero value (a rise from nothing
 *   has no percentage);
 * - anomaly: |value − median| > k × MAD over the days of its own kind (weekdays for a weekday, weekend
 *   days for a weekend day) among the ANOMALY_BASELINE_DAYS closed days just before it — weekends are
 *   quiet, and against all 28 days every ordinary weekend read as a drop (22 firings over the demo
 *   history, most on Saturdays and Sundays). A day with fewer than ANOMALY_BASELINE_DAYS closed days
 *   behind it is not judged. A MAD of 0 (a flat history) makes any departure from the median fire — one
 *   P0 finding after weeks of none is exactly that.
 */
export function evaluateCondition(
  condition: AlertCondition,
  periods: readonly PeriodValue[],
  options: EvaluateOptions,
): AlertFiring[] {
  const firings: AlertFiring[] = [];
  periods.forEach((period, index) => {
    const { value } = period;
    if (value === null || (period.provisional && !options.includeProvisional)) return;
    const reference = referenceFor(condition, value, periods, index);
    if (reference === null) return;
    firings.push({
      period: { start: period.start, end: period.end },
      value,
      reference,
      provisional: period.provisional,
    });
  });
  return firings;
}

/** The firing's reference when the condition holds on `periods[index]` (value `value`), else null. */
function referenceFor(
  condition: AlertCondition,
  value: number,
  periods: readonly PeriodValue[],
  index: number,
): FiringReference | null {
  switch (condition.kind) {
    case 'above':
      return value > condition.value ? { kind: 'threshold', threshold: condition.value } : null;
    case 'below':
      return value < condition.value ? { kind: 'threshold', threshold: condition.value } : null;
    case 'change': {
      const previous = periods[index - 1]?.value ?? null;
      if (previous === null || previous === 0) return null;
      const changePercent = ((value - previous) / Math.abs(previous)) * 100;
      const holds =
        condition.percent >= 0 ? changePercent >= condition.percent : changePercent <= condition.percent;
      return holds ? { kind: 'change', previous, changePercent } : null;
    }
    case 'anomaly': {
      const judged = periods[index];
      if (judged === undefined) return null;
      const weekend = isWeekend(judged.start);
      const baseline = closedBaseline(periods, index, weekend);
      if (baseline === null) return null;
      const center = median(baseline);
      const mad = median(baseline.map((x) => Math.abs(x - center)));
      const distance = Math.abs(value - center);
      if (distance <= condition.k * mad || distance === 0) return null;
      return {
        kind: 'anomaly',
        median: center,
        mad,
        deviations: mad === 0 ? null : distance / mad,
        dayKind: weekend ? 'weekend' : 'weekday',
        baselineDays: baseline.length,
      };
    }
  }
}

/**
 * The values of the weekend days (`weekend`) or the weekdays among the ANOMALY_BASELINE_DAYS periods
 * before `index`, or null unless all of those periods are closed and known: the window stays the rule's
 * 28 closed days whatever kind of day is judged.
 */
function closedBaseline(periods: readonly PeriodValue[], index: number, weekend: boolean): number[] | null {
  if (index < ANOMALY_BASELINE_DAYS) return null;
  const values: number[] = [];
  for (let i = index - ANOMALY_BASELINE_DAYS; i < index; i++) {
    const period = periods[i];
    if (period === undefined || period.provisional || period.value === null) return null;
    if (isWeekend(period.start) === weekend) values.push(period.value);
  }
  // 28 contiguous days hold both kinds; a gap in `periods` could leave none, and no median.
  return values.length === 0 ? null : values;
}

/** The median of a non-empty list (the mean of the middle two for an even length). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}
