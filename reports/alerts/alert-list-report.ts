/**
 * `/codex alert list` (issue 13): every saved rule with its id, its words, where it posts and whether it
 * is snoozed or muted. Everyone may list; a rule about one person is shown to admins only.
 */
import type { AlertRule } from '../../src/store/alert-store-types.js';
import { context, header, section } from '../blocks/block-helpers.js';
import { escapeMrkdwn } from '../blocks/escape-mrkdwn.js';
import { formatDate, formatInteger } from '../blocks/format.js';
import { linesToSections } from '../blocks/line-sections.js';
import type { ReportMessage } from '../blocks/report-message.js';
import { fitMessage } from '../limits/fit-message.js';
import { describeRule } from './describe-rule.js';

export interface AlertListOptions {
  isAdmin: boolean;
  /** For "snoozed until …": only a snooze still running is shown. */
  now: Date;
}

export function buildAlertListReport(rules: readonly AlertRule[], options: AlertListOptions): ReportMessage {
  const visible = rules.filter((rule) => options.isAdmin || rule.spec.scope.kind !== 'user');
  const hidden = rules.length - visible.length;
  const lines = visible.map((rule) => {
    const where =
      rule.destination.kind === 'channel'
        ? `<#${rule.destination.channelId}>`
        : `<@${rule.ownerUserId}>'s DM`;
    const state = rule.muted
      ? ' · _muted_'
      : rule.snoozedUntil !== null && rule.snoozedUntil > options.now
        ? ` · _snoozed until ${formatDate(Math.floor(rule.snoozedUntil.getTime() / 1000))}_`
        : '';
    return `\`${escapeMrkdwn(rule.id)}\` ${describeRule(rule.spec)} → ${where}${state}`;
  });
  const body =
    lines.length === 0
      ? [
          section(
            'No alert rules yet. An admin can add one: `/codex alert add credits above 5000 per day #channel`.',
          ),
        ]
      : linesToSections(lines);
  const notes = [
    ...(hidden > 0 ? [`${formatInteger(hidden)} more about single people, for admins only.`] : []),
    'Rules are judged after each sync, on closed periods; each period fires once.',
  ];
  const count = `${formatInteger(visible.length)} alert rule${visible.length === 1 ? '' : 's'}`;
  return fitMessage({
    text: `Codex alerts: ${count}.`,
    blocks: [header('Codex alerts'), ...body, context(notes)],
    charts: [],
  });
}
