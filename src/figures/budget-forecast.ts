/**
 * A monthly budget's burn and its forecast to the month's end (issue 13, part 3). Weekends are quiet in
 * most engineering teams, so a flat daily average would over-forecast a month that ends on a weekend and
 * under-forecast one that ends on a run of weekdays: the remaining days are forecast at the mean of the
 * same kind of day (weekday or weekend) over the closed days before, at most BASELINE_DAYS of them.
 * Pure: daily amounts in, figures out.
 */
import { DAY_SECONDS, isWeekend, type TimeWindow } from '../domain/utc-days.js';

/** The trailing closed days the weekday and weekend rates are taken from. */
export const BASELINE_DAYS = 28;
/** Fewer closed days than this behind the forecast: too little to forecast from. */
const MIN_BASELINE_DAYS = 7;

/** One UTC day's amount (credits or USD), by the day's 00:00 in Unix seconds. */
export interface DailyAmount {
  day: number;
  amount: number;
}

export interface BudgetForecastInput {
  /** The budget's month (UTC). */
  month: TimeWindow;
  /** Days before this (Unix seconds, a day start) are closed; later ones are forecast. */
  closedThrough: number;
  /** Amounts of the closed days of the month and of up to BASELINE_DAYS closed days before closedThrough. */
  daily: readonly DailyAmount[];
  budget: number;
}

export interface BudgetForecast {
  /** The month's closed days' total. */
  spent: number;
  /** spent / budget. */
  spentShare: number;
  /** spent plus the forecast of the month's remaining days; null with too little history. */
  forecast: number | null;
  forecastShare: number | null;
  /**
   * The first day (00:00, Unix seconds) on which the month's running total — actual, then forecast —
   * passes the budget; null if it doesn't (or, with no forecast, hasn't yet).
   */
  crossesOn: number | null;
  /** The rates the forecast used, per weekday and per weekend day. */
  rates: { weekday: number; weekend: number } | null;
  /** Closed days of the month, and days left to forecast. */
  closedDays: number;
  remainingDays: number;
}

export function forecastBudget(input: BudgetForecastInput): BudgetForecast {
  const { month, budget } = input;
  const closedEnd = Math.min(Math.max(input.closedThrough, month.start), month.end);
  const byDay = new Map<number, number>();
  for (const { day, amount } of input.daily) byDay.set(day, (byDay.get(day) ?? 0) + amount);

  const rates = ratesBefore(byDay, input.closedThrough);
  // One pass over the month: closed days at their amounts, the rest at the rate of their kind of day.
  let spent = 0;
  let total = 0;
  let crossesOn: number | null = null;
  for (let day = month.start; day < month.end; day += DAY_SECONDS) {
    if (day < closedEnd) {
      spent += byDay.get(day) ?? 0;
      total = spent;
    } else if (rates !== null) {
      total += isWeekend(day) ? rates.weekend : rates.weekday;
    } else {
      break;
    }
    if (crossesOn === null && total > budget) crossesOn = day;
  }
  const forecast = rates === null ? null : total;
  return {
    spent,
    spentShare: spent / budget,
    forecast,
    forecastShare: forecast === null ? null : forecast / budget,
    crossesOn,
    rates,
    closedDays: Math.max(0, (closedEnd - month.start) / DAY_SECONDS),
    remainingDays: Math.max(0, (month.end - closedEnd) / DAY_SECONDS),
  };
}

/**
 * The mean weekday and weekend amounts over the BASELINE_DAYS closed days before `closedThrough`, from
 * the first day `daily` holds at the earliest (before it, history is unknown, not zero; after it, a day
 * absent from `daily` spent nothing); null when fewer than MIN_BASELINE_DAYS such days exist.
 * A kind of day the baseline lacks takes the other kind's rate.
 */
function ratesBefore(
  byDay: ReadonlyMap<number, number>,
  closedThrough: number,
): { weekday: number; weekend: number } | null {
  const known = [...byDay.keys()].filter((day) => day < closedThrough);
  if (known.length === 0) return null;
  const first = Math.max(Math.min(...known), closedThrough - BASELINE_DAYS * DAY_SECONDS);
  const sums = { weekday: 0, weekend: 0 };
  const counts = { weekday: 0, weekend: 0 };
  for (let day = first; day < closedThrough; day += DAY_SECONDS) {
    const kind = isWeekend(day) ? 'weekend' : 'weekday';
    sums[kind] += byDay.get(day) ?? 0;
    counts[kind] += 1;
  }
  if (counts.weekday + counts.weekend < MIN_BASELINE_DAYS) return null;
  const weekday = counts.weekday === 0 ? null : sums.weekday / counts.weekday;
  const weekend = counts.weekend === 0 ? null : sums.weekend / counts.weekend;
  return { weekday: weekday ?? weekend ?? 0, weekend: weekend ?? weekday ?? 0 };
}
