import type { MessageMetadata } from '@slack/types';
import { z } from 'zod';
import type { DeliveryKey } from '../store/store-types.js';

/** The `event_type` of every digest message: what a resume looks for in the channel (issue 9, 5.1). */
const DIGEST_EVENT_TYPE = 'codex_pulse_digest';

/**
 * The metadata each digest post carries: which subscription, period and part it is. A resumed delivery
 * reads it back (conversations.history / .replies with include_all_metadata) to find the parts that
 * Slack accepted but the store never recorded — a crash or a lost answer between the two.
 */
export function digestMetadata(key: DeliveryKey, part: number): MessageMetadata {
  return {
    event_type: DIGEST_EVENT_TYPE,
    event_payload: { subscription: key.subscriptionId, period: key.periodStart, part },
  };
}

const digestMessage = z.object({
  ts: z.string(),
  metadata: z.object({
    event_type: z.literal(DIGEST_EVENT_TYPE),
    event_payload: z.object({
      subscription: z.string(),
      // Slack hands numbers back as numbers; accept strings too rather than miss a posted part.
      period: z.coerce.number(),
      part: z.coerce.number().int().nonnegative(),
    }),
  }),
});

/** The part number when `message` (as history/replies return it) is one of `key`'s digest posts. */
export function digestPartOf(message: unknown, key: DeliveryKey): { part: number; ts: string } | undefined {
  const parsed = digestMessage.safeParse(message);
  if (!parsed.success) return undefined;
  const { subscription, period, part } = parsed.data.metadata.event_payload;
  if (subscription !== key.subscriptionId || period !== key.periodStart) return undefined;
  return { part, ts: parsed.data.ts };
}
