/**
 * The preview `/codex nudge inactive [team]` shows an admin before anything is sent (issue 12: "a
 * preview of the message and the recipient count before it sends"): the DM as people will read it, how
 * many get it, who is skipped and why, and a Send button that asks once more. Pure.
 */
import type { Button } from '@slack/types';
import {
  NUDGE_ALIAS_NOTE,
  NUDGE_PERIOD_DAYS,
  NUDGE_SEND_ACTION_ID,
  type NudgeOutcome,
} from '../../src/teams/nudge-service.js';
import { actions, button, context, header, section } from '../blocks/block-helpers.js';
import { formatLabel } from '../blocks/escape-mrkdwn.js';
import { formatCount } from '../blocks/format.js';
import type { ReportMessage } from '../blocks/report-message.js';
import { fitMessage } from '../limits/slack-limits.js';

export interface NudgePreviewInput {
  /** The team's name, or null for every team. */
  teamName: string | null;
  /** What the Send button carries back: the team's id, or null for every team. */
  teamId: string | null;
  recipients: number;
  /** Of `recipients`, those no Codex user matched by email: their DM ends with NUDGE_ALIAS_NOTE. */
  unmatchedRecipients: number;
  /** Members with no email on their Slack profile: skipped, not known to be inactive. */
  withoutEmail: number;
  recentlyNudged: number;
  unreachable: number;
  /** The DM's text (Slack mrkdwn, written by the operator in NUDGE_MESSAGE or our default). */
  text: string;
  lapsedDays: number;
}

/** The Send button's value: which team the preview was for. */
export function nudgeButtonValue(teamId: string | null): string {
  return JSON.stringify({ team: teamId });
}

export function buildNudgePreview(input: NudgePreviewInput): ReportMessage {
  const scope = input.teamName === null ? 'all teams' : formatLabel(input.teamName);
  const title = `Nudge inactive members · ${input.teamName ?? 'all teams'}`;
  const who = `${formatCount(input.recipients, 'person', 'people')} in ${scope} who never started with Codex or have not used it in ${input.lapsedDays} days`;
  const skipped = [
    ...(input.recentlyNudged > 0
      ? [
          `${formatCount(input.recentlyNudged, 'person', 'people')} nudged in the last ${NUDGE_PERIOD_DAYS} days`,
        ]
      : []),
    ...(input.unreachable > 0
      ? [`${formatCount(input.unreachable, 'roster person', 'roster people')} not in Slack`]
      : []),
    ...(input.withoutEmail > 0
      ? [
          `${formatCount(input.withoutEmail, 'member')} with no email on their Slack profile (nothing says whether they use Codex)`,
        ]
      : []),
  ];
  const skippedLine = skipped.length > 0 ? `Skipped: ${skipped.join(', ')}.` : '';
  const quoted = input.text
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
  if (input.recipients === 0) {
    const text = `Nobody to nudge in ${scope} right now.${skippedLine ? ` ${skippedLine}` : ''}`;
    return fitMessage({ text, blocks: [header(title), section(text)], charts: [] });
  }
  const send: Button = {
    ...button({
      text: `Send ${formatCount(input.recipients, 'DM')}`,
      actionId: NUDGE_SEND_ACTION_ID,
      value: nudgeButtonValue(input.teamId),
      style: 'primary',
    }),
    confirm: {
      title: { type: 'plain_text', text: 'Send the nudge?' },
      text: {
        type: 'plain_text',
        text: `${formatCount(input.recipients, 'person', 'people')} will get this DM from Codex Pulse.`,
      },
      confirm: { type: 'plain_text', text: 'Send' },
      deny: { type: 'plain_text', text: 'Cancel' },
    },
  };
  return fitMessage({
    text: `Nudge preview: ${who} would get a DM. Nothing is sent until you click Send.`,
    blocks: [
      header(title),
      section(`*${who}* would get this DM (nothing is sent until you click *Send*):`),
      section(quoted),
      ...(input.unmatchedRecipients > 0
        ? [
            context([
              `${formatCount(input.unmatchedRecipients, 'of them', 'of them')} ${input.unmatchedRecipients === 1 ? 'matches' : 'match'} no Codex user by email and may use Codex under another one (\`/codex teams unmatched\`): their DM ends with "${NUDGE_ALIAS_NOTE}"`,
            ]),
          ]
        : []),
      ...(skippedLine ? [context([skippedLine])] : []),
      actions([send], 'nudge-send'),
      context([
        `Each person gets it at most once in ${NUDGE_PERIOD_DAYS} days, whoever sends it. The text is NUDGE_MESSAGE when set.`,
      ]),
    ],
    charts: [],
  });
}

/** What the admin reads after the click: how many went out, who was skipped, what failed and why. */
export function buildNudgeOutcome(outcome: NudgeOutcome): ReportMessage {
  const sent = `:white_check_mark: Sent ${formatCount(outcome.sent, 'nudge')}.`;
  const skipped =
    outcome.alreadyNudged > 0
      ? ` ${formatCount(outcome.alreadyNudged, 'person', 'people')} skipped (nudged in the last ${NUDGE_PERIOD_DAYS} days).`
      : '';
  const failures = outcome.failed
    .slice(0, 20)
    .map((f) => `• <@${f.slackUserId}>: \`${formatLabel(f.error)}\``);
  const more = outcome.failed.length > 20 ? [`…and ${outcome.failed.length - 20} more`] : [];
  const failed =
    outcome.failed.length > 0
      ? [
          section(
            [
              `:warning: ${formatCount(outcome.failed.length, 'DM')} could not be sent (they can be nudged again):`,
              ...failures,
              ...more,
            ].join('\n'),
          ),
        ]
      : [];
  const text = `${sent}${skipped}${outcome.failed.length > 0 ? ` ${outcome.failed.length} failed.` : ''}`;
  return fitMessage({ text, blocks: [section(`${sent}${skipped}`), ...failed], charts: [] });
}
