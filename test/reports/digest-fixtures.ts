/** Hand-built subscriptions and runs for the digest list and App Home tests. Deterministic. */
import type { SubscriptionWithRuns } from '../../reports/subscriptions/digest-subscriptions-report.js';
import type { Delivery, DeliveryStatus, Subscription } from '../../src/store/store-types.js';

/** Mon 16 Nov 2026 00:00 UTC: the covered week of the newest run. */
const period = Date.UTC(2026, 10, 16) / 1000;
const week = 7 * 86_400;

export function subscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    id: 'd7k3q',
    teamId: 'T0TEAM0001',
    channelId: 'C0GENERAL1',
    ownerUserId: 'U0ADMIN001',
    kind: 'channel',
    day: 'mon',
    time: '09:00',
    timeZone: 'Europe/Berlin',
    style: 'standard',
    cadence: 'weekly',
    team: null,
    status: 'active',
    pausedReason: null,
    createdAt: new Date('2026-10-01T08:00:00Z'),
    ...overrides,
  };
}

/** A finished run `weeksAgo` weeks before the newest, delivered Monday 09:00 Berlin (08:00 UTC). */
export function run(
  subscriptionId: string,
  weeksAgo: number,
  status: DeliveryStatus,
  reason: string | null = null,
): Delivery {
  const periodStart = period - weeksAgo * week;
  const at = new Date((periodStart + week + 8 * 3600) * 1000);
  return {
    subscriptionId,
    periodStart,
    dueAt: at,
    status,
    reason,
    parentTs: status === 'delivered' ? '1700000000.000100' : null,
    postedParts: status === 'delivered' ? 4 : 0,
    attempts: 1,
    claimedBy: null,
    claimedUntil: null,
    updatedAt: at,
  };
}

/** Three subscriptions: healthy, paused after a failed run, and one never run. */
export function threeSubscriptions(): SubscriptionWithRuns[] {
  return [
    {
      subscription: subscription(),
      runs: [
        run('d7k3q', 0, 'delivered'),
        run('d7k3q', 1, 'skipped', 'missed'),
        run('d7k3q', 2, 'delivered'),
      ],
    },
    {
      subscription: subscription({
        id: 'h4m9x',
        channelId: 'C0LEADERS1',
        day: 'fri',
        time: '16:30',
        timeZone: 'America/New_York',
        style: 'leadership',
        cadence: 'weekly',
        status: 'paused',
        pausedReason: 'not_in_channel',
      }),
      runs: [run('h4m9x', 0, 'failed', 'not_in_channel')],
    },
    { subscription: subscription({ id: 'p2r8s', channelId: 'C0NEWCHAN1' }), runs: [] },
  ];
}

/** `n` subscriptions with three runs each: the worst case for block counts and the text budget. */
export function manySubscriptions(n: number): SubscriptionWithRuns[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `s${String(i).padStart(4, '0')}`;
    return {
      subscription: subscription({ id, channelId: `C${String(i).padStart(9, '0')}` }),
      runs: [run(id, 0, 'failed', 'x'.repeat(300)), run(id, 1, 'skipped', 'missed'), run(id, 2, 'delivered')],
    };
  });
}
