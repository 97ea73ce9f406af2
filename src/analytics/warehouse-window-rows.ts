/**
 * Rows for answers from the usage warehouse (issue 11, part 2): commands, mentions, App Home, digests
 * and exports read the store, never the API.
 *
 * - A window the store does not hold yet (no successful sync, or days after the last one's running day)
 *   is topped up first through the one sync job (shared with `codex-pulse sync` and the schedule, and
 *   its lock), and the answer says so: "loaded history first · synced just now · data through …". The
 *   top-up is not tied to the asking caller: one whose deadline passes stops waiting, the sync runs on
 *   for the next question.
 * - When the top-up fails (the API is down) and the store holds rows, the answer comes from them with
 *   their age; the failure goes to the operator (the sync's run record and log line), not to the person.
 *   A failed top-up is retried no sooner than `retryAfterMs` while rows are stored, so an outage costs
 *   questions nothing.
 * - With no rows at all, the top-up's own error code (an invalid key, an unreachable API), or
 *   `history_unavailable` when another replica is still loading: a friendly reply at the edge. A digest
 *   (a closed period) whose week the store does not reach raises it too, rather than report empty days.
 */

import { abortError } from '../abort-error.js';
import type { Clock } from '../clock.js';
import type { UsageRow } from '../codex/schemas.js';
import { earliestStartSeconds } from '../codex/validate-window.js';
import type { TimeWindow } from '../domain/utc-days.js';
import { DAY_SECONDS, dayKey, startOfUtcDay, toUnixSeconds } from '../domain/utc-days.js';
import { CodexPulseError, errorCodes, isOneOf } from '../errors.js';
import type { Logger } from '../logger.js';
import type { SyncJob } from '../sync/create-sync-job.js';
import { describeFreshness } from '../warehouse/describe-freshness.js';
import type { SyncRun, Warehouse } from '../warehouse/warehouse.js';
import type { RowsReadiness, WindowRows } from './window-rows.js';

/** Days of per-user rows read per query: bounded memory per page, few round trips. */
const READ_DAYS = 7;

export interface WarehouseWindowRowsDeps {
  warehouse: Warehouse;
  /** Tops up a window the store does not hold yet: the process's one (shared) sync job. */
  sync: SyncJob;
  clock: Clock;
  logger: Logger;
  /** After a failed top-up, answers come from the store without trying again for this long. */
  retryAfterMs: number;
  /** Stops a top-up when the process closes (the warehouse must not close under a running sync). */
  stopSignal: AbortSignal;
}

type TopUp = { outcome: 'ok' } | { outcome: 'failed'; run: SyncRun };

export function warehouseWindowRows(deps: WarehouseWindowRowsDeps): WindowRows {
  const { warehouse, clock, logger } = deps;
  let lastFailure: { at: number; run: SyncRun } | null = null;

  /**
   * True when the last successful sync pulled every day of `window` up to today, each one complete
   * except today's: a window reaching that sync's running day after the day has ended needs the rest
   * of it (the schedule's trailing days then take care of late rows).
   */
  const covers = (last: SyncRun | null, window: TimeWindow): boolean => {
    if (last === null) return false;
    const today = startOfUtcDay(toUnixSeconds(clock.now()));
    const reach = Math.min(window.end, today + DAY_SECONDS);
    const lastRunningDay = last.window.end - DAY_SECONDS;
    if (reach > last.window.end) return false;
    return !(reach > lastRunningDay && today > lastRunningDay);
  };

  async function topUp(window: TimeWindow, signal: AbortSignal | undefined): Promise<TopUp> {
    logger.info('answer: topping up the warehouse first', { start: window.start, end: window.end });
    // Not the caller's signal: the sync outlives this caller's deadline, so the next question finds the
    // window loaded; only closing the process stops it.
    const sync = deps.sync.run({ onProgress: () => {}, signal: deps.stopSignal });
    const run = await (signal === undefined ? sync : raceAbort(sync, signal));
    if (run.outcome === 'ok') {
      lastFailure = null;
      return { outcome: 'ok' };
    }
    lastFailure = { at: clock.now().getTime(), run };
    logger.warn('answer: top-up failed, answering from the warehouse as it is', {
      code: run.errorCode,
      syncId: run.id,
      outcome: run.outcome,
    });
    return { outcome: 'failed', run };
  }

  async function readiness(prefix: string | null, topUpError: Error | null): Promise<RowsReadiness> {
    const [freshness, last] = await Promise.all([warehouse.freshness(), warehouse.lastSuccessfulSync()]);
    const age = describeFreshness(freshness, clock.now());
    return {
      generation: last?.id ?? 'empty',
      note: prefix === null ? age : `${prefix} · ${age}`,
      dataThrough: freshness.dataThrough === null ? null : dayKey(freshness.dataThrough),
      topUpError,
    };
  }

  return {
    async ready(window, signal, purpose) {
      const last = await warehouse.lastSuccessfulSync();
      if (covers(last, window)) return readiness(null, null);
      const failure = lastFailure;
      // Only while something is stored to answer with: with nothing, every question is worth a try, and
      // a closed-period report cannot use older rows anyway.
      const recentFailure =
        purpose === 'question' &&
        last !== null &&
        failure !== null &&
        clock.now().getTime() - failure.at < deps.retryAfterMs;
      const result: TopUp =
        recentFailure && failure !== null
          ? { outcome: 'failed', run: failure.run }
          : await topUp(window, signal);
      if (result.outcome === 'ok') return readiness('loaded history first', null);
      if (last === null) throw topUpFailure(result.run);
      const prefix =
        result.run.errorCode === 'sync_locked' ? 'history still loading' : 'Codex API unavailable';
      return readiness(prefix, topUpFailure(result.run));
    },

    async *usagePages(window, signal): AsyncIterable<readonly UsageRow[]> {
      for (let start = window.start; start < window.end; start += READ_DAYS * DAY_SECONDS) {
        if (signal.aborted) throw abortError(signal);
        const end = Math.min(window.end, start + READ_DAYS * DAY_SECONDS);
        yield await warehouse.userUsageRows({ start, end });
      }
    },
    async historyStart() {
      const freshness = await warehouse.freshness();
      if (freshness.historyStart !== null) return freshness.historyStart;
      // Nothing stored yet: the first question's top-up backfills the API's lookback, so that is where
      // history will start (the command then asks, and the top-up says "loaded history first").
      return freshness.lastSyncAt === null ? earliestStartSeconds(clock.now()) : null;
    },
    codeReviews: (window) => warehouse.codeReviewRows(window),
    codeReviewResponses: (window) => warehouse.codeReviewResponseRows(window),
  };
}

/**
 * The top-up's failure as an error (raised when nothing is stored to answer from, or a digest's period is
 * not): its own code when it has one of our codes (a wrong API key reads
 * "ask your admin to check CODEX_API_KEY", an outage "try again in a few minutes"), else
 * `history_unavailable` (another replica is still loading, or the sync was stopped).
 */
function topUpFailure(run: SyncRun): CodexPulseError {
  const message = run.error ?? 'The first sync of the usage warehouse failed.';
  const code = run.errorCode ?? undefined;
  if (isOneOf(code, errorCodes)) return new CodexPulseError(code, message);
  return new CodexPulseError(
    'history_unavailable',
    run.errorCode === 'sync_locked'
      ? 'Codex Pulse is still loading usage history from the Codex Analytics API. Try again in a few minutes.'
      : 'Codex Pulse has no usage history yet: loading it from the Codex Analytics API did not finish. Try again in a few minutes.',
  );
}

/** `work`, or the signal's reason as soon as it aborts (the work runs on). */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
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
