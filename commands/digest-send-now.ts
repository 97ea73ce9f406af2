import { escapeMrkdwn } from '../reports/blocks/escape-mrkdwn.js';
import { formatWindow } from '../reports/blocks/format.js';
import {
  channelMention,
  formatLocalTime,
  formatStatus,
  reasonText,
  styleNames,
} from '../reports/subscriptions/digest-schedule-text.js';
import type { DeliveryOutcome } from '../src/digests/digest-service.js';
import { WEEK_SECONDS } from '../src/domain/utc-days.js';
import type { Delivery, Subscription } from '../src/store/store-types.js';
import type { DigestSendNowRequest } from './args/parsed-command.js';
import type { DigestDeps } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';
import { digestAdminOnlyText, findSubscription, unknownSubscriptionText } from './digest-notes.js';
import { noteReply } from './note-message.js';

const historyHint = '`/codex digest list` shows every run of each subscription.';

/**
 * `/codex digest send-now <id>` (admins): posts the subscription's digest for the current period now,
 * through the same exactly-once claim as the scheduler — so it never posts twice for a week — and
 * answers with what happened. A week that failed (the API was down, say) is retried, its thread resumed. A paused subscription is not sent: the cause (the bot removed from the
 * channel, an archived channel) has to be fixed first, so the answer says which.
 */
export async function runSendNow(
  parsed: DigestSendNowRequest,
  invocation: CommandInvocation,
  digests: DigestDeps,
): Promise<CommandReply> {
  if (!invocation.isAdmin) return noteReply(digestAdminOnlyText('send'));
  const subscription = await findSubscription(digests, parsed.id, invocation.teamId);
  if (subscription === null) return noteReply(unknownSubscriptionText(parsed.id));
  const name = `\`${escapeMrkdwn(subscription.id)}\``;
  if (subscription.status === 'paused') {
    return noteReply(
      `${name} is ${formatStatus(subscription)}. Nothing was posted.`,
      `Fix that first, then \`/codex digest resume ${escapeMrkdwn(subscription.id)}\` and send it again.`,
    );
  }
  const outcome = await digests.service.sendNow(subscription.id, invocation.now);
  return noteReply(outcomeText(outcome, subscription, name), historyHint);
}

function outcomeText(outcome: DeliveryOutcome, s: Subscription, name: string): string {
  const where = channelMention(s.channelId);
  switch (outcome.status) {
    case 'delivered':
      return `Posted the weekly ${styleNames[s.style]} ${name} to ${where} (${week(outcome.delivery)}). The scheduled run won't post it again for that week.`;
    case 'already':
      return alreadyText(outcome.delivery, s, name);
    case 'skipped':
      return `Didn't post ${name} to ${where}: ${reasonText(outcome.reason)}.`;
    case 'failed':
      return `Posting ${name} to ${where} failed: ${reasonText(outcome.reason)}.`;
    case 'dry-run':
      return `Dry run: ${name} would have been posted to ${where}.`;
  }
}

function alreadyText(delivery: Delivery | null, s: Subscription, name: string): string {
  if (delivery === null || delivery.status === 'pending') {
    return `${name} is being posted to ${channelMention(s.channelId)} right now by another run; it is posted once per week.`;
  }
  const when = formatLocalTime(delivery.updatedAt, s.timeZone);
  if (delivery.status === 'delivered') {
    return `${name} was already posted to ${channelMention(s.channelId)} for the ${week(delivery)}, on ${when}. A digest goes out once per week.`;
  }
  const why = delivery.reason === null ? '' : `: ${reasonText(delivery.reason)}`;
  return `${name} already ran for the ${week(delivery)} and was ${delivery.status} on ${when}${why}. It is not sent again for that week.`;
}

/** "week of Mon 16 Nov – Sun 22 Nov" (UTC, the covered week). */
function week(delivery: Delivery): string {
  return `week of ${formatWindow({ start: delivery.periodStart, end: delivery.periodStart + WEEK_SECONDS })}`;
}
