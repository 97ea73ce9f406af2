/**
 * Which days a sync pulls (issue 11, part 1). Pure: the clock's now and the last successful run in,
 * a window out.
 *
 * - No successful run yet: a **backfill** of the API's whole lookback (90 days) up to the running day.
 * - Otherwise an **incremental** run: the days that may still have changed since the last successful
 *   run, i.e. from `trailingDays` days before that run's running day, through today's running day.
 *   With the default 5 that is exactly the days src/figures/freshness.ts calls provisional; after a
 *   gap (the bot was down a week) it reaches back over the whole gap. Older days are never pulled again.
 * - Never earlier than the lookback allows: days that fell out of it while nothing synced are lost.
 */
import { earliestStartSeconds } from '../codex/validate-window.js';
import type { TimeWindow } from '../domain/utc-days.js';
import { DAY_SECONDS, startOfUtcDay, toUnixSeconds } from '../domain/utc-days.js';
import type { SyncKind } from '../warehouse/warehouse.js';

export interface SyncPlan {
  kind: SyncKind;
  /** Whole UTC days, end exclusive; the last one is the running day. */
  window: TimeWindow;
}

export function planSync(options: {
  now: Date;
  /** The window of the newest successful run, or null before the first. */
  lastSuccess: TimeWindow | null;
  /** Complete days before the running day an incremental run re-pulls (≥ 0). */
  trailingDays: number;
}): SyncPlan {
  const today = startOfUtcDay(toUnixSeconds(options.now));
  const earliest = earliestStartSeconds(options.now);
  const end = today + DAY_SECONDS;
  if (options.lastSuccess === null) return { kind: 'backfill', window: { start: earliest, end } };
  // The last run's running day: its window ends the day after.
  const lastRunningDay = Math.min(today, options.lastSuccess.end - DAY_SECONDS);
  const start = Math.max(earliest, lastRunningDay - options.trailingDays * DAY_SECONDS);
  return { kind: 'incremental', window: { start, end } };
}
