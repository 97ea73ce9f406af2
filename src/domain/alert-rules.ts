/**
 * Alert rules (issue 13): metric × scope × condition → destination. Ground floor: the command grammar
 * (commands/args/parse-alert.ts), the pure evaluation (src/figures/alert-evaluation.ts), the store and
 * the reports all speak this vocabulary.
 */
import type { Surface } from './surfaces.js';

/**
 * What a rule watches. `usd` is an estimate (the API's cost_usd / estimated_cost_usd where it gives
 * them, else credits × CREDIT_PRICE_USD); `positive-share` is upvotes over up+down votes on Code
 * Review comments; `p0` counts P0 findings of Code Review.
 */
export const alertMetrics = ['credits', 'usd', 'active-users', 'threads', 'positive-share', 'p0'] as const;
export type AlertMetric = (typeof alertMetrics)[number];

export const alertMetricLabels: Record<AlertMetric, string> = {
  credits: 'Credits',
  usd: 'Estimated USD',
  'active-users': 'Active users',
  threads: 'Threads',
  'positive-share': 'Positive review share',
  p0: 'P0 findings',
};

/** The calendar period a threshold or change is judged over (UTC days, Monday weeks, months). */
export const alertPeriods = ['day', 'week', 'month'] as const;
export type AlertPeriod = (typeof alertPeriods)[number];

/**
 * - `above` / `below`: the period's value crosses `value` (strictly).
 * - `change`: the period's value against the previous closed period, by at least `percent` in its
 *   direction (+20: a rise of 20 % or more; −20: a drop of 20 % or more).
 * - `anomaly`: a day further than `k` × the median absolute deviation from the median of the days of
 *   its own kind — weekdays for a weekday, weekend days for a weekend day — among its trailing 28 closed
 *   days (always judged per day; weekends are quiet, so a whole-week baseline calls each one a drop).
 */
export type AlertCondition =
  | { kind: 'above' | 'below'; value: number; per: AlertPeriod }
  | { kind: 'change'; percent: number; per: AlertPeriod }
  | { kind: 'anomaly'; k: number };

/** The trailing window of an anomaly rule, in closed days. */
export const ANOMALY_BASELINE_DAYS = 28;
/** `k` when a rule names none. */
export const DEFAULT_ANOMALY_K = 3;

/** Whose activity a rule watches. A single user is for admins only. */
export type AlertScope =
  | { kind: 'workspace' }
  | { kind: 'surface'; surface: Surface }
  | { kind: 'team'; team: string }
  | { kind: 'user'; slackUserId: string };

/** Where a firing goes: a channel, or the rule owner's DM. */
export type AlertDestination = { kind: 'channel'; channelId: string } | { kind: 'dm' };

/** A rule as a person wrote it, before it has an id or an owner. */
export interface AlertRuleSpec {
  metric: AlertMetric;
  condition: AlertCondition;
  scope: AlertScope;
  /** Judge the running period too (its figures may still change); closed periods only otherwise. */
  provisional: boolean;
  /**
   * Post one "back to normal" notice when the closed period after a posted firing no longer meets the
   * condition (issue 13 §2, the `recover` word). Absent on rules made without it.
   */
  recover?: boolean;
}

/** The period an anomaly rule is judged over: one day. */
export function periodOf(condition: AlertCondition): AlertPeriod {
  return condition.kind === 'anomaly' ? 'day' : condition.per;
}
