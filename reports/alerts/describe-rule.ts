/**
 * An alert rule in words (issue 13), for previews, confirmations, `alert list` and firings:
 * "Credits above 5,000 per day", "Active users down 20% or more week over week · team platform".
 */
import {
  type AlertCondition,
  type AlertMetric,
  type AlertRuleSpec,
  type AlertScope,
  alertMetricLabels,
} from '../../src/domain/alert-rules.js';
import { surfaceLabels } from '../../src/domain/surfaces.js';
import { escapeMrkdwn } from '../blocks/escape-mrkdwn.js';
import {
  formatCredits,
  formatInteger,
  formatNumber,
  formatPercent,
  formatUsdEstimate,
} from '../blocks/format.js';

const perWords = { day: 'per day', week: 'per week', month: 'per month' } as const;
const overWords = { day: 'day over day', week: 'week over week', month: 'month over month' } as const;

/** A value of `metric` as its reports print it: "5,000" credits, "≈ $200 est.", "60%". */
export function formatMetricValue(metric: AlertMetric, value: number): string {
  switch (metric) {
    case 'credits':
      return formatCredits(value);
    case 'usd':
      return formatUsdEstimate(value);
    case 'positive-share':
      return formatPercent(value);
    case 'active-users':
    case 'threads':
    case 'p0':
      return Number.isInteger(value) ? formatInteger(value) : formatNumber(value);
  }
}

/** The nouns of a figure with its unit, where the number alone does not say it ("47.8k credits"). */
const unitWords: Record<AlertMetric, [string, string] | null> = {
  credits: ['credit', 'credits'],
  usd: null,
  'active-users': ['active user', 'active users'],
  threads: ['thread', 'threads'],
  'positive-share': null,
  p0: ['P0 finding', 'P0 findings'],
};

/**
 * A figure in a sentence of its own, with its unit: an alert's "*47.8k credits*, … its median of 9,112
 * credits over the last 8 weekend days", where the bare "47.8k … of 9,112" left the reader to guess.
 * USD and shares carry theirs.
 */
export function formatMetricAmount(metric: AlertMetric, value: number): string {
  const words = unitWords[metric];
  const number = formatMetricValue(metric, value);
  return words === null ? number : `${number} ${value === 1 ? words[0] : words[1]}`;
}

/** The condition after the metric's name: "above 5,000 per day", "down 20% or more week over week". */
export function describeCondition(metric: AlertMetric, condition: AlertCondition): string {
  switch (condition.kind) {
    case 'above':
    case 'below':
      return `${condition.kind} ${formatMetricValue(metric, condition.value)} ${perWords[condition.per]}`;
    case 'change': {
      const direction = condition.percent >= 0 ? 'up' : 'down';
      return `${direction} ${formatNumber(Math.abs(condition.percent))}% or more ${overWords[condition.per]}`;
    }
    case 'anomaly':
      return `on an unusual day (further than ${formatNumber(condition.k)}× the median absolute deviation from its own kind of day, weekday or weekend, in the 28 days before)`;
  }
}

/** " · CLI", " · team @platform", " · <@U123>", or nothing for the workspace. */
export function describeScope(scope: AlertScope): string {
  switch (scope.kind) {
    case 'workspace':
      return '';
    case 'surface':
      return ` · ${surfaceLabels[scope.surface]}`;
    case 'team':
      return ` · team ${escapeMrkdwn(scope.team)}`;
    case 'user':
      return ` · <@${scope.slackUserId}>`;
  }
}

/** The whole rule in one line of mrkdwn. */
export function describeRule(spec: AlertRuleSpec): string {
  const running = spec.provisional ? ' (running periods too)' : '';
  const recovery = spec.recover ? ' · tells when back to normal' : '';
  return `${alertMetricLabels[spec.metric]} ${describeCondition(spec.metric, spec.condition)}${describeScope(spec.scope)}${running}${recovery}`;
}
