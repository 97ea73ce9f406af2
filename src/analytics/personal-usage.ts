/**
 * One person's usage breakdown and its footer, as both `personal` answers build them (the row-computed one
 * in create-workspace-analytics.ts and the warehouse SQL one in sql-user-answers.ts): a window of a month
 * or less by day, longer by week, and the series running through the newest complete day — one person's
 * rows stop at their last active day, and a chart of their week must not stop there with them.
 */
import type { SurfaceOf } from '../domain/surfaces.js';
import { DAY_SECONDS, type TimeWindow } from '../domain/utc-days.js';
import type { Freshness, UsageBreakdown } from '../figures/figure-types.js';
import { computeUsageBreakdown } from '../figures/usage-breakdown.js';
import type { UsageRows } from '../figures/usage-rows.js';
import { freshnessOf } from './answer-freshness.js';
import type { RowsReadiness } from './window-rows.js';

export function personalUsage(
  rows: UsageRows,
  options: { window: TimeWindow; now: Date; surfaceOf: SurfaceOf; readiness: RowsReadiness },
): { usage: UsageBreakdown; freshness: Freshness } {
  const { window, now, surfaceOf } = options;
  const freshness = freshnessOf(window, now, options.readiness);
  const bucket = window.end - window.start > 31 * DAY_SECONDS ? 'week' : 'day';
  const seriesThrough = freshness.newestCompleteDay;
  return { usage: computeUsageBreakdown(rows, { window, bucket, surfaceOf, now, seriesThrough }), freshness };
}
