/**
 * The short answers every digest action shares: not configured, admins only, unknown id. Kept in one
 * place so the wording (and the way to fix each) reads the same from every action.
 */
import { escapeMrkdwn } from '../reports/blocks/escape-mrkdwn.js';
import type { Subscription } from '../src/store/store-types.js';
import type { DigestDeps } from './command-deps.js';

/** The honest answer on a deployment without the subscription store. */
export const digestNotConfiguredText =
  "Scheduled digests aren't configured on this Codex Pulse deployment: it runs without its subscription " +
  'store. `/codex digest preview` works; ask your admin to enable scheduling (DATA_DIR or DATABASE_URL).';

/** Who may manage subscriptions, said to a non-admin who tried. */
export function digestAdminOnlyText(action: string): string {
  return (
    `Only Codex Pulse admins (ADMIN_USER_IDS / ADMIN_USERGROUP_ID) can ${action} weekly digests. ` +
    '`/codex digest list` shows the subscriptions; ask an admin to change them.'
  );
}

/** The answer for an id that is not (or not in this team) a subscription. */
export function unknownSubscriptionText(id: string): string {
  return `No digest subscription \`${escapeMrkdwn(id)}\`. \`/codex digest list\` shows the ids.`;
}

/**
 * A channel subscription of the caller's team, or null. Another team's id reads as unknown: in a multi-team
 * store, its existence is not this team's business.
 */
export async function findSubscription(
  digests: DigestDeps,
  id: string,
  teamId: string,
): Promise<Subscription | null> {
  const subscription = await digests.subscriptions.get(id);
  // A personal subscription (`/codex me subscribe`) is its subscriber's alone: no digest action reaches it.
  return subscription !== null && subscription.teamId === teamId && subscription.kind === 'channel'
    ? subscription
    : null;
}
