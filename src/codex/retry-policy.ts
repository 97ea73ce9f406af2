/**
 * When to retry and how long to wait. Exponential backoff with full jitter (AWS architecture blog,
 * "Exponential Backoff And Jitter"): many report jobs hitting the same rate limit must not retry in
 * lockstep. A server-given Retry-After is honoured exactly instead.
 */

/** First backoff ceiling; doubles each attempt. */
const BASE_DELAY_MS = 500;
/** Ceiling of any computed backoff. */
const MAX_BACKOFF_MS = 30_000;
/**
 * Longest Retry-After we sleep through. A longer one fails fast with codex_rate_limited (carrying the
 * server's value) — a person waiting on a slash command is better told "try again in N minutes".
 */
export const MAX_RETRY_AFTER_SECONDS = 60;

/** Full-jitter delay before retry number `attempt` (0-based): uniform in [0, min(cap, base·2^attempt)). */
export function backoffDelayMs(attempt: number, random: () => number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/**
 * Seconds to wait from a Retry-After header: delta-seconds as the contract says, or an HTTP-date as
 * RFC 9110 also allows. Undefined when absent or unreadable (then backoff applies).
 */
export function parseRetryAfter(header: string | string[] | undefined, now: Date): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** Statuses worth another attempt: rate limiting, server trouble, and 408 (the server timed us out). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}
