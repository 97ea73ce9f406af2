import type { MessageMetadata } from '@slack/types';
import { z } from 'zod';

/** The `event_type` of every alert post: what a resumed firing looks for in its channel (issue 13 §5). */
const ALERT_EVENT_TYPE = 'codex_pulse_alert';

/** A firing's exactly-once key: the claim key (a rule id, `<rule>:recovered`, `budget:…`) and period. */
export interface FiringKey {
  ruleId: string;
  periodStart: number;
}

/**
 * The metadata each alert post carries, as digest parts carry theirs (src/digests/digest-metadata.ts): a
 * replica that takes over a firing whose holder died mid-post reads it back to find a message Slack
 * accepted but the store never recorded.
 */
export function alertMetadata(key: FiringKey): MessageMetadata {
  return { event_type: ALERT_EVENT_TYPE, event_payload: { key: key.ruleId, period: key.periodStart } };
}

const alertMessage = z.object({
  ts: z.string(),
  metadata: z.object({
    event_type: z.literal(ALERT_EVENT_TYPE),
    // Slack hands numbers back as numbers; accept strings too rather than miss a posted firing.
    event_payload: z.object({ key: z.string(), period: z.coerce.number() }),
  }),
});

/** The message's ts when `message` (as conversations.history returns it) is the post of `key`. */
export function alertPostOf(message: unknown, key: FiringKey): string | undefined {
  const parsed = alertMessage.safeParse(message);
  if (!parsed.success) return undefined;
  const { key: ruleId, period } = parsed.data.metadata.event_payload;
  return ruleId === key.ruleId && period === key.periodStart ? parsed.data.ts : undefined;
}
