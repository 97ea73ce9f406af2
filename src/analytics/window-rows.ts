/**
 * Where the window loader's raw rows come from (issue 11, part 2). Answers read the usage warehouse
 * (warehouse-window-rows.ts); the Codex API source below remains for what has no warehouse by design:
 * the cross-check test's reference side and the pull-per-question bench row. Both give the same rows
 * for the same days, so every figure is computed by the same pure functions whatever the source.
 */
import type { Clock } from '../clock.js';
import type { CodexClient } from '../codex/codex-client.js';
import type { CodeReviewResponseRow, CodeReviewRow, UsageRow } from '../codex/schemas.js';
import { earliestStartSeconds } from '../codex/validate-window.js';
import type { TimeWindow } from '../domain/utc-days.js';

export type ReadPurpose = 'question' | 'closed-period';

/** What a source says about a window before its rows are read. */
export interface RowsReadiness {
  /**
   * Changes whenever the rows of a window may have changed (a new successful sync): the loader's cache
   * keys include it, so a synced day is never answered from rows read before the sync.
   */
  generation: string;
  /**
   * The footer's note on where the rows come from and how old they are ("synced 2 h ago · data through
   * Sun 29 Nov"), null when they are live from the API.
   */
  note: string | null;
  /** The newest complete UTC day (YYYY-MM-DD) the source holds; null when live or empty. */
  dataThrough: string | null;
  /**
   * Why the window could not be topped up when the rows come from an older store (the API is down);
   * null otherwise. Questions answer with the data's age; a closed-period report (the digest) whose
   * period the store does not reach raises it instead of reporting empty days.
   */
  topUpError: Error | null;
}

export interface WindowRows {
  /**
   * Makes the window answerable (a warehouse tops it up first when it does not hold it yet). A
   * `question` may be answered from older rows with their age; a `closed-period` report (the digest)
   * may not, so a failed top-up is always tried again for it.
   */
  ready(window: TimeWindow, signal: AbortSignal | undefined, purpose: ReadPurpose): Promise<RowsReadiness>;
  /** Per-user daily usage rows, page by page in time order. */
  usagePages(window: TimeWindow, signal: AbortSignal): AsyncIterable<readonly UsageRow[]>;
  codeReviews(window: TimeWindow, signal: AbortSignal): Promise<CodeReviewRow[]>;
  codeReviewResponses(window: TimeWindow, signal: AbortSignal): Promise<CodeReviewResponseRow[]>;
  /** Unix seconds of the oldest day this source can answer for, or null when it holds none. */
  historyStart(): Promise<number | null>;
}

/** Rows pulled from the Codex Analytics API for every question: the pre-warehouse path. */
export function apiWindowRows(client: CodexClient, clock: Clock): WindowRows {
  const query = (window: TimeWindow) =>
    ({ startTime: window.start, endTime: window.end, groupBy: 'day' }) as const;
  return {
    ready: async () => ({ generation: 'api', note: null, dataThrough: null, topUpError: null }),
    // Always per-user daily rows: every figure buckets by week itself, so one pull serves both views.
    usagePages: (window, signal) => client.usagePagesConcurrent(query(window), { signal }),
    codeReviews: (window, signal) => client.fetchAll('code_reviews', query(window), { signal }),
    codeReviewResponses: (window, signal) =>
      client.fetchAll('code_review_responses', query(window), { signal }),
    // The API keeps 90 days.
    historyStart: async () => earliestStartSeconds(clock.now()),
  };
}
