/**
 * An alert firing (issue 13): the figure, the threshold or baseline it crossed, the period, and buttons to
 * open the report, snooze the rule for 7 days or mute it. Pure: the rule and the firing in, Block Kit out.
 */
import { type AlertRuleSpec, periodOf } from '../../src/domain/alert-rules.js';
import type { AlertFiring, DayKind } from '../../src/figures/alert-evaluation.js';
import { actions, button, context, section } from '../blocks/block-helpers.js';
import { escapeMrkdwn } from '../blocks/escape-mrkdwn.js';
import { formatNumber } from '../blocks/format.js';
import type { ReportMessage } from '../blocks/report-message.js';
import { fitMessage } from '../limits/fit-message.js';
import {
  ALERT_MUTE_ACTION_ID,
  ALERT_OPEN_ACTION_ID,
  ALERT_SNOOZE_ACTION_ID,
  ALERT_SNOOZE_DAYS,
} from './alert-actions.js';
import { formatAlertPeriod } from './alert-preview-report.js';
import { describeRule, formatMetricAmount } from './describe-rule.js';

export interface AlertFiringInput {
  ruleId: string;
  spec: AlertRuleSpec;
  firing: AlertFiring;
  /** The `/codex` words of the report behind the figure (the open button runs them for the clicker). */
  reportCommand: string;
}

/** What the figure did against its reference, in words. */
export function firingSentence(spec: AlertRuleSpec, firing: AlertFiring): string {
  const value = formatMetricAmount(spec.metric, firing.value);
  const { reference } = firing;
  switch (reference.kind) {
    case 'threshold': {
      const side = firing.value > reference.threshold ? 'above' : 'below';
      return `*${value}*, ${side} the threshold of ${formatMetricAmount(spec.metric, reference.threshold)}.`;
    }
    case 'change': {
      const direction = reference.changePercent >= 0 ? 'up' : 'down';
      return `*${value}*, ${direction} ${formatNumber(Math.abs(Math.round(reference.changePercent)))}% from ${formatMetricAmount(spec.metric, reference.previous)} the period before.`;
    }
    case 'anomaly': {
      const side = firing.value > reference.median ? 'above' : 'below';
      // Named by kind: a quiet Sunday is measured against Sundays and Saturdays, not the whole week.
      const baseline = `its median of ${formatMetricAmount(spec.metric, reference.median)} over the last ${baselineDaysWords(reference.dayKind, reference.baselineDays)}`;
      return reference.deviations === null
        ? `*${value}*, ${side} ${baseline}, at least half of which were exactly that.`
        : `*${value}*, ${formatNumber(Math.round(reference.deviations * 10) / 10)}× the median absolute deviation ${side} ${baseline}.`;
    }
  }
}

/** "20 weekdays", "8 weekend days". */
function baselineDaysWords(kind: DayKind, days: number): string {
  const word = kind === 'weekday' ? 'weekday' : 'weekend day';
  return `${formatNumber(days)} ${word}${days === 1 ? '' : 's'}`;
}

export function buildAlertFiringMessage(input: AlertFiringInput): ReportMessage {
  const { spec, firing, ruleId } = input;
  const when = formatAlertPeriod(firing.period, periodOf(spec.condition));
  const rule = describeRule(spec);
  const sentence = firingSentence(spec, firing);
  const id = escapeMrkdwn(ruleId);
  return fitMessage({
    text: `Codex alert: ${rule} — ${when}: ${sentence.replaceAll('*', '')}`,
    blocks: [
      section(`:rotating_light: *${rule}*\n${when}: ${sentence}`),
      context([
        `Alert \`${id}\`${firing.provisional ? ' · the period is still running: its figure may change' : ' · a closed period'} · \`/codex alert list\` shows every rule`,
      ]),
      actions(
        [
          button({ text: 'Open the report', actionId: ALERT_OPEN_ACTION_ID, value: input.reportCommand }),
          button({
            text: `Snooze ${ALERT_SNOOZE_DAYS} days`,
            actionId: ALERT_SNOOZE_ACTION_ID,
            value: ruleId,
          }),
          button({ text: 'Mute', actionId: ALERT_MUTE_ACTION_ID, value: ruleId, style: 'danger' }),
        ],
        `alert-${ruleId}`,
      ),
    ],
    charts: [],
  });
}
