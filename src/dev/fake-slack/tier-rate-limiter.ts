import type { FakeSlackTierLimits } from './fake-slack-types.js';

/** The tiers Slack documents for the methods the fake limits (api.slack.com/methods/…). */
export const methodTiers: Readonly<Record<string, 1 | 2 | 3 | 4>> = {
  'users.list': 2,
  'usergroups.list': 2,
  'usergroups.users.list': 2,
  'conversations.members': 4,
};

const WINDOW_MS = 60_000;

/**
 * Slack's per-method tiers, made strict: each method gets its tier's per-minute figure over a sliding
 * 60 s window (methods are counted apart, as Slack does). A refused call is not counted.
 */
export class TierRateLimiter {
  private readonly starts = new Map<string, number[]>();

  constructor(private readonly limits: FakeSlackTierLimits) {}

  /** Null when the call may go through (and counts it), else the Retry-After in whole seconds. */
  take(method: string, nowMs: number): number | null {
    const tier = methodTiers[method];
    const perMinute = tier === undefined ? undefined : this.limits[tier];
    if (perMinute === undefined) return null;
    const recent = (this.starts.get(method) ?? []).filter((at) => nowMs - at < WINDOW_MS);
    this.starts.set(method, recent);
    if (recent.length >= perMinute) {
      const oldest = recent[recent.length - perMinute] ?? nowMs;
      return Math.max(1, Math.ceil((oldest + WINDOW_MS - nowMs) / 1000));
    }
    recent.push(nowMs);
    return null;
  }
}
