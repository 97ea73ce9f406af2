/**
 * Slack's ~1 message per second per channel, made strict and configurable: more than `perSecond`
 * posts in a channel within one second get a 429 with the seconds to wait. Disabled when undefined.
 */
export class MessageRateLimiter {
  private readonly sent = new Map<string, number[]>();

  constructor(private readonly perSecond: number | undefined) {}

  /** Returns null when the post may go through (and counts it), else the Retry-After in seconds. */
  take(channel: string, nowMs: number): number | null {
    if (this.perSecond === undefined) return null;
    const recent = (this.sent.get(channel) ?? []).filter((at) => nowMs - at < 1_000);
    if (recent.length >= this.perSecond) {
      this.sent.set(channel, recent);
      return 1;
    }
    recent.push(nowMs);
    this.sent.set(channel, recent);
    return null;
  }
}
