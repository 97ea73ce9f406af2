import { periodFor } from '../domain/digest-schedule.js';
import type { DeliveryKey } from '../store/store-types.js';
import type { DueRun } from './decide-due.js';
import { claimDelivery, type DeliveryContext } from './deliver-digest.js';
import { deliverPersonalWeek, type PersonalWeekDeps } from './deliver-personal-week.js';
import type { DeliveryOutcome } from './digest-service.js';
import { finish } from './finish-delivery.js';

/**
 * What a run does with one due personal subscription (issue 13 §4), as decideDue does for a channel's:
 * nothing when its week is finished; within the grace window, deliver (or resume); later, record it
 * skipped — a week-old DM of last week is noise. A dry run builds nothing: the DM is one person's.
 */
export async function decidePersonalDue(
  ctx: DeliveryContext,
  deps: PersonalWeekDeps,
  due: DueRun,
  options: { now: Date; graceMs: number; dryRun: boolean },
): Promise<DeliveryOutcome> {
  const { sub, dueAt } = due;
  const key: DeliveryKey = { subscriptionId: sub.id, periodStart: periodFor(dueAt, 'weekly') };
  const existing = await ctx.store.deliveries.get(key);
  if (existing && existing.status !== 'pending') return { status: 'already', delivery: existing };
  const late = options.now.getTime() - dueAt.getTime() > options.graceMs;
  const reason = `missed: more than ${Math.round(options.graceMs / 3_600_000)} h late`;
  if (options.dryRun)
    return { status: 'skipped', reason: late ? `${reason} (dry run)` : 'personal DM (dry run: not built)' };
  if (!late || (existing && existing.postedParts > 0)) return deliverPersonalWeek(ctx, deps, sub, dueAt);
  if (!existing) {
    await ctx.store.deliveries.recordSkipped(key, dueAt, reason);
    return { status: 'skipped', reason };
  }
  const claimed = await claimDelivery(ctx, key, dueAt);
  if (!claimed) return { status: 'already', delivery: existing };
  return (await finish(ctx, key, 'skipped', reason)) ?? { status: 'skipped', reason };
}
