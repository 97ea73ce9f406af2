/**
 * Monthly and quarterly digest figures (issue 11 §3): the last closed calendar month or quarter against
 * the one before, and against the same period a year earlier once the analytics holds it — otherwise
 * the digest says where history starts. Built from the `WorkspaceAnalytics` door alone (usage, reviews,
 * ranking, historyStart), so the API-backed and the warehouse-backed analytics both serve it; distinct
 * users come from per-user rows inside each call, never summed across periods.
 */
import type { CallOptions, TeamOption, WorkspaceAnalytics } from '../analytics/workspace-analytics.js';
import { startOfUtcDay, type TimeWindow, toUnixSeconds } from '../domain/utc-days.js';
import {
  type CalendarPeriod,
  lastClosedPeriod,
  previousPeriod,
  sameWindowYearEarlier,
} from '../domain/utc-months.js';
import { computeDelta, computeKpiDeltas, type KpiValues, kpiValues } from '../figures/deltas.js';
import type { DigestFigures, KpiDeltas } from '../figures/figure-types.js';

export interface PeriodDigestOptions extends CallOptions, TeamOption {
  topN: number;
}

/** The digest of the last closed `period` at `now`. */
export async function computePeriodDigestFigures(
  analytics: WorkspaceAnalytics,
  now: Date,
  period: CalendarPeriod,
  options: PeriodDigestOptions,
): Promise<DigestFigures> {
  const call: CallOptions = options.signal === undefined ? {} : { signal: options.signal };
  // A team's digest (issue 12 §3): usage and ranking are its members'; reviews have no team.
  const team: TeamOption = { team: options.team };
  const held = await analytics.historyStart(call);
  const historyStart = held === null ? null : startOfUtcDay(toUnixSeconds(held));
  const whole = lastClosedPeriod(now, period);
  // History that begins inside the period: report the part held rather than zeros before it.
  const covered: TimeWindow =
    historyStart !== null && historyStart > whole.start && historyStart < whole.end
      ? { start: historyStart, end: whole.end }
      : whole;
  const previous = previousPeriod(whole, period);
  const yearEarlier = sameWindowYearEarlier(whole);
  const holds = (window: TimeWindow) => historyStart !== null && historyStart <= window.start;

  const [view, reviews, ranking, before, yearAgo] = await Promise.all([
    analytics.usage(covered, { ...call, ...team, bucket: 'week', surface: null }),
    analytics.reviews(covered, { ...call, bucket: 'week' }),
    analytics.ranking(covered, { ...call, ...team, sortBy: 'credits', surface: null, topN: options.topN }),
    holds(previous) ? valuesOf(analytics, previous, period, { ...call, ...team }) : null,
    holds(yearEarlier) ? valuesOf(analytics, yearEarlier, period, { ...call, ...team }) : null,
  ]);
  const current = kpiValues(view.adoption, view.usage, reviews.reviews);
  return {
    week: covered,
    previousWeek: previous,
    adoption: view.adoption,
    usage: view.usage,
    ranking: ranking.ranking,
    reviews: reviews.reviews,
    deltas:
      before === null
        ? withoutPrevious(current, covered, previous)
        : computeKpiDeltas(current, before, covered, previous),
    freshness: view.freshness,
    period: {
      period,
      whole,
      yearEarlier: {
        window: yearEarlier,
        deltas: yearAgo === null ? null : computeKpiDeltas(current, yearAgo, covered, yearEarlier),
      },
      previousHeld: before !== null,
      historyStart,
    },
  };
}

/** The headline numbers of one whole period, in one bucket. */
async function valuesOf(
  analytics: WorkspaceAnalytics,
  window: TimeWindow,
  period: CalendarPeriod,
  call: CallOptions & TeamOption,
): Promise<KpiValues> {
  const { team, ...plain } = call;
  const [view, reviews] = await Promise.all([
    analytics.usage(window, { ...call, bucket: period, surface: null }),
    analytics.reviews(window, { ...plain, bucket: period }),
  ]);
  return kpiValues(view.adoption, view.usage, reviews.reviews);
}

/** Deltas with nothing to compare against: the current values, no previous, no change. */
function withoutPrevious(
  current: KpiValues,
  currentPeriod: TimeWindow,
  previousPeriod: TimeWindow,
): KpiDeltas {
  const delta = (key: keyof KpiValues) => computeDelta(current[key], null, currentPeriod, previousPeriod);
  return {
    activeUsers: delta('activeUsers'),
    credits: delta('credits'),
    threads: delta('threads'),
    prsReviewed: delta('prsReviewed'),
    positiveShare: delta('positiveShare'),
  };
}
