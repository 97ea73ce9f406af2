/**
 * "Would this rule have fired?" (issue 13): before a rule is saved, how often it would have fired over
 * the warehouse's history, with the periods and their values, newest first. Pure: the rule, the judged
 * periods and their firings in; Block Kit out.
 */
import { type AlertPeriod, type AlertRuleSpec, periodOf } from '../../src/domain/alert-rules.js';
import type { TimeWindow } from '../../src/domain/utc-days.js';
import { DAY_SECONDS, dayKey } from '../../src/domain/utc-days.js';
import type { AlertFiring, PeriodValue } from '../../src/figures/alert-evaluation.js';
import type { Freshness } from '../../src/figures/figure-types.js';
import { context, header, section } from '../blocks/block-helpers.js';
import { formatDate, formatInteger, formatPeriod, formatWindow } from '../blocks/format.js';
import type { ReportMessage } from '../blocks/report-message.js';
import { finishReport } from '../limits/finish-report.js';
import { describeRule, formatMetricValue } from './describe-rule.js';

/** Firings listed by date; more are counted, not named. */
const MAX_LISTED = 12;

export interface AlertPreviewInput {
  spec: AlertRuleSpec;
  /** Every period of the history, oldest first (see AlertHistory). */
  periods: readonly PeriodValue[];
  /** evaluateCondition over `periods`, oldest first. */
  firings: readonly AlertFiring[];
  /** The history judged; null when the warehouse holds none. */
  window: TimeWindow | null;
  freshness: Freshness;
  /** Heads the message; default "Alert preview". `alert add` says what it saved instead. */
  title?: string;
  /** A line before the verdict (where a saved rule's firings will go). */
  intro?: string;
}

/** A period as people name it: "Tue 3 Nov", "week of Mon 2 Nov", "Nov 2026". */
export function formatAlertPeriod(period: TimeWindow, kind: AlertPeriod): string {
  if (kind === 'day') return formatDate(period.start);
  if (kind === 'week') return `week of ${formatDate(period.start)}`;
  return formatPeriod(period.start, 'month');
}

export function buildAlertPreviewReport(input: AlertPreviewInput): ReportMessage {
  const { spec, firings, window } = input;
  const rule = describeRule(spec);
  const title = header(input.title ?? 'Alert preview');
  const intro = input.intro === undefined ? [] : [section(input.intro)];
  if (window === null) {
    const none =
      'No history to judge yet: the usage warehouse holds no synced days. Try again after the first sync.';
    return {
      text: `${input.title ?? 'Alert preview'}: ${none}`,
      blocks: [title, section(`*${rule}*`), ...intro, section(none)],
      charts: [],
    };
  }
  const kind = periodOf(spec.condition);
  const judged = judgedPeriods(input.periods, spec);
  const judgedWindow = spanJudged(input.periods, window, spec);
  const span = `${formatInteger(Math.round((judgedWindow.end - judgedWindow.start) / DAY_SECONDS))} days of history (${formatWindow(judgedWindow)})`;
  const verdict =
    judged === 0
      ? notEnoughHistory(spec, span)
      : firings.length === 0
        ? `Would not have fired in the last ${span}.${extremeNote(input, kind)}`
        : `Would have fired *${firings.length === 1 ? 'once' : `${formatInteger(firings.length)} times`}* in the last ${span}:`;
  const newestFirst = [...firings].reverse();
  const listed = newestFirst
    .slice(0, MAX_LISTED)
    .map(
      (f) =>
        `• ${formatAlertPeriod(f.period, kind)}: ${formatMetricValue(spec.metric, f.value)}${f.provisional ? ' _(running)_' : ''}`,
    );
  const more =
    firings.length > MAX_LISTED ? [`_…and ${formatInteger(firings.length - MAX_LISTED)} earlier_`] : [];
  const judging = spec.provisional
    ? 'Running periods are judged too (`provisional`): their figures may still change.'
    : `Closed periods only: ${formatInteger(judged)} judged; a period is judged once it has ended, its figures are complete (12 h later) and synced.`;
  return finishReport({
    text: `${input.title ?? 'Alert preview'}: ${rule}. ${verdict.replaceAll('*', '')}`,
    blocks: [
      title,
      section(`*${rule}*`),
      ...intro,
      section([verdict, ...listed, ...more].join('\n')),
      context([judging]),
    ],
    charts: [],
    window: judgedWindow,
    freshness: {
      ...input.freshness,
      provisionalDays: input.freshness.provisionalDays.filter((day) => day < dayKey(judgedWindow.end)),
    },
  });
}

/**
 * The days the verdict speaks for: through the last closed period, unless running periods are judged
 * too. The history runs to the end of today, and "the last 271 days" counted a day nobody judged.
 */
function spanJudged(periods: readonly PeriodValue[], window: TimeWindow, spec: AlertRuleSpec): TimeWindow {
  if (spec.provisional) return window;
  const lastClosed = periods.findLast((p) => !p.provisional);
  return lastClosed === undefined
    ? window
    : { start: window.start, end: Math.min(window.end, lastClosed.end) };
}

/** The periods the rule can judge: closed (or any, when provisional), known, with a baseline for anomalies. */
function judgedPeriods(periods: readonly PeriodValue[], spec: AlertRuleSpec): number {
  const open = periods.filter((p) => p.value !== null && (spec.provisional || !p.provisional)).length;
  return spec.condition.kind === 'anomaly' ? Math.max(0, open - 28) : open;
}

function notEnoughHistory(spec: AlertRuleSpec, span: string): string {
  if (spec.condition.kind === 'anomaly') {
    return `Not enough history to judge: an anomaly needs 28 closed days before the day it judges, and there are ${span}.`;
  }
  return `Nothing to judge yet in the last ${span}: no closed period has a value.`;
}

/** For a threshold that never fired, how close it came: "The highest day was 4,870 (Tue 3 Nov)." */
function extremeNote(input: AlertPreviewInput, kind: AlertPeriod): string {
  const { condition } = input.spec;
  if (condition.kind !== 'above' && condition.kind !== 'below') return '';
  let best: PeriodValue | null = null;
  for (const period of input.periods) {
    if (period.value === null || (period.provisional && !input.spec.provisional)) continue;
    const better =
      condition.kind === 'above'
        ? period.value > (best?.value ?? -Infinity)
        : period.value < (best?.value ?? Infinity);
    if (better) best = period;
  }
  if (best === null || best.value === null) return '';
  const word = condition.kind === 'above' ? 'highest' : 'lowest';
  return ` The ${word} ${kind} was ${formatMetricValue(input.spec.metric, best.value)} (${formatAlertPeriod(best, kind)}).`;
}
