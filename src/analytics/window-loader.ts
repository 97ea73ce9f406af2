/**
 * Reads and caches the three row kinds of one window from a row source (window-rows.ts: the usage
 * warehouse for answers, issue 11). Each (workspace, generation, endpoint, window) is its own TTL cache
 * entry, so concurrent callers share one read and a repeated question costs nothing; the source's
 * generation changes with every successful sync, so a cached window never outlives the rows it was read
 * from. A key always starts with the workspace id: one process may serve several workspaces and must
 * never answer one with another's rows. Failed reads are not cached (createTtlCache drops them). A read
 * stops once every caller waiting on it has given up (their signals aborted), and runs on while anyone
 * still waits.
 */
import type { Clock } from '../clock.js';
import { allOrAbort } from '../codex/all-or-abort.js';
import type { CodeReviewResponseRow, CodeReviewRow, UsageRow } from '../codex/schemas.js';
import type { TimeWindow } from '../domain/utc-days.js';
import type { Logger } from '../logger.js';
import { createTtlCache } from './ttl-cache.js';
import type { RowsReadiness, WindowRows } from './window-rows.js';

/** Everything the figures of one window are computed from, and how current it is. */
export interface WindowData {
  /** The API's rows as they are: the pure figure functions read them (src/figures). */
  usage: readonly UsageRow[];
  reviews: readonly CodeReviewRow[];
  responses: readonly CodeReviewResponseRow[];
  readiness: RowsReadiness;
}

/**
 * Each method answers from the cache when fresh. `signal` stops this caller waiting at once; the shared
 * pull stops only when nobody else waits on it (one person giving up must not fail the others). Without
 * a signal the caller waits for the pull to finish, however long its retries take.
 */
export interface WindowLoader {
  /** All three endpoints, read concurrently, for a closed-period report (the digest). */
  load(window: TimeWindow, signal?: AbortSignal): Promise<WindowData>;
  /** Per-user daily usage only. */
  usage(window: TimeWindow, signal?: AbortSignal): Promise<Pick<WindowData, 'usage' | 'readiness'>>;
  /** The two Code Review endpoints only (no usage pull for a review question). */
  reviews(window: TimeWindow, signal?: AbortSignal): Promise<Omit<WindowData, 'usage'>>;
}

export interface WindowLoaderDeps {
  rows: WindowRows;
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
  const usageCache = createTtlCache<UsageRow[]>(options);
  const reviewCache = createTtlCache<CodeReviewRow[]>(options);
  const responseCache = createTtlCache<CodeReviewResponseRow[]>(options);
  const keyOf = (endpoint: string, w: TimeWindow, r: RowsReadiness) =>
    `${deps.workspaceId}|${r.generation}|${endpoint}|${w.start}|${w.end}`;

  async function pullUsage(window: TimeWindow, signal: AbortSignal): Promise<UsageRow[]> {
    const started = performance.now();
    const rows: UsageRow[] = [];
    for await (const page of deps.rows.usagePages(window, signal)) {
      for (const row of page) rows.push(row);
    }
    deps.logger.debug('usage window read', {
      workspaceId: deps.workspaceId,
      rows: rows.length,
      durationMs: Math.round(performance.now() - started),
    });
    return rows;
  }

  type Read<T> = (window: TimeWindow, r: RowsReadiness, signal: AbortSignal | undefined) => Promise<T>;
  const usage: Read<UsageRow[]> = (window, r, signal) =>
    usageCache.get(keyOf('usage', window, r), (pull) => pullUsage(window, pull), signal);
  const reviewRows: Read<CodeReviewRow[]> = (window, r, signal) =>
    reviewCache.get(keyOf('code_reviews', window, r), (pull) => deps.rows.codeReviews(window, pull), signal);
  const responseRows: Read<CodeReviewResponseRow[]> = (window, r, signal) =>
    responseCache.get(
      keyOf('code_review_responses', window, r),
      (pull) => deps.rows.codeReviewResponses(window, pull),
      signal,
    );

  // allOrAbort: when one part fails, this caller stops waiting on the others too (so a pull nobody
  // else waits for stops instead of running on unobserved).
  return {
    async load(window, signal) {
      const readiness = await deps.rows.ready(window, signal, 'closed-period');
      const [store, reviews, responses] = await allOrAbort<
        [UsageRow[], CodeReviewRow[], CodeReviewResponseRow[]]
      >(signal, (all) => [
        usage(window, readiness, all),
        reviewRows(window, readiness, all),
        responseRows(window, readiness, all),
      ]);
      return { usage: store, reviews, responses, readiness };
    },
    async usage(window, signal) {
      const readiness = await deps.rows.ready(window, signal, 'question');
      return { usage: await usage(window, readiness, signal), readiness };
    },
    async reviews(window, signal) {
      const readiness = await deps.rows.ready(window, signal, 'question');
      const [reviews, responses] = await allOrAbort<[CodeReviewRow[], CodeReviewResponseRow[]]>(
        signal,
        (all) => [reviewRows(window, readiness, all), responseRows(window, readiness, all)],
      );
      return { reviews, responses, readiness };
    },
  };
}
