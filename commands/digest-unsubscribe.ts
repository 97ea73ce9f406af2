import { escapeMrkdwn } from '../reports/blocks/escape-mrkdwn.js';
import { channelMention, formatSchedule } from '../reports/subscriptions/digest-schedule-text.js';
import type { DigestUnsubscribeRequest } from './args/parsed-command.js';
import type { DigestDeps } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';
import { digestAdminOnlyText, findSubscription, unknownSubscriptionText } from './digest-notes.js';
import { noteReply } from './note-message.js';

/** `/codex digest unsubscribe <id>` (admins): removes the subscription; its run history is kept. */
export async function runUnsubscribe(
  parsed: DigestUnsubscribeRequest,
  invocation: CommandInvocation,
  digests: DigestDeps,
): Promise<CommandReply> {
  if (!invocation.isAdmin) return noteReply(digestAdminOnlyText('unsubscribe channels from'));
  const subscription = await findSubscription(digests, parsed.id, invocation.teamId);
  // A concurrent unsubscribe may remove it between get and remove: then it is unknown all the same.
  if (subscription === null || !(await digests.subscriptions.remove(subscription.id))) {
    return noteReply(unknownSubscriptionText(parsed.id));
  }
  return noteReply(
    `Unsubscribed \`${escapeMrkdwn(subscription.id)}\`: ${channelMention(subscription.channelId)} no longer ` +
      `gets the digest ${formatSchedule(subscription)}.`,
  );
}
