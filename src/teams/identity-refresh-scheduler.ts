/**
 * The daily identity refresh inside `serve` (issue 12, part 1: "refreshed daily into the warehouse").
 * Like the sync scheduler (src/sync/sync-scheduler.ts), node-cron only says *when to look* (every ten
 * minutes, and once at start); whether a refresh is due is decided from the warehouse's shared refresh
 * history and the injected clock (isRefreshDue), so a restarted process or another replica picks up where
 * the schedule stands. Two replicas that look in the same minute may both refresh: the refresh replaces
 * the snapshot whole in one transaction, so the second run only repeats the first.
 */

import type { Clock } from '../clock.js';
import { startCronTicks } from '../cron-ticks.js';
import { errorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { TeamRefresh, WarehouseTeams } from '../warehouse/warehouse-teams.js';
import type { IdentityRefreshJob } from './create-identity-refresh-job.js';

const HOUR_MS = 3_600_000;
/** A refresh that went well is repeated after this long. */
export const REFRESH_INTERVAL_MS = 24 * HOUR_MS;
/**
 * A failed refresh, or one that found no Codex users yet (the warehouse's first sync was still loading),
 * is tried again after this long rather than a day later.
 */
export const REFRESH_RETRY_MS = HOUR_MS;

/** Due when there is no refresh yet, the last good one is a day old, or the last one needs a retry. */
export function isRefreshDue(last: TeamRefresh | null, now: Date): boolean {
  if (last === null) return true;
  const age = now.getTime() - last.finishedAt.getTime();
  const retry = last.status === 'failed' || last.codexUsers === 0;
  return age >= (retry ? REFRESH_RETRY_MS : REFRESH_INTERVAL_MS);
}

export type RefreshTick =
  | { status: 'ran'; refresh: TeamRefresh }
  | { status: 'not_due' }
  | { status: 'failed' }
  | { status: 'stopped' };

export interface IdentityRefreshScheduler {
  /** One look: refresh if due at the clock's now. What the cron calls; tests call it directly. */
  tick(): Promise<RefreshTick>;
  /** Stops the cron and aborts a refresh in progress (recorded as failed); waits for it. Idempotent. */
  stop(): Promise<void>;
}

export interface IdentityRefreshSchedulerOptions {
  job: IdentityRefreshJob;
  /** Where the refresh history is read (shared by replicas on PostgreSQL). */
  history: Pick<WarehouseTeams, 'lastRefresh'>;
  clock: Clock;
  logger: Logger;
  /** Test seam: no cron and no look at start, only `tick()`. */
  manual?: boolean;
}

export function startIdentityRefreshScheduler(
  options: IdentityRefreshSchedulerOptions,
): IdentityRefreshScheduler {
  const { job, history, clock, logger } = options;
  const manual = options.manual ?? false;

  const look = async (signal: AbortSignal): Promise<RefreshTick> => {
    try {
      if (!isRefreshDue(await history.lastRefresh(), clock.now())) return { status: 'not_due' };
      return { status: 'ran', refresh: await job.run(signal) };
    } catch (error) {
      // The refresh logged and recorded its own failure; a warehouse that could not be read is logged here.
      logger.warn('teams: identity refresh tick failed', { code: errorCode(error) });
      return { status: 'failed' };
    }
  };
  const ticks = startCronTicks<RefreshTick>({
    name: 'codex-pulse-identity-refresh',
    expression: '*/10 * * * *',
    logger,
    manual,
    stoppedValue: { status: 'stopped' },
    look,
  });
  if (!manual) void ticks.tick();
  return { tick: ticks.tick, stop: () => ticks.stop('identity refresh scheduler stopping') };
}
