/**
 * A monthly budget's status at the clock's now (issue 13 §3): the month's closed days from the
 * warehouse's daily series — the same series alerts judge — and the weekday-aware forecast to the
 * month's end. What `/codex budget` shows and what budget alerts fire on.
 */
import { DAY_SECONDS, type TimeWindow, toUnixSeconds } from '../domain/utc-days.js';
import { addMonths, startOfUtcMonth } from '../domain/utc-months.js';
import { BASELINE_DAYS, type BudgetForecast, forecastBudget } from '../figures/budget-forecast.js';
import type { Freshness } from '../figures/figure-types.js';
import type { Budget } from '../store/alert-store-types.js';
import type { AlertHistory } from './alert-history.js';

export interface BudgetStatus {
  budget: Budget;
  month: TimeWindow;
  forecast: BudgetForecast;
  freshness: Freshness;
}

/** The UTC calendar month containing `now`. */
export function monthOf(now: Date): TimeWindow {
  const start = startOfUtcMonth(toUnixSeconds(now));
  return { start, end: addMonths(start, 1) };
}

export async function budgetStatus(history: AlertHistory, budget: Budget, now: Date): Promise<BudgetStatus> {
  const month = monthOf(now);
  const scope =
    budget.team === null ? ({ kind: 'workspace' } as const) : ({ kind: 'team', team: budget.team } as const);
  const series = await history.series(budget.unit === 'usd' ? 'usd' : 'credits', scope, 'day');
  const closed = series.periods.filter((p) => !p.provisional);
  const closedThrough = closed.at(-1)?.end ?? month.start;
  const from = Math.min(month.start, closedThrough) - BASELINE_DAYS * DAY_SECONDS;
  const daily = closed
    .filter((p) => p.start >= from && p.value !== null)
    .map((p) => ({ day: p.start, amount: p.value ?? 0 }));
  return {
    budget,
    month,
    forecast: forecastBudget({ month, closedThrough, daily, budget: budget.amount }),
    freshness: series.freshness,
  };
}
