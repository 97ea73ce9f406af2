import { escapeMrkdwn } from '../reports/blocks/escape-mrkdwn.js';
import {
  channelMention,
  formatLocalTime,
  formatSchedule,
  styleNames,
} from '../reports/subscriptions/digest-schedule-text.js';
import { nextDueAfter } from '../src/domain/digest-schedule.js';
import type { DigestSubscribeRequest } from './args/parsed-command.js';
import type { DigestDeps } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';
import { digestAdminOnlyText } from './digest-notes.js';
import { noteReply } from './note-message.js';

/**
 * `/codex digest subscribe …` (admins): stores the subscription — the channel by id, the caller as its
 * owner (who hears when it pauses) — and confirms with its id, schedule and next run. The parser has
 * already filled the defaults (Monday 09:00, the caller's Slack zone or UTC, standard).
 */
export async function runSubscribe(
  parsed: DigestSubscribeRequest,
  invocation: CommandInvocation,
  digests: DigestDeps,
): Promise<CommandReply> {
  if (!invocation.isAdmin) return noteReply(digestAdminOnlyText('subscribe channels to'));
  const subscription = await digests.subscriptions.create({
    teamId: invocation.teamId,
    channelId: parsed.channelId ?? invocation.channelId,
    ownerUserId: invocation.userId,
    day: parsed.day,
    time: parsed.time,
    timeZone: parsed.timeZone,
    style: parsed.style,
    cadence: parsed.cadence,
  });
  const id = escapeMrkdwn(subscription.id);
  const next = formatLocalTime(nextDueAfter(subscription, invocation.now), subscription.timeZone);
  return noteReply(
    `Subscribed ${channelMention(subscription.channelId)} to the ${subscription.cadence} ${styleNames[subscription.style]} ` +
      `\`${id}\`: ${formatSchedule(subscription)} (next: ${next}).`,
    'The bot must be in the channel to post there: `/invite @Codex Pulse`. ' +
      `\`/codex digest preview ${id}\` shows it now; \`/codex digest unsubscribe ${id}\` stops it.`,
  );
}
