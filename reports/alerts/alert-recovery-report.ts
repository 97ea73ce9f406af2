/**
 * A "back to normal" notice (issue 13 §2): a rule with `recover` fired for a period, and the closed
 * period after it no longer meets the condition. Pure: the rule and both periods in, Block Kit out.
 */
import { type AlertRuleSpec, periodOf } from '../../src/domain/alert-rules.js';
import type { TimeWindow } from '../../src/domain/utc-days.js';
import { context, section } from '../blocks/block-helpers.js';
import { escapeMrkdwn } from '../blocks/escape-mrkdwn.js';
import type { ReportMessage } from '../blocks/report-message.js';
import { fitMessage } from '../limits/fit-message.js';
import { formatAlertPeriod } from './alert-preview-report.js';
import { describeRule, formatMetricAmount } from './describe-rule.js';

export interface AlertRecoveryInput {
  ruleId: string;
  spec: AlertRuleSpec;
  /** The closed period that no longer meets the rule, and its value. */
  period: TimeWindow;
  value: number;
  /** The period the rule fired for, just before. */
  fired: TimeWindow;
}

export function buildAlertRecoveryMessage(input: AlertRecoveryInput): ReportMessage {
  const kind = periodOf(input.spec.condition);
  const rule = describeRule(input.spec);
  const when = formatAlertPeriod(input.period, kind);
  const sentence = `*${formatMetricAmount(input.spec.metric, input.value)}*, no longer meeting the rule (it fired for ${formatAlertPeriod(input.fired, kind)}).`;
  return fitMessage({
    text: `Codex alert back to normal: ${rule} — ${when}: ${sentence.replaceAll('*', '')}`,
    blocks: [
      section(`:white_check_mark: *Back to normal: ${rule}*\n${when}: ${sentence}`),
      context([`Alert \`${escapeMrkdwn(input.ruleId)}\` · \`/codex alert list\` shows every rule`]),
    ],
    charts: [],
  });
}
