import {
  buildDigestSubscriptionsReport,
  RUNS_SHOWN,
  type SubscriptionWithRuns,
} from '../reports/subscriptions/digest-subscriptions-report.js';
import type { DigestDeps } from './command-deps.js';
import type { CommandInvocation, CommandReply } from './command-types.js';

/** The team's subscriptions with their newest runs, oldest subscription first. */
async function subscriptionsWithRuns(
  digests: DigestDeps,
  teamId: string | undefined,
): Promise<SubscriptionWithRuns[]> {
  const subscriptions = await digests.subscriptions.list(teamId);
  return Promise.all(
    subscriptions.map(async (subscription) => ({
      subscription,
      runs: await digests.deliveries.recent(subscription.id, RUNS_SHOWN),
    })),
  );
}

/**
 * `/codex digest list` (everyone): the team's subscriptions and how their last runs went. Nothing in
 * it is per-user data — channels, schedules and the owner who set it up — so members see it too.
 */
export async function runList(invocation: CommandInvocation, digests: DigestDeps): Promise<CommandReply> {
  const items = await subscriptionsWithRuns(digests, invocation.teamId);
  const message = buildDigestSubscriptionsReport(items, { isAdmin: invocation.isAdmin });
  return { kind: 'message', message, visibility: 'ephemeral', audience: 'requester', shareable: false };
}
