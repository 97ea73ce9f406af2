/**
 * Everything the weekly digest shows, for the last closed week compared with the week before.
 */
import type { CodeReviewResponseRow, CodeReviewRow } from '../codex/schemas.js';
import type { SurfaceOf } from '../domain/surfaces.js';
import type { TimeWindow } from '../domain/utc-days.js';
import { computeAdoption } from './adoption.js';
import { comparedWeeks, computeKpiDeltas, kpiValues } from './deltas.js';
import type {
  AdoptionFigures,
  DigestFigures,
  ReviewFigures,
  UsageBreakdown,
  UserRanking,
} from './figure-types.js';
import { computeFreshness } from './freshness.js';
import { computeReviewFigures } from './review-figures.js';
import { computeUsageBreakdown } from './usage-breakdown.js';
import type { UsageRows } from './usage-rows.js';
import { rankUsers } from './user-ranking.js';

export interface DigestInput {
  /** Per-user daily rows covering both weeks; older rows only lengthen streaks. Never retained. */
  usageRows: UsageRows;
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
  // Every aggregation skips rows outside its own window, so all of them read the same rows: no row is
  // copied into per-week arrays, which would pin ~1 KB per row (or break a store's reused row view).
  const rows = input.usageRows;
  const figuresFor = (window: TimeWindow) => {
    const options = { window, bucket: 'day', surfaceOf, now } as const;
    return {
      adoption: computeAdoption(rows, options),
      usage: computeUsageBreakdown(rows, options),
      reviews: computeReviewFigures(input.reviewRows, input.responseRows, options),
    };
  };
  const current = figuresFor(week);
  const previous = figuresFor(previousWeek);
  // History defaults to `rows`: streaks reach back through every day the caller fetched.
  const ranking = rankUsers(rows, {
    window: week,
    sortBy: 'credits',
    surface: null,
    topN: input.topN,
    surfaceOf,
    now,
  });

  return assembleDigestFigures({ week, previousWeek, current, previous, ranking, now });
}

/** One week's figures, as the pure functions and the warehouse queries both compute them. */
export interface WeekFigures {
  adoption: AdoptionFigures;
  usage: UsageBreakdown;
  reviews: ReviewFigures;
}

/**
 * The digest from its weeks' figures and its ranking, however they were computed (the pure functions
 * here, or the warehouse's SQL): the one place the KPI deltas and the freshness are put together.
 */
export function assembleDigestFigures(parts: {
  week: TimeWindow;
  previousWeek: TimeWindow;
  current: WeekFigures;
  previous: WeekFigures;
  ranking: UserRanking;
  now: Date;
}): DigestFigures {
  const { week, previousWeek, current, previous } = parts;
  return {
    week,
    previousWeek,
    adoption: current.adoption,
    usage: current.usage,
    ranking: parts.ranking,
    reviews: current.reviews,
    deltas: computeKpiDeltas(
      kpiValues(current.adoption, current.usage, current.reviews),
      kpiValues(previous.adoption, previous.usage, previous.reviews),
      week,
      previousWeek,
    ),
    freshness: computeFreshness(week, parts.now),
  };
}
