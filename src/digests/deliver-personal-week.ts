/**
 * One personal subscription's week (issue 13 §4): the same exactly-once claim as a channel digest —
 * (subscription, week) in the deliveries table — then the subscriber's email from Slack, their figures,
 * their teams' budgets, conversations.open for the DM, and one message recorded the moment Slack accepts
 * it. Its metadata lets a resumed claim find a post whose record a crash lost, as for digest parts.
 */

import { buildPersonalWeekMessage } from '../../reports/personal/personal-week-message.js';
import type { WorkspaceAnalytics } from '../analytics/workspace-analytics.js';
import { periodFor } from '../domain/digest-schedule.js';
import { lastClosedWeek } from '../domain/utc-days.js';
import { errorCode, isCodexPulseError } from '../errors.js';
import { slackErrorCode } from '../slack-posting/slack-error-code.js';
import type { DeliveryKey, Subscription } from '../store/store-types.js';
import { claimDelivery, type DeliveryContext } from './deliver-digest.js';
import { digestMetadata } from './digest-metadata.js';
import type { DeliveryOutcome } from './digest-service.js';
import { findPostedParts } from './find-posted-parts.js';
import { finish, finishFailed } from './finish-delivery.js';
import { subscriberEmail, type TeamBudgetStatuses } from './personal-week-sources.js';
import { postDigestPart } from './post-digest-part.js';

/** What the personal DM reads beyond the delivery context. */
export interface PersonalWeekDeps {
  analytics: WorkspaceAnalytics;
  /** The run's budget lines (teamBudgetStatusesOfRun); absent without a warehouse, then the DM has none. */
  budgets?: TeamBudgetStatuses | undefined;
}

/** Slack errors that say this person cannot get a DM at all: retrying next week would fail the same way. */
const unreachable = new Set(['user_not_found', 'cannot_dm_bot', 'account_inactive', 'user_disabled']);

export async function deliverPersonalWeek(
  ctx: DeliveryContext,
  deps: PersonalWeekDeps,
  sub: Subscription,
  dueAt: Date,
): Promise<DeliveryOutcome> {
  const key: DeliveryKey = { subscriptionId: sub.id, periodStart: periodFor(dueAt, 'weekly') };
  const claimed = await claimDelivery(ctx, key, dueAt);
  if (!claimed) return { status: 'already', delivery: await ctx.store.deliveries.get(key) };
  if (claimed.postedParts > 0) return (await finish(ctx, key, 'delivered')) ?? delivered(ctx, key);
  try {
    const email = await subscriberEmail(ctx.slack, sub.ownerUserId);
    // Skipped, not failed: nothing to retry until Slack or the Codex account changes.
    if (email === null) return skip(ctx, key, 'no_email: Slack gave no email for the subscriber');
    const options = ctx.signal ? { signal: ctx.signal } : {};
    const view = await deps.analytics.personal(lastClosedWeek(dueAt), email, options);
    if (view === null) return skip(ctx, key, 'no_codex_match: no Codex user has the subscriber’s email');
    const budgets = deps.budgets ? await deps.budgets(sub.teamId, sub.ownerUserId) : [];
    const message = buildPersonalWeekMessage({
      view,
      budgets: budgets.map((s) => ({ budget: s.budget, forecast: s.forecast, month: s.month })),
      subscriptionId: sub.id,
    });
    const opened = await ctx.slack.conversations.open({ users: sub.ownerUserId });
    const channelId = opened.channel?.id;
    if (!channelId) throw new Error('conversations.open answered without a channel id');
    const lookup = { channelId, key, parentTs: null, dueAt: claimed.dueAt };
    // Only a resumed claim looks: a first attempt has posted nothing.
    const found = claimed.attempts > 1 ? await findPostedParts(ctx, lookup) : undefined;
    await postDigestPart(ctx.slack, ctx, {
      channelId,
      message,
      metadata: digestMetadata(key, 0),
      existingTs: found?.parts.get(0),
      findPosted: async () => (await findPostedParts(ctx, lookup)).parts.get(0),
      onPosted: (ts) => ctx.store.deliveries.recordPart(key, ctx.workerId, 0, ts),
    });
  } catch (error) {
    return onError(ctx, sub, key, claimed.attempts, error);
  }
  return (await finish(ctx, key, 'delivered')) ?? delivered(ctx, key);
}

async function delivered(ctx: DeliveryContext, key: DeliveryKey): Promise<DeliveryOutcome> {
  const delivery = await ctx.store.deliveries.get(key);
  return delivery ? { status: 'delivered', delivery } : { status: 'failed', reason: 'delivery row vanished' };
}

async function skip(ctx: DeliveryContext, key: DeliveryKey, reason: string): Promise<DeliveryOutcome> {
  return (await finish(ctx, key, 'skipped', reason)) ?? { status: 'skipped', reason };
}

async function onError(
  ctx: DeliveryContext,
  sub: Subscription,
  key: DeliveryKey,
  attempts: number,
  error: unknown,
): Promise<DeliveryOutcome> {
  const code = slackErrorCode(error) ?? errorCode(error);
  if (isCodexPulseError(error, 'store_claim_lost'))
    return { status: 'failed', reason: `${code}: another replica took it over` };
  if (ctx.signal?.aborted) return { status: 'failed', reason: 'interrupted: resumes once its lease expires' };
  if (unreachable.has(code)) {
    // The person left or blocked DMs: pause rather than fail every week; `me subscribe` starts it again.
    await ctx.store.subscriptions.setStatus(sub.id, 'paused', code);
    return finishFailed(ctx, key, code);
  }
  if (attempts >= ctx.maxAttempts) return finishFailed(ctx, key, code);
  // Left pending (the Codex API or Slack was down): the next tick after the lease retries it.
  ctx.logger.warn('personal DM interrupted; it resumes after its lease', {
    subscription: sub.id,
    period: key.periodStart,
    code,
    attempt: attempts,
  });
  return { status: 'failed', reason: `${code}: resumes once its lease expires` };
}
