/**
 * The warehouse sync inside `serve` (issue 11, part 1: "the same job inside serve on a schedule, default
 * every 6 h; one replica at a time through the store's lock"). Like the digest scheduler, node-cron only
 * says *when to look* (every minute); whether a sync is due is decided from the warehouse's run history
 * and the injected clock (sync-due.ts), under the sync lock, so replicas sharing a PostgreSQL warehouse
 * sync once per interval between them and a restarted process picks up where the schedule stands. The
 * first look happens at start: an empty or stale warehouse is synced at once.
 */
import type { Clock } from '../clock.js';
import { startCronTicks } from '../cron-ticks.js';
import { errorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { SyncRun } from '../warehouse/warehouse.js';
import type { SyncJob } from './create-sync-job.js';
import type { ScheduledSync, SyncProgress } from './run-sync.js';
import { isSyncDue, SYNC_RETRY_MS } from './sync-due.js';
import type { SyncStatus, SyncStatusSource } from './sync-status.js';

/** What one tick did; `failed` when it could not even look (the warehouse unreachable). */
export type SyncTick = ScheduledSync | { status: 'failed' } | { status: 'stopped' };

export interface SyncScheduler extends SyncStatusSource {
  /** One look: sync if due at the clock's now. What the cron calls; tests call it directly. */
  tick(): Promise<SyncTick>;
  /**
   * Stops the cron and aborts a sync in progress, which records itself as aborted (`sync_aborted`) and
   * keeps the whole days it wrote; waits for it. Idempotent.
   */
  stop(): Promise<void>;
}

export interface SyncSchedulerOptions {
  job: SyncJob;
  clock: Clock;
  logger: Logger;
  /** SYNC_INTERVAL_HOURS. */
  intervalHours: number;
  /** Test seam: no cron and no look at start, only `tick()`. */
  manual?: boolean;
}

const HOUR_MS = 3_600_000;

export function startSyncScheduler(options: SyncSchedulerOptions): SyncScheduler {
  const { job, clock, logger } = options;
  const policy = { intervalMs: options.intervalHours * HOUR_MS, retryMs: SYNC_RETRY_MS };
  // What the Slack edge reads: this process's run in progress, or another replica's holding the lock.
  let progress: SyncProgress | null = null;
  let elsewhere: SyncStatus['kind'] = null;
  let lastRun: SyncRun | null = null;

  const look = async (signal: AbortSignal): Promise<SyncTick> => {
    try {
      const result = await job.runIfDue({
        isDue: (history) => isSyncDue(history, clock.now(), policy),
        onProgress: (next) => {
          progress = next;
        },
        signal,
      });
      elsewhere = result.status === 'locked' ? result.kind : null;
      if (result.status === 'ran') lastRun = result.run;
      if (result.status === 'locked') logger.debug('sync: another sync holds the lock');
      return result;
    } catch (error) {
      // Not even the history could be read (warehouse down): log for the operator, look again next minute.
      logger.error('sync tick failed', { code: errorCode(error) }, error);
      return { status: 'failed' };
    } finally {
      progress = null;
    }
  };
  const manual = options.manual ?? false;
  const ticks = startCronTicks<SyncTick>({
    name: 'codex-pulse-sync',
    expression: '* * * * *',
    logger,
    manual,
    stoppedValue: { status: 'stopped' },
    look,
  });
  // The first look now, not at the next minute: an empty or stale warehouse starts loading at once.
  if (!manual) void ticks.tick();

  return {
    tick: ticks.tick,
    syncStatus: () => ({
      running: progress !== null || elsewhere !== null,
      kind: progress?.kind ?? elsewhere,
      fraction: progress?.fraction ?? null,
      lastRun,
    }),
    stop: () => ticks.stop('sync scheduler stopping'),
  };
}
