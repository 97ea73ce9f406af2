import type { Delivery, Subscription } from '../../src/store/store-types.js';
import { context, header, section } from '../blocks/block-helpers.js';
import { escapeMrkdwn } from '../blocks/escape-mrkdwn.js';
import { formatCount } from '../blocks/format.js';
import type { ReportMessage } from '../blocks/report-message.js';
import { fitMessage } from '../limits/slack-limits.js';
import {
  channelMention,
  digestName,
  formatRun,
  formatSchedule,
  formatStatus,
} from './digest-schedule-text.js';

/** A subscription with its newest runs (newest first), as `/codex digest list` and App Home show it. */
export interface SubscriptionWithRuns {
  subscription: Subscription;
  runs: Delivery[];
}

/** Runs shown per subscription: enough to see a pattern (three skips in a row), short enough to scan. */
export const RUNS_SHOWN = 3;
/** Subscriptions listed before "…and N more": one block each, and ~400 characters each within the 11k text budget. */
export const SUBSCRIPTIONS_SHOWN = 25;

/** The example every "how to subscribe" hint gives. */
export const subscribeExample = '`/codex digest subscribe #channel mon 09:00 Europe/Paris`';

/**
 * `/codex digest list`: every subscription of the team with its id, channel, schedule, style, status
 * (and why it paused) and its last runs with their reasons. Empty → how to subscribe. Pure.
 */
export function buildDigestSubscriptionsReport(
  items: readonly SubscriptionWithRuns[],
  options: { isAdmin: boolean; personalCount?: number },
): ReportMessage {
  // Personal subscriptions are people's own (issue 13 §4): a count, never a name.
  const personal =
    options.personalCount !== undefined && options.personalCount > 0
      ? `${formatCount(options.personalCount, 'person', 'people')} ${options.personalCount === 1 ? 'gets' : 'get'} their own week by DM (\`/codex me subscribe\`).`
      : null;
  const manage = options.isAdmin
    ? `Manage: ${subscribeExample} · \`/codex digest unsubscribe <id>\` · \`/codex digest send-now <id>\` · \`/codex digest preview <id>\``
    : 'Admins (ADMIN_USER_IDS / ADMIN_USERGROUP_ID) subscribe and unsubscribe channels. `/codex digest preview <id>` shows a digest to you.';
  if (items.length === 0) {
    const how = options.isAdmin
      ? `Subscribe this channel with \`/codex digest subscribe\` (Monday 09:00, your time zone), or pick the channel, day, time, zone and style: ${subscribeExample} leadership.`
      : 'Ask a Codex Pulse admin (ADMIN_USER_IDS / ADMIN_USERGROUP_ID) to subscribe a channel with `/codex digest subscribe`.';
    return fitMessage({
      text: 'No digest subscriptions yet.',
      blocks: [section(`*No digest subscriptions yet.*\n${how}`), ...(personal ? [context([personal])] : [])],
      charts: [],
    });
  }
  const shown = items.slice(0, SUBSCRIPTIONS_SHOWN);
  const more = items.length - shown.length;
  const blocks = [
    // Monthly and quarterly subscriptions are listed here too: the header names no cadence.
    header('Digest subscriptions'),
    ...shown.map((item) => section(subscriptionText(item))),
    ...(more > 0 ? [section(`_…and ${formatCount(more, 'more subscription')}_`)] : []),
    context(personal ? [manage, personal] : [manage]),
  ];
  const paused = items.filter((i) => i.subscription.status === 'paused').length;
  const text = `${formatCount(items.length, 'digest subscription')}${paused > 0 ? `, ${paused} paused` : ''}.`;
  return fitMessage({ text, blocks, charts: [] });
}

/** One subscription: a title line, then its last runs or "no runs yet". */
function subscriptionText({ subscription: s, runs }: SubscriptionWithRuns): string {
  const title =
    `*\`${escapeMrkdwn(s.id)}\`* · ${channelMention(s.channelId)} · ${formatSchedule(s)} · ` +
    `${digestName(s)} · ${formatStatus(s)}`;
  const lines = runs.slice(0, RUNS_SHOWN).map((run) => `• ${formatRun(run, s)}`);
  const owner = `Owner <@${escapeMrkdwn(s.ownerUserId)}>`;
  return [title, ...(lines.length > 0 ? lines : ['• no runs yet']), owner].join('\n');
}
