/**
 * Slack's v0 request signature, checked on the ack path of a slash command (receipt-ack.ts). Bolt's own
 * `verifySlackRequest` compares with `tsscmp`, which hashes both sides again under a fresh random key:
 * three HMACs and a random read per request, where one HMAC and `timingSafeEqual` do (issue 9, 5.5: the
 * burst bench's profile). This check accepts a subset of what Bolt's accepts — the same 5-minute
 * staleness rule and the same signed string, but only the exact `v0=<64 hex>` form — so whatever passes
 * here passes Bolt's check too; anything else is left to Bolt, which checks it again and answers.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Bolt's window: a timestamp more than 5 minutes in the past is stale. */
const MAX_AGE_SECONDS = 5 * 60;
const SIGNATURE = /^v0=[0-9a-f]{64}$/;

export interface SignedRequestParts {
  signingSecret: string;
  /** The raw body, exactly as received. */
  body: string;
  /** The `x-slack-signature` header. */
  signature: string;
  /** The `x-slack-request-timestamp` header. */
  timestamp: string;
  /** Now, in epoch ms: the system clock, as Bolt's check reads it (Slack signs with its wall clock). */
  nowMs: number;
}

/** Whether the request carries a valid, fresh v0 signature (never throws). */
export function validSlackSignature(parts: SignedRequestParts): boolean {
  const { signingSecret, body, signature, nowMs } = parts;
  if (!signingSecret || !SIGNATURE.test(signature)) return false;
  // Bolt signs and checks Number(header): the same number, the same string in the signed base.
  const timestamp = Number(parts.timestamp);
  if (Number.isNaN(timestamp) || timestamp < Math.floor(nowMs / 1000) - MAX_AGE_SECONDS) return false;
  const expected = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest();
  return timingSafeEqual(Buffer.from(signature.slice(3), 'hex'), expected);
}
