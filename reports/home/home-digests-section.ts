import type { KnownBlock } from '@slack/types';
import type { DeliveryStatus } from '../../src/store/store-types.js';
import { context, section } from '../blocks/block-helpers.js';
import { escapeMrkdwn } from '../blocks/escape-mrkdwn.js';
import { formatCount } from '../blocks/format.js';
import {
  channelMention,
  digestName,
  formatRun,
  formatSchedule,
  formatStatus,
} from '../subscriptions/digest-schedule-text.js';
import type { SubscriptionWithRuns } from '../subscriptions/digest-subscriptions-report.js';
import { subscribeExample } from '../subscriptions/digest-subscriptions-report.js';

/** Subscriptions shown in App Home (one block each) before "…and N more": Home stays far below 100 blocks. */
const HOME_SUBSCRIPTIONS_SHOWN = 20;
/** Runs per subscription in Home: the last two say whether it is healthy; the list has more. */
const HOME_RUNS_SHOWN = 2;

// Home is a glanceable dashboard: one status emoji per run makes a failing digest stand out.
const runEmoji: Record<DeliveryStatus, string> = {
  delivered: ':white_check_mark:',
  skipped: ':fast_forward:',
  failed: ':x:',
  pending: ':hourglass_flowing_sand:',
};

/**
 * The "Scheduled digests" part of App Home: each subscription with its schedule and last runs (status
 * emoji and when), and for admins how to manage them. `null` = they could not be loaded right now.
 */
export function homeDigestBlocks(
  items: readonly SubscriptionWithRuns[] | null,
  isAdmin: boolean,
): KnownBlock[] {
  // Weekly, monthly and quarterly subscriptions are all listed here: no cadence in the title.
  const title = section('*Scheduled digests* · posted to channels');
  if (items === null) {
    return [
      title,
      section(":warning: Scheduled digests couldn't be loaded right now. Try reopening this tab."),
    ];
  }
  const manage = isAdmin
    ? `Manage with \`/codex digest subscribe\` (in the channel, or ${subscribeExample}), \`/codex digest unsubscribe <id>\`, \`/codex digest send-now <id>\`.`
    : 'Admins (ADMIN_USER_IDS / ADMIN_USERGROUP_ID) manage these. `/codex digest list` shows every run.';
  if (items.length === 0) {
    return [title, section('No channel gets a digest yet.'), context([manage])];
  }
  const shown = items.slice(0, HOME_SUBSCRIPTIONS_SHOWN);
  const more = items.length - shown.length;
  return [
    title,
    ...shown.map((item) => section(homeSubscriptionText(item))),
    ...(more > 0
      ? [section(`_…and ${formatCount(more, 'more subscription')}: \`/codex digest list\` shows them all._`)]
      : []),
    context([manage]),
  ];
}

function homeSubscriptionText({ subscription: s, runs }: SubscriptionWithRuns): string {
  const title =
    `*\`${escapeMrkdwn(s.id)}\`* · ${channelMention(s.channelId)} · ${formatSchedule(s)} · ` +
    `${digestName(s)}${s.status === 'paused' ? ` · :double_vertical_bar: ${formatStatus(s)}` : ''}`;
  const lines = runs.slice(0, HOME_RUNS_SHOWN).map((run) => `${runEmoji[run.status]} ${formatRun(run, s)}`);
  return [title, ...(lines.length > 0 ? lines : ['No runs yet.'])].join('\n');
}
