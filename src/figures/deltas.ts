/**
 * Week-over-week changes. Only closed periods are compared: `comparedWeeks` returns the last week
 * that has ended and the one before it, so a running week — whose numbers would look like a drop —
 * is never compared.
 */

import type { TimeWindow } from '../domain/utc-days.js';
import { lastClosedWeek, previousWeek } from '../domain/utc-days.js';
import type { AdoptionFigures, Delta, KpiDeltas, ReviewFigures, UsageBreakdown } from './figure-types.js';

/** The headline numbers of one period that the digest compares. */
export interface KpiValues {
  activeUsers: number;
  credits: number;
  threads: number;
  prsReviewed: number;
  positiveShare: number | null;
}

/** The last closed Monday–Sunday UTC week at `now`, and the week before it. */
export function comparedWeeks(now: Date): { week: TimeWindow; previousWeek: TimeWindow } {
  const week = lastClosedWeek(now);
  return { week, previousWeek: previousWeek(week) };
}

/**
 * The change from `previous` to `current`. `change` is null when either side is unknown; `ratio`
 * (change / previous) is also null when previous is 0, since growth from nothing has no ratio.
 */
export function computeDelta(
  current: number | null,
  previous: number | null,
  currentPeriod: TimeWindow,
  previousPeriod: TimeWindow,
): Delta {
  const change = current === null || previous === null ? null : current - previous;
  const ratio = change === null || previous === null || previous === 0 ? null : change / previous;
  return { current, previous, change, ratio, currentPeriod, previousPeriod };
}

/** Picks the compared numbers out of one period's figures. */
export function kpiValues(
  adoption: AdoptionFigures,
  usage: UsageBreakdown,
  reviews: ReviewFigures,
): KpiValues {
  return {
    activeUsers: adoption.activeUsers,
    credits: usage.totals.credits,
    threads: usage.totals.threads,
    prsReviewed: reviews.prsReviewed,
    positiveShare: reviews.positiveShare,
  };
}

/** Deltas of every headline number; positiveShare changes are in share points (0.05 = 5 points). */
export function computeKpiDeltas(
  current: KpiValues,
  previous: KpiValues,
  currentPeriod: TimeWindow,
  previousPeriod: TimeWindow,
): KpiDeltas {
  const delta = (key: keyof KpiValues): Delta =>
    computeDelta(current[key], previous[key], currentPeriod, previousPeriod);
  return {
    activeUsers: delta('activeUsers'),
    credits: delta('credits'),
    threads: delta('threads'),
    prsReviewed: delta('prsReviewed'),
    positiveShare: delta('positiveShare'),
  };
}
