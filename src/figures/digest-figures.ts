/**
 * Everything the weekly digest shows, for the last closed week compared with the week before.
 */
import type { CodeReviewResponseRow, CodeReviewRow, UsageRow } from '../codex/schemas.js';
import type { SurfaceOf } from '../codex/surfaces.js';
import { computeAdoption } from './adoption.js';
import { comparedWeeks, computeKpiDeltas, kpiValues } from './deltas.js';
import type { DigestFigures, TimeWindow } from './figure-types.js';
import { computeFreshness } from './freshness.js';
import { computeReviewFigures } from './review-figures.js';
import { computeUsageBreakdown } from './usage-breakdown.js';
import { rankUsers } from './user-ranking.js';

export interface DigestInput {
  /** Per-user daily rows covering both weeks; older rows only lengthen streaks. */
  usageRows: readonly UsageRow[];
  reviewRows: readonly CodeReviewRow[];
  responseRows: readonly CodeReviewResponseRow[];
  /** The injected clock's now: picks the weeks and marks provisional days. */
  now: Date;
  surfaceOf: SurfaceOf;
  /** Users listed in the ranking (ranked by credits, all surfaces). */
  topN: number;
}

/**
 * Computes the digest for the last closed Monday–Sunday UTC week at `now`. Daily buckets; the
 * ranking streaks end on that week's newest complete day.
 */
export function computeDigestFigures(input: DigestInput): DigestFigures {
  const { now, surfaceOf } = input;
  const { week, previousWeek } = comparedWeeks(now);
  // One pass over ~90 days of rows splits them by week, so each aggregation scans only its own rows:
  // touching every row object is the dominant cost at 700k rows.
  const currentRows: UsageRow[] = [];
  const previousRows: UsageRow[] = [];
  // Everything before the week: only streaks look at it.
  const olderRows: UsageRow[] = [];
  for (const row of input.usageRows) {
    const start = row.start_time;
    if (start >= week.end) continue;
    if (start >= week.start) {
      currentRows.push(row);
      continue;
    }
    olderRows.push(row);
    if (start >= previousWeek.start) previousRows.push(row);
  }
  const figuresFor = (window: TimeWindow, rows: readonly UsageRow[]) => {
    const options = { window, bucket: 'day', surfaceOf, now } as const;
    return {
      adoption: computeAdoption(rows, options),
      usage: computeUsageBreakdown(rows, options),
      reviews: computeReviewFigures(input.reviewRows, input.responseRows, options),
    };
  };
  const current = figuresFor(week, currentRows);
  const previous = figuresFor(previousWeek, previousRows);
  const ranking = rankUsers(currentRows, {
    window: week,
    sortBy: 'credits',
    surface: null,
    topN: input.topN,
    surfaceOf,
    now,
    history: olderRows,
  });

  return {
    week,
    previousWeek,
    adoption: current.adoption,
    usage: current.usage,
    ranking,
    reviews: current.reviews,
    deltas: computeKpiDeltas(
      kpiValues(current.adoption, current.usage, current.reviews),
      kpiValues(previous.adoption, previous.usage, previous.reviews),
      week,
      previousWeek,
    ),
    freshness: computeFreshness(week, now),
  };
}
