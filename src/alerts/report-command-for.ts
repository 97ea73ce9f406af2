/**
 * The `/codex` words behind an alert firing's figure (issue 13: "open the report"): the usage or review
 * report of the days around the period, narrowed to the rule's surface. The open button runs them for
 * the person who clicks, with that person's rights.
 */
import type { AlertPeriod, AlertRuleSpec } from '../domain/alert-rules.js';
import { DAY_SECONDS, dayKey, type TimeWindow } from '../domain/utc-days.js';

/** Days shown before a day's firing, so the spike or drop is seen against what came before. */
const CONTEXT_DAYS = 14;

export function reportCommandFor(spec: AlertRuleSpec, period: TimeWindow, kind: AlertPeriod): string {
  const start = kind === 'day' ? period.end - CONTEXT_DAYS * DAY_SECONDS : period.start;
  const range = `${dayKey(start)}..${dayKey(period.end - DAY_SECONDS)}`;
  const reviews = spec.metric === 'positive-share' || spec.metric === 'p0';
  const surface =
    spec.scope.kind === 'surface'
      ? ` ${spec.scope.surface === 'code_review' ? 'review' : spec.scope.surface}`
      : '';
  return reviews ? `reviews ${range} by day` : `usage ${range}${surface} by day`;
}
