import type { Logger } from '../logger.js';
import type { Subscription } from '../store/store-types.js';
import type { DeliveryOutcome } from './digest-service.js';

/**
 * One structured line per delivery looked at (subscription, channel, period, status, durationMs and the
 * reason when there is one): failures warn, "already delivered" is debug — every tick sees those.
 */
export function logDeliveryOutcome(
  logger: Logger,
  sub: Subscription,
  periodStart: number,
  outcome: DeliveryOutcome,
  startedAt: number,
): void {
  const fields = {
    subscription: sub.id,
    channel: sub.channelId,
    period: periodStart,
    status: outcome.status,
    durationMs: Math.round(performance.now() - startedAt),
    ...('reason' in outcome ? { reason: outcome.reason } : {}),
  };
  if (outcome.status === 'failed') logger.warn('digest delivery', fields);
  else if (outcome.status === 'already') logger.debug('digest delivery', fields);
  else logger.info('digest delivery', fields);
}
