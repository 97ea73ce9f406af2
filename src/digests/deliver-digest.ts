import { periodFor } from '../domain/digest-schedule.js';
import { errorCode, isCodexPulseError } from '../errors.js';
import type { DigestFigures } from '../figures/figure-types.js';
import type { ChartDeps } from '../slack-posting/chart-images.js';
import type { SlackClient } from '../slack-posting/slack-client.js';
import { slackErrorCode } from '../slack-posting/slack-error-code.js';
import type { Delivery, DeliveryKey, Store, Subscription } from '../store/store-types.js';
import { buildDigestReport } from './build-digest-report.js';
import type { ChannelPacer } from './channel-pacer.js';
import { isCodexError } from './digest-figures-source.js';
import { digestMetadata } from './digest-metadata.js';
import { delayedNoticeText, isChannelError } from './digest-notices.js';
import type { DeliveryOutcome } from './digest-service.js';
import { findPostedParts, type PostedParts } from './find-posted-parts.js';
import { type Failed, finish, finishFailed } from './finish-delivery.js';
import { pauseSubscription } from './pause-subscription.js';
import { postDigestPart } from './post-digest-part.js';
import { budgetAudience, type DigestBudgets, withDigestBudgets } from './with-digest-budgets.js';

/** What one delivery needs; built once per service. */
export interface DeliveryContext extends ChartDeps {
  store: Store;
  slack: SlackClient;
  pacer: ChannelPacer;
  workerId: string;
  leaseMs: number;
  topN: number;
  /** Claims after which an unexpected posting error ends the delivery as failed instead of pending. */
  maxAttempts: number;
  signal?: AbortSignal | undefined;
  /** send-now only: a period that ended `failed` is re-claimed (store.reopenFailed) instead of "already". */
  retryFailed?: boolean;
  /** The budgets' status lines in the digest's parent (issue 13 §3), where the composition wires them. */
  budgets?: DigestBudgets | undefined;
}

const INTERRUPTED = 'interrupted: resumes once its lease expires';

/**
 * One (subscription, period): claim it, build the thread, post the parts not yet recorded — each one
 * recorded the moment Slack accepts it — and finish. A claim that returns a delivery with posted parts
 * is a crashed replica's: its parts are skipped and the rest go under the same parent ts. Every post
 * carries its part in message metadata, and a resume first looks those up in Slack (alreadyPosted):
 * a part Slack accepted whose record the crash lost is recorded, not posted a second time.
 */
/**
 * Claims (subscription, period) for this worker. The lease runs on the real clock, not the schedule's
 * instant: a `digest run --at <past>` must not hand out an already expired lease that a running replica
 * would take over at once.
 */
export async function claimDelivery(
  ctx: DeliveryContext,
  key: DeliveryKey,
  dueAt: Date,
): Promise<Delivery | null> {
  const claim = { ...key, workerId: ctx.workerId, now: ctx.clock.now(), leaseMs: ctx.leaseMs };
  const claimed = await ctx.store.deliveries.claim({ ...claim, dueAt });
  // Issue #9: a failed week (the API was down) blocked its period forever; a person asking again retries it.
  if (claimed || ctx.retryFailed !== true) return claimed;
  return ctx.store.deliveries.reopenFailed(claim);
}

export async function deliverDigest(
  ctx: DeliveryContext,
  sub: Subscription,
  dueAt: Date,
  figuresFor: (dueAt: Date, target: Pick<Subscription, 'cadence' | 'team'>) => Promise<DigestFigures>,
): Promise<DeliveryOutcome> {
  const key: DeliveryKey = { subscriptionId: sub.id, periodStart: periodFor(dueAt, sub.cadence) };
  const claimed = await claimDelivery(ctx, key, dueAt);
  if (!claimed) return { status: 'already', delivery: await ctx.store.deliveries.get(key) };

  let figures: DigestFigures;
  try {
    figures = await figuresFor(dueAt, sub);
    // Per subscription (its Slack team's budgets, its team's), at the due instant so a resume rebuilds
    // the same line.
    if (ctx.budgets) figures = await withDigestBudgets(figures, ctx.budgets, budgetAudience(sub), dueAt);
  } catch (error) {
    // Stopping (shutdown) is not a failure: left pending, the next claimer after the lease delivers it.
    if (ctx.signal?.aborted) return { status: 'failed', reason: INTERRUPTED };
    if (isCodexError(error)) await postDelayedNotice(ctx, sub, errorCode(error));
    return finishFailed(ctx, key, errorCode(error));
  }
  const report = buildDigestReport(sub.style, figures, ctx.topN, sub.team?.name ?? null);
  const parts = [report.parent, ...report.replies];
  let parentTs = claimed.parentTs;
  try {
    const found = await alreadyPosted(ctx, sub, key, claimed, parts.length);
    for (let part = claimed.postedParts; part < parts.length; part += 1) {
      ctx.signal?.throwIfAborted();
      const message = parts[part];
      if (!message) break;
      if (part > 0 && !parentTs) throw new Error(`part ${part} has no recorded parent ts`);
      await postDigestPart(ctx.slack, ctx, {
        channelId: sub.channelId,
        ...(part > 0 && parentTs ? { threadTs: parentTs } : {}),
        message,
        metadata: digestMetadata(key, part),
        existingTs: found.parts.get(part),
        findPosted: async () => {
          const lookup = { channelId: sub.channelId, key, dueAt: claimed.dueAt };
          const again = await findPostedParts(ctx, { ...lookup, parentTs: part === 0 ? null : parentTs });
          return again.parts.get(part);
        },
        uploaded: found.files,
        onPosted: async (ts) => {
          await ctx.store.deliveries.recordPart(key, ctx.workerId, part, ts);
          if (part === 0) parentTs = ts;
          const fields = { subscription: sub.id, period: key.periodStart, part, ts };
          if (found.parts.has(part))
            ctx.logger.info('digest part found already posted; recorded, not reposted', fields);
          ctx.logger.debug('digest part posted', fields);
        },
      });
    }
  } catch (error) {
    return onPostingError(ctx, sub, key, claimed, error);
  }
  const finished = await finish(ctx, key, 'delivered');
  if (finished) return finished;
  const delivery: Delivery = {
    ...claimed,
    status: 'delivered',
    parentTs,
    postedParts: parts.length,
    claimedBy: null,
    claimedUntil: null,
    updatedAt: ctx.clock.now(),
  };
  return { status: 'delivered', delivery };
}

/**
 * What a crashed attempt posted but never recorded (the window between Slack's answer and recordPart).
 * Asked only on a resume — attempts > 1 — with something left to post: a first attempt has nothing
 * in Slack yet, so it costs no reads.
 */
async function alreadyPosted(
  ctx: DeliveryContext,
  sub: Subscription,
  key: DeliveryKey,
  claimed: Delivery,
  total: number,
): Promise<PostedParts> {
  if (claimed.attempts <= 1 || claimed.postedParts >= total) return { parts: new Map(), files: new Map() };
  return findPostedParts(ctx, {
    channelId: sub.channelId,
    key,
    parentTs: claimed.parentTs,
    dueAt: claimed.dueAt,
  });
}

async function onPostingError(
  ctx: DeliveryContext,
  sub: Subscription,
  key: DeliveryKey,
  claimed: Delivery,
  error: unknown,
): Promise<Failed> {
  const code = slackErrorCode(error) ?? errorCode(error);
  if (isChannelError(code)) {
    await pauseSubscription(ctx, sub, code);
    return finishFailed(ctx, key, code);
  }
  if (isCodexPulseError(error, 'store_claim_lost'))
    return { status: 'failed', reason: `${code}: another replica took it over` };
  if (ctx.signal?.aborted) return { status: 'failed', reason: INTERRUPTED };
  if (claimed.attempts >= ctx.maxAttempts) return finishFailed(ctx, key, code);
  // Left pending on purpose: the parts posted so far are recorded, and the next tick after the lease
  // expires resumes under the same parent instead of giving up on a half-posted thread.
  ctx.logger.warn('digest delivery interrupted; it resumes after its lease', {
    subscription: sub.id,
    period: key.periodStart,
    code,
    attempt: claimed.attempts,
  });
  return { status: 'failed', reason: `${code}: resumes once its lease expires` };
}

/** The short "data delayed" note instead of a misleading digest; a channel error pauses as usual. */
async function postDelayedNotice(ctx: DeliveryContext, sub: Subscription, code: string): Promise<void> {
  try {
    await ctx.pacer.run(sub.channelId, () =>
      ctx.slack.chat.postMessage({ channel: sub.channelId, text: delayedNoticeText(code) }),
    );
  } catch (error) {
    const slackCode = slackErrorCode(error);
    if (isChannelError(slackCode)) await pauseSubscription(ctx, sub, slackCode);
    else
      ctx.logger.warn('could not post the digest-delayed notice', { subscription: sub.id, code: slackCode });
  }
}
