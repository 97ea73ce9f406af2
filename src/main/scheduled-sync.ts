/**
 * The warehouse sync inside `serve` (issue 11): the scheduler runs over the composition's own warehouse and
 * job, so scheduled runs and the answers' top-ups are one run at a time, counted on one set of metrics.
 */
import type { Config } from '../config/env.js';
import { type SyncScheduler, startSyncScheduler } from '../sync/sync-scheduler.js';
import type { Composition } from './compose.js';

/** The warehouse sync inside `serve` (issue 11): the scheduler over the composition's warehouse. */
export interface ScheduledSyncRuntime {
  scheduler: SyncScheduler;
  /** Stops the scheduler (aborting a run in progress, recorded as such); the composition closes the warehouse. */
  close(): Promise<void>;
}

/**
 * Starts the sync scheduler over a composition's warehouse and job (the same ones its answers read and
 * top up through): every SYNC_INTERVAL_HOURS, one replica at a time, and at once when the warehouse is
 * empty or stale. Counts on the composition's metrics.
 */
export function startScheduledSync(c: Composition, config: Pick<Config, 'warehouse'>): ScheduledSyncRuntime {
  const scheduler = startSyncScheduler({
    job: c.sync.job,
    clock: c.clock,
    logger: c.logger,
    intervalHours: config.warehouse.syncIntervalHours,
  });
  return { scheduler, close: () => scheduler.stop() };
}
