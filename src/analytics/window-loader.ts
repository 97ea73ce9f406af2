/**
 * Fetches and caches the three endpoints of one window. Each (workspace, endpoint, window) is its own
 * TTL cache entry, so concurrent callers share one pull and a repeated question costs no request. A key
 * always starts with the workspace id: one process may serve several workspaces and must never answer
 * one with another's rows. Failed pulls are not cached (createTtlCache drops them).
 */
import type { Clock } from '../clock.js';
import { abortError } from '../codex/abort-error.js';
import type { CodexClient } from '../codex/codex-client.js';
import type { CodeReviewResponseRow, CodeReviewRow } from '../codex/schemas.js';
import type { TimeWindow } from '../domain/utc-days.js';
import type { Logger } from '../logger.js';
import { createTtlCache } from './ttl-cache.js';
import { createUsageStore, type UsageStore } from './usage-store.js';

/** Everything the figures of one window are computed from. */
export interface WindowData {
  usage: UsageStore;
  reviews: readonly CodeReviewRow[];
  responses: readonly CodeReviewResponseRow[];
}

/**
 * Each method answers from the cache when fresh. `signal` stops this caller waiting, never the shared
 * pull: one person giving up must not fail everyone else waiting on it.
 */
export interface WindowLoader {
  /** All three endpoints, pulled concurrently. */
  load(window: TimeWindow, signal?: AbortSignal): Promise<WindowData>;
  /** Per-user daily usage only. */
  usage(window: TimeWindow, signal?: AbortSignal): Promise<UsageStore>;
  /** The two Code Review endpoints only (no usage pull for a review question). */
  reviews(window: TimeWindow, signal?: AbortSignal): Promise<Omit<WindowData, 'usage'>>;
}

export interface WindowLoaderDeps {
  client: CodexClient;
  clock: Clock;
  logger: Logger;
  cacheTtlMs: number;
  workspaceId: string;
  /** Windows kept per endpoint; the oldest goes first. */
  maxCachedWindows: number;
}

/** Builds the loader; see the module comment for the caching rules. */
export function createWindowLoader(deps: WindowLoaderDeps): WindowLoader {
  const options = { ttlMs: deps.cacheTtlMs, maxEntries: deps.maxCachedWindows, clock: deps.clock };
  const usageCache = createTtlCache<UsageStore>(options);
  const reviewCache = createTtlCache<CodeReviewRow[]>(options);
  const responseCache = createTtlCache<CodeReviewResponseRow[]>(options);
  const keyOf = (endpoint: string, w: TimeWindow) => `${deps.workspaceId}|${endpoint}|${w.start}|${w.end}`;

  async function pullUsage(window: TimeWindow): Promise<UsageStore> {
    const started = performance.now();
    const store = createUsageStore();
    // Always per-user daily rows: every figure buckets by week itself, so one pull serves both views.
    const query = { startTime: window.start, endTime: window.end, groupBy: 'day' } as const;
    for await (const page of deps.client.usagePagesConcurrent(query)) {
      for (const row of page) store.append(row);
    }
    deps.logger.debug('usage window pulled', {
      workspaceId: deps.workspaceId,
      rows: store.size,
      bytes: store.byteLength,
      durationMs: Math.round(performance.now() - started),
    });
    return store;
  }

  const usage = (window: TimeWindow) => usageCache.get(keyOf('usage', window), () => pullUsage(window));
  const reviews = (window: TimeWindow) => {
    const query = { startTime: window.start, endTime: window.end, groupBy: 'day' } as const;
    return Promise.all([
      reviewCache.get(keyOf('code_reviews', window), () => deps.client.fetchAll('code_reviews', query)),
      responseCache.get(keyOf('code_review_responses', window), () =>
        deps.client.fetchAll('code_review_responses', query),
      ),
    ]);
  };

  return {
    async load(window, signal) {
      if (signal?.aborted) throw abortError(signal);
      const [store, [reviewRows, responses]] = await untilAborted(
        Promise.all([usage(window), reviews(window)]),
        signal,
      );
      return { usage: store, reviews: reviewRows, responses };
    },
    async usage(window, signal) {
      if (signal?.aborted) throw abortError(signal);
      return untilAborted(usage(window), signal);
    },
    async reviews(window, signal) {
      if (signal?.aborted) throw abortError(signal);
      const [reviewRows, responses] = await untilAborted(reviews(window), signal);
      return { reviews: reviewRows, responses };
    },
  };
}

/** `promise`, or an AbortError as soon as `signal` aborts (the promise itself runs on). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
