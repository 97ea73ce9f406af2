import {
  buildDigestSubscriptionsReport,
  RUNS_SHOWN,
  type SubscriptionWithRuns,
} from '../reports/subscriptions/digest-subscriptions-report.js';
import type { DigestDeps } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';

/**
 * The team's channel subscriptions with their newest runs, oldest subscription first, and how many
 * personal ones (`/codex me subscribe`) there are: those are people's own, so only counted.
 */
async function subscriptionsWithRuns(
  digests: DigestDeps,
  teamId: string | undefined,
): Promise<{ items: SubscriptionWithRuns[]; personal: number }> {
  const subscriptions = await digests.subscriptions.list(teamId);
  const channel = subscriptions.filter((s) => s.kind === 'channel');
  const items = await Promise.all(
    channel.map(async (subscription) => ({
      subscription,
      runs: await digests.deliveries.recent(subscription.id, RUNS_SHOWN),
    })),
  );
  return { items, personal: subscriptions.length - channel.length };
}

/**
 * `/codex digest list` (everyone): the team's channel subscriptions and how their last runs went. Nothing
 * in it is per-user data — channels, schedules and the owner who set it up — so members see it too.
 */
export async function runList(invocation: CommandInvocation, digests: DigestDeps): Promise<CommandReply> {
  const { items, personal } = await subscriptionsWithRuns(digests, invocation.teamId);
  const message = buildDigestSubscriptionsReport(items, {
    isAdmin: invocation.isAdmin,
    // Admins see how many people get the weekly DM; never who, and members not even the count.
    ...(invocation.isAdmin ? { personalCount: personal } : {}),
  });
  return { kind: 'message', message, visibility: 'ephemeral', audience: 'requester', shareable: false };
}
