/**
 * When `serve` syncs the warehouse (issue 11: "inside serve on a schedule, default every 6 h"). Pure: the
 * warehouse's run history and the clock's now in, a yes or no out. Decided from the shared `sync_runs`
 * table under the sync lock, so several replicas on one PostgreSQL sync once per interval between them,
 * not once each.
 */
import type { SyncOutcomeCode } from '../errors.js';
import type { SyncRun } from '../warehouse/warehouse.js';

/** What the warehouse remembers of earlier runs, by any replica. */
export interface SyncHistory {
  /** The newest run that ended ok, or null before the first (an empty warehouse). */
  lastSuccess: SyncRun | null;
  /** The newest run that was attempted (any outcome but `skipped`), or null. */
  lastAttempt: SyncRun | null;
}

export interface SyncDuePolicy {
  /** SYNC_INTERVAL_HOURS in ms: a warehouse whose last success started this long ago is stale. */
  intervalMs: number;
  /** After a failed run, wait this long before trying again (the API is likely still down). */
  retryMs: number;
}

/** After a failure, a stale warehouse retries every 15 minutes (or every interval, if shorter). */
export const SYNC_RETRY_MS = 15 * 60_000;

/**
 * Due when the warehouse is empty or stale (its last success started an interval ago or more), unless
 * a run failed less than `retryMs` ago. A run stopped by a signal (a restart) is no failure of the API:
 * the next process resumes at once. A run dated after now (a clock moved back) counts as recent.
 */
export function isSyncDue(history: SyncHistory, now: Date, policy: SyncDuePolicy): boolean {
  const since = (run: SyncRun) => now.getTime() - run.startedAt.getTime();
  if (history.lastSuccess !== null && since(history.lastSuccess) < policy.intervalMs) return false;
  const attempt = history.lastAttempt;
  if (
    attempt === null ||
    attempt.outcome === 'ok' ||
    attempt.errorCode === ('sync_aborted' satisfies SyncOutcomeCode)
  )
    return true;
  return since(attempt) >= Math.min(policy.retryMs, policy.intervalMs);
}
