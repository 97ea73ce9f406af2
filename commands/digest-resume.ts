import { escapeMrkdwn } from '../reports/blocks/escape-mrkdwn.js';
import { channelMention, formatSchedule } from '../reports/subscriptions/digest-schedule-text.js';
import type { DigestResumeRequest } from './args/parsed-command.js';
import type { DigestDeps } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';
import { digestAdminOnlyText, findSubscription, unknownSubscriptionText } from './digest-notes.js';
import { noteReply } from './note-message.js';

/**
 * `/codex digest resume <id>` (admins): a subscription paused by a channel error (the bot removed, the
 * channel archived) goes back to its schedule once the cause is fixed — no unsubscribe and subscribe
 * again, which would lose its id and history. A week that failed meanwhile can be sent with send-now.
 */
export async function runResume(
  parsed: DigestResumeRequest,
  invocation: CommandInvocation,
  digests: DigestDeps,
): Promise<CommandReply> {
  if (!invocation.isAdmin) return noteReply(digestAdminOnlyText('resume'));
  const subscription = await findSubscription(digests, parsed.id, invocation.teamId);
  if (subscription === null) return noteReply(unknownSubscriptionText(parsed.id));
  const name = `\`${escapeMrkdwn(subscription.id)}\``;
  const where = channelMention(subscription.channelId);
  if (subscription.status !== 'paused') {
    return noteReply(`${name} isn’t paused: it already posts to ${where} ${formatSchedule(subscription)}.`);
  }
  await digests.subscriptions.setStatus(subscription.id, 'active', null);
  return noteReply(
    `Resumed ${name}: ${where} gets the digest ${formatSchedule(subscription)} again.`,
    `If this week's digest failed while it was paused, \`/codex digest send-now ${escapeMrkdwn(subscription.id)}\` sends it now.`,
  );
}
