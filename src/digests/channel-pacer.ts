/**
 * Slack's "about one message per second per channel" (docs/slack-platform.md, Limits), kept on our
 * side: each channel's posts go one at a time, the next no sooner than `intervalMs` after the previous
 * one was answered. Counting from the answer (not the send) means two posts never reach Slack closer
 * than the interval, whatever the network does. Different channels never wait for each other.
 *
 * A 429 still happens (another replica posting in the same channel, Slack's own bursts): its
 * Retry-After is honoured for that channel only, by sleeping on the injected clock, and the post is
 * retried. The WebClient's own 429 handling would instead pause its whole request queue — every
 * channel — and sleep on the real clock, so the digest client rejects rate-limited calls and lets
 * this pacer handle them (see digest-slack-client.ts).
 */
import type { Clock } from '../clock.js';

export interface ChannelPacer {
  /** Runs `post` when the channel's turn comes; retries it after a 429, honouring Retry-After. */
  run<T>(channelId: string, post: () => Promise<T>): Promise<T>;
}

export interface PacerOptions {
  /** Minimum gap between two posts in one channel; default 1000 ms. */
  intervalMs?: number;
  /** 429s tolerated for one post before its error is rethrown; default 5. */
  maxRateLimitRetries?: number;
}

/** Seconds to wait when `error` is a rate-limited WebClient error (read by shape); undefined otherwise. */
export function retryAfterSeconds(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, retryAfter } = error as { code?: unknown; retryAfter?: unknown };
  if (code !== 'slack_webapi_rate_limited_error') return undefined;
  return typeof retryAfter === 'number' && retryAfter >= 0 ? retryAfter : 1;
}

/** A pacer on `clock`: tests inject a manual clock, so pacing and Retry-After never sleep for real. */
export function createChannelPacer(clock: Clock, options: PacerOptions = {}): ChannelPacer {
  const intervalMs = options.intervalMs ?? 1_000;
  const maxRetries = options.maxRateLimitRetries ?? 5;
  const notBefore = new Map<string, number>();
  const tails = new Map<string, Promise<unknown>>();

  const waitTurn = async (channelId: string) => {
    const wait = (notBefore.get(channelId) ?? 0) - clock.now().getTime();
    if (wait > 0) await clock.sleep(wait);
  };

  const attempt = async <T>(channelId: string, post: () => Promise<T>): Promise<T> => {
    for (let retry = 0; ; retry += 1) {
      await waitTurn(channelId);
      try {
        return await post();
      } catch (error) {
        const seconds = retryAfterSeconds(error);
        if (seconds === undefined || retry >= maxRetries) throw error;
        notBefore.set(channelId, clock.now().getTime() + Math.max(seconds * 1000, intervalMs));
      } finally {
        const next = clock.now().getTime() + intervalMs;
        if (next > (notBefore.get(channelId) ?? 0)) notBefore.set(channelId, next);
      }
    }
  };

  return {
    run(channelId, post) {
      // Chain on the channel's previous post, whether it succeeded or not.
      const previous = tails.get(channelId) ?? Promise.resolve();
      const result = previous.then(
        () => attempt(channelId, post),
        () => attempt(channelId, post),
      );
      const tail = result.catch(() => undefined);
      tails.set(channelId, tail);
      void tail.then(() => {
        if (tails.get(channelId) === tail) tails.delete(channelId);
      });
      // A long-running process should not keep one entry per channel it ever posted in.
      if (notBefore.size > 1_024) {
        const now = clock.now().getTime();
        for (const [id, at] of notBefore) if (at <= now && !tails.has(id)) notBefore.delete(id);
      }
      return result;
    },
  };
}
