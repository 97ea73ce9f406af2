/**
 * Client of the Codex enterprise Analytics API (../shared/docs/codex-analytics-api.md) on undici.
 * Paging, retries, validation and typed errors live in the modules next to this one; this file wires
 * them together and owns the connection pool.
 */
import { Agent, type Dispatcher } from 'undici';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { CodexMetrics } from '../metrics/create-metrics.js';
import { allOrAbort } from './all-or-abort.js';
import { createCircuitBreaker } from './circuit-breaker.js';
import { mergeInOrder } from './merge-in-order.js';
import { paginate } from './paginate.js';
import { createRequestPacer } from './request-pacer.js';
import type {
  AnalyticsQuery,
  CodeReviewResponseRow,
  CodeReviewRow,
  Endpoint,
  RowOf,
  UsageRow,
} from './schemas.js';
import type { RequestContext } from './send-request.js';
import { splitWindow } from './split-window.js';
import { validateWindow } from './validate-window.js';

/** How to reach the API and how hard to try. */
export interface CodexClientOptions {
  /** e.g. https://api.chatgpt.com/v1/analytics/codex (a trailing slash is fine). */
  baseUrl: string;
  /** Bearer key scoped codex.enterprise.analytics.read; never logged. */
  apiKey: string;
  workspaceId: string;
  /** Used for backoff sleeps and window checks; inject a manual clock in tests. */
  clock: Clock;
  logger: Logger;
  /** Counts every attempt (endpoint, status) and retry (endpoint, reason) for GET /metrics. */
  metrics: CodexMetrics;
  /** Per attempt, headers and body together. Default 30000. */
  timeoutMs?: number;
  /** Retries after the first attempt, on 429, 5xx, network errors and timeouts. Default 4. */
  maxRetries?: number;
  /** Sub-windows paged at once by usagePagesConcurrent. Default 6. */
  concurrency?: number;
  /** undici dispatcher; default a keep-alive Agent owned (and closed) by the client. */
  dispatcher?: Dispatcher;
  /**
   * Request starts allowed per route per minute (the API allows about 100 [spec/guess]); 0 = unpaced.
   * Default 0 here; the app passes CODEX_API_REQUESTS_PER_MINUTE.
   */
  requestsPerMinute?: number;
  /**
   * Consecutive requests without any answer (refused, unreachable, timed out) after which every request
   * fails fast with codex_unreachable for `breakerCooldownMs`, then one probe goes through. 0 = no
   * breaker (the default here); the app passes CODEX_API_BREAKER_FAILURES.
   */
  breakerThreshold?: number;
  /** How long the open circuit fails fast, on `clock`. Default 30000. */
  breakerCooldownMs?: number;
  /** Rows per page when a query sets no `limit` (API: 1..30000, default 1000). Fewer pages, fewer requests. */
  pageLimit?: number;
  /** Jitter source in [0, 1). Default Math.random. */
  random?: () => number;
  /**
   * Rows usagePagesConcurrent may hold, buffered or on their way, for sub-windows the caller has not
   * reached yet, plus those the caller says it still holds (`heldRows`), before those sub-windows pause.
   * Its one caller, the sync, writes each day to the warehouse slower than the API serves it, so a batch
   * being written and a day or two of a 20,000-user org ahead keep it busy: 20000 (the default).
   * Waiting pages are kept as raw bytes, ~1.1 KB a row (≈ 22 MB at most).
   */
  maxBufferedRows?: number;
}

/** Per-call options. Aborting stops at once with an AbortError (never retried). */
export interface RequestOptions {
  signal?: AbortSignal;
}

/** usagePagesConcurrent's options. */
export interface ConcurrentPullOptions extends RequestOptions {
  /**
   * Awaited when every row of a sub-window (a day, or a week with groupBy week) has been yielded, before
   * the next sub-window's rows are parsed: the sync writes a finished day while only its rows are held.
   */
  onSubWindowDone?: (window: { startTime: number; endTime: number }) => Promise<void> | void;
  /**
   * Rows the caller still holds of what it was yielded (the sync: its batch of days not yet written, and
   * the batch being written). They count against `maxBufferedRows`, so the pull waits for the writes
   * instead of running a whole budget ahead of them. Release rows before asking for the next page or
   * returning from `onSubWindowDone`: that is when the pull looks again.
   */
  heldRows?: () => number;
}

/** The Codex Analytics API, typed and validated. Every method throws CodexApiError subclasses or an AbortError. */
export interface CodexClient {
  /** Sequential cursor paging of one endpoint; pages in API (time) order. */
  pages<E extends Endpoint>(
    endpoint: E,
    query: AnalyticsQuery,
    options?: RequestOptions,
  ): AsyncIterable<RowOf<E>[]>;
  /** Every row of one endpoint for `query`. */
  fetchAll<E extends Endpoint>(
    endpoint: E,
    query: AnalyticsQuery,
    options?: RequestOptions,
  ): Promise<RowOf<E>[]>;
  /**
   * Large per-user pulls: splits [start,end) into bucket-aligned sub-windows (day or Monday-week
   * aligned), pages them concurrently (bounded by `concurrency`) and yields pages merged back in time
   * order, with bounded buffering. Same rows, same order as `pages('usage', query)`.
   */
  usagePagesConcurrent(
    query: AnalyticsQuery & { startTime: number; endTime: number },
    options?: ConcurrentPullOptions,
  ): AsyncIterable<UsageRow[]>;
  /** The three endpoints fetched concurrently for one window (per-user usage via the concurrent strategy). */
  fetchWindow(
    window: { startTime: number; endTime: number; groupBy?: 'day' | 'week' },
    options?: RequestOptions,
  ): Promise<{
    usage: UsageRow[];
    codeReviews: CodeReviewRow[];
    codeReviewResponses: CodeReviewResponseRow[];
  }>;
  /**
   * Closes the circuit breaker now, as an answer from the API would: for a caller that knows the API is
   * reachable again before a request has shown it — the playground, which restarts its own simulator.
   * Production never calls it: there the probe after the cool-down decides.
   */
  resetCircuit(): void;
  /** Closes the connection pool when the client created it (an injected dispatcher is the caller's). */
  close(): Promise<void>;
}

/** Builds a client. Windows are checked with validateWindow before any request. */
export function createCodexClient(options: CodexClientOptions): CodexClient {
  const concurrency = Math.max(1, options.concurrency ?? 6);
  const maxBufferedRows = options.maxBufferedRows ?? 20_000;
  const ownsDispatcher = options.dispatcher === undefined;
  // Two connections beyond `concurrency` for fetchWindow's code review endpoints.
  const dispatcher =
    options.dispatcher ?? new Agent({ keepAliveTimeout: 30_000, connections: concurrency + 2 });
  const ctx: RequestContext = {
    dispatcher,
    apiKey: options.apiKey,
    clock: options.clock,
    logger: options.logger,
    metrics: options.metrics,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 4,
    random: options.random ?? Math.random,
    pacer: createRequestPacer(options.requestsPerMinute ?? 0, options.clock),
    breaker: createCircuitBreaker({
      threshold: options.breakerThreshold ?? 0,
      cooldownMs: options.breakerCooldownMs ?? 30_000,
      clock: options.clock,
    }),
  };
  const workspaceUrl = `${options.baseUrl.replace(/\/+$/, '')}/workspaces/${encodeURIComponent(options.workspaceId)}`;
  const urlOf = (endpoint: Endpoint) => `${workspaceUrl}/${endpoint}`;
  const checkWindow = (query: AnalyticsQuery) => {
    // Both omitted is the API's own default (last 30 days); otherwise check what the caller set.
    if (query.startTime !== undefined && query.endTime !== undefined) {
      validateWindow({ startTime: query.startTime, endTime: query.endTime }, options.clock.now());
    }
  };
  let closed = false;

  // A query's own limit wins; otherwise the configured page size (the API's default is 1000).
  const sized = <Q extends AnalyticsQuery>(query: Q): Q =>
    query.limit === undefined && options.pageLimit !== undefined
      ? { ...query, limit: options.pageLimit }
      : query;

  async function* pages<E extends Endpoint>(endpoint: E, query: AnalyticsQuery, opts: RequestOptions = {}) {
    checkWindow(query);
    for await (const page of paginate(ctx, urlOf(endpoint), endpoint, sized(query), opts.signal)) {
      yield page.rows();
    }
  }

  async function fetchAll<E extends Endpoint>(endpoint: E, query: AnalyticsQuery, opts: RequestOptions = {}) {
    return collect(pages(endpoint, query, opts));
  }

  async function* usagePagesConcurrent(
    query: AnalyticsQuery & { startTime: number; endTime: number },
    opts: ConcurrentPullOptions = {},
  ): AsyncGenerator<UsageRow[], void, undefined> {
    checkWindow(query);
    if (query.group === 'workspace') {
      // One row per bucket: the whole window is a page or two, splitting would only add requests.
      yield* pages('usage', query, opts);
      await opts.onSubWindowDone?.(query);
      return;
    }
    const subWindows = splitWindow(query, query.groupBy ?? 'day');
    const sources = subWindows.map(
      (sub) => (signal: AbortSignal) =>
        paginate(ctx, urlOf('usage'), 'usage', sized({ ...query, ...sub }), signal),
    );
    const { onSubWindowDone } = opts;
    yield* mergeInOrder(sources, {
      concurrency,
      maxBufferedRows,
      heldRows: opts.heldRows,
      signal: opts.signal,
      onLaneDone:
        onSubWindowDone && ((index) => onSubWindowDone(subWindows[index] ?? { startTime: 0, endTime: 0 })),
    });
  }

  async function fetchWindow(
    window: { startTime: number; endTime: number; groupBy?: 'day' | 'week' },
    opts: RequestOptions = {},
  ) {
    const query: AnalyticsQuery & { startTime: number; endTime: number } = {
      startTime: window.startTime,
      endTime: window.endTime,
      ...(window.groupBy ? { groupBy: window.groupBy } : {}),
    };
    checkWindow(query);
    const [usage, codeReviews, codeReviewResponses] = await allOrAbort<
      [UsageRow[], CodeReviewRow[], CodeReviewResponseRow[]]
    >(opts.signal, (signal) => [
      collect(usagePagesConcurrent(query, { signal })),
      fetchAll('code_reviews', query, { signal }),
      fetchAll('code_review_responses', query, { signal }),
    ]);
    return { usage, codeReviews, codeReviewResponses };
  }

  return {
    pages,
    fetchAll,
    usagePagesConcurrent,
    fetchWindow,
    resetCircuit: () => ctx.breaker.reset(),
    close: async () => {
      if (closed || !ownsDispatcher) return;
      closed = true;
      await dispatcher.close();
    },
  };
}

async function collect<T>(source: AsyncIterable<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for await (const page of source) {
    for (const row of page) rows.push(row);
  }
  return rows;
}
