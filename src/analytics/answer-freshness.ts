/**
 * An answer's freshness (the footer): the figures' own (computeFreshness) told where the rows come from
 * and how old they are. Shared by the row-computed answers and the SQL ones (sql-user-answers.ts).
 */
import type { TimeWindow } from '../domain/utc-days.js';
import type { Freshness } from '../figures/figure-types.js';
import { computeFreshness } from '../figures/freshness.js';
import type { RowsReadiness } from './window-rows.js';

/** The figures' freshness at `now`, told where the rows come from and how old they are. */
export function freshnessOf(window: TimeWindow, now: Date, readiness: RowsReadiness): Freshness {
  return withReadiness(computeFreshness(window, now), readiness);
}

/**
 * A warehouse's rows end with its last sync: the newest complete day is never later than the data it
 * holds, and the footer says how old that data is.
 */
export function withReadiness(freshness: Freshness, readiness: RowsReadiness): Freshness {
  if (readiness.note === null) return freshness;
  const { dataThrough } = readiness;
  const newest = freshness.newestCompleteDay;
  return {
    ...freshness,
    newestCompleteDay: dataThrough !== null && newest !== null && dataThrough < newest ? dataThrough : newest,
    stored: readiness.note,
  };
}
