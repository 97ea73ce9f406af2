import { periodFor } from '../domain/digest-schedule.js';
import type { DigestFigures } from '../figures/figure-types.js';
import type { Delivery, DeliveryKey, Subscription } from '../store/store-types.js';
import { buildDigestReport } from './build-digest-report.js';
import { claimDelivery, type DeliveryContext, deliverDigest } from './deliver-digest.js';
import type { DeliveryOutcome } from './digest-service.js';
import { findPostedParts } from './find-posted-parts.js';
import { finish } from './finish-delivery.js';

/** A subscription and the due instant a run looks at (its most recent one). */
export interface DueRun {
  sub: Subscription;
  dueAt: Date;
}

export interface DecideOptions {
  now: Date;
  graceMs: number;
  dryRun: boolean;
  figures: (dueAt: Date, target: Pick<Subscription, 'cadence' | 'team'>) => Promise<DigestFigures>;
}

/**
 * What a run does with one due subscription: nothing when its period is finished; within the grace
 * window, deliver (or resume); later than that, record it skipped — unless part of its thread is
 * already posted, which is finished instead so nothing posted is left dangling. A dry run only reads.
 */
export async function decideDue(
  ctx: DeliveryContext,
  due: DueRun,
  options: DecideOptions,
): Promise<DeliveryOutcome> {
  const { sub, dueAt } = due;
  const key: DeliveryKey = { subscriptionId: sub.id, periodStart: periodFor(dueAt, sub.cadence) };
  const existing = await ctx.store.deliveries.get(key);
  if (existing && existing.status !== 'pending') return { status: 'already', delivery: existing };
  const late = options.now.getTime() - dueAt.getTime() > options.graceMs;
  const reason = `missed: more than ${Math.round(options.graceMs / 3_600_000)} h late`;
  if (options.dryRun) {
    if (late) return { status: 'skipped', reason: `${reason} (dry run: not recorded)` };
    const figures = await options.figures(dueAt, sub);
    const report = buildDigestReport(sub.style, figures, ctx.topN, sub.team?.name ?? null);
    return { status: 'dry-run', report, channelId: sub.channelId };
  }
  if (!late || (existing && (existing.postedParts > 0 || (await parentLanded(ctx, sub, key, existing)))))
    return deliverDigest(ctx, sub, dueAt, options.figures);
  if (!existing) {
    await ctx.store.deliveries.recordSkipped(key, dueAt, reason);
    return { status: 'skipped', reason };
  }
  // Pending with nothing posted (a replica died before its first post): claim it to close it.
  const claimed = await claimDelivery(ctx, key, dueAt);
  if (!claimed) return { status: 'already', delivery: existing };
  return (await finish(ctx, key, 'skipped', reason)) ?? { status: 'skipped', reason };
}

/**
 * A pending delivery with nothing recorded may still have its parent in Slack: the replica died between
 * Slack's answer and the record. Then it is finished late rather than skipped, which would leave a
 * parent without its thread. Read only for a claimed-before delivery past its grace window (rare).
 */
async function parentLanded(
  ctx: DeliveryContext,
  sub: Subscription,
  key: DeliveryKey,
  existing: Delivery,
): Promise<boolean> {
  if (existing.attempts < 1) return false;
  const found = await findPostedParts(ctx, {
    channelId: sub.channelId,
    key,
    parentTs: null,
    dueAt: existing.dueAt,
  });
  return found.parts.has(0);
}
