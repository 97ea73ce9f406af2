/**
 * Fetches and caches the three endpoints of one window. Each (workspace, endpoint, window) is its own
 * TTL cache entry, so concurrent callers share one pull and a repeated question costs no request. A key
 * always starts with the workspace id: one process may serve several workspaces and must never answer
 * one with another's rows. Failed pulls are not cached (createTtlCache drops them). A pull stops once
 * every caller waiting on it has given up (their signals aborted), and runs on while anyone still waits.
 */
import type { Clock } from '../clock.js';
import { allOrAbort } from '../codex/all-or-abort.js';
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
 * Each method answers from the cache when fresh. `signal` stops this caller waiting at once; the shared
 * pull stops only when nobody else waits on it (one person giving up must not fail the others). Without
 * a signal the caller waits for the pull to finish, however long its retries take.
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

  async function pullUsage(window: TimeWindow, signal: AbortSignal): Promise<UsageStore> {
    const started = performance.now();
    const store = createUsageStore();
    // Always per-user daily rows: every figure buckets by week itself, so one pull serves both views.
    const query = { startTime: window.start, endTime: window.end, groupBy: 'day' } as const;
    for await (const page of deps.client.usagePagesConcurrent(query, { signal })) {
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

  const usage = (window: TimeWindow, signal: AbortSignal | undefined) =>
    usageCache.get(keyOf('usage', window), (pull) => pullUsage(window, pull), signal);
  const query = (window: TimeWindow) =>
    ({ startTime: window.start, endTime: window.end, groupBy: 'day' }) as const;
  const reviewRows = (window: TimeWindow, signal: AbortSignal | undefined) =>
    reviewCache.get(
      keyOf('code_reviews', window),
      (pull) => deps.client.fetchAll('code_reviews', query(window), { signal: pull }),
      signal,
    );
  const responseRows = (window: TimeWindow, signal: AbortSignal | undefined) =>
    responseCache.get(
      keyOf('code_review_responses', window),
      (pull) => deps.client.fetchAll('code_review_responses', query(window), { signal: pull }),
      signal,
    );

  // allOrAbort: when one part fails, this caller stops waiting on the others too (so a pull nobody
  // else waits for stops instead of running on unobserved).
  return {
    async load(window, signal) {
      const [store, reviews, responses] = await allOrAbort<
        [UsageStore, CodeReviewRow[], CodeReviewResponseRow[]]
      >(signal, (all) => [usage(window, all), reviewRows(window, all), responseRows(window, all)]);
      return { usage: store, reviews, responses };
    },
    usage: (window, signal) => usage(window, signal),
    async reviews(window, signal) {
      const [reviews, responses] = await allOrAbort<[CodeReviewRow[], CodeReviewResponseRow[]]>(
        signal,
        (all) => [reviewRows(window, all), responseRows(window, all)],
      );
      return { reviews, responses };
    },
  };
}
