import { isCodexPulseError } from '../errors.js';
import type { DeliveryKey, Store } from '../store/store-types.js';
import type { DeliveryOutcome } from './digest-service.js';

/** The failed outcome of a delivery. */
export type Failed = Extract<DeliveryOutcome, { status: 'failed' }>;

interface FinishContext {
  store: Store;
  workerId: string;
}

/** Finishes the claim as failed with `reason` (a stable code first, so logs and the table group well). */
export async function finishFailed(ctx: FinishContext, key: DeliveryKey, reason: string): Promise<Failed> {
  return (await finish(ctx, key, 'failed', reason)) ?? { status: 'failed', reason };
}

/** Finishes the claim; returns a failed outcome only when the claim was lost meanwhile. */
export async function finish(
  ctx: FinishContext,
  key: DeliveryKey,
  status: 'delivered' | 'failed' | 'skipped',
  reason?: string,
): Promise<Failed | undefined> {
  try {
    await ctx.store.deliveries.finish(key, ctx.workerId, status, reason);
    return undefined;
  } catch (error) {
    if (!isCodexPulseError(error, 'store_claim_lost')) throw error;
    return { status: 'failed', reason: 'store_claim_lost: another replica took it over' };
  }
}
