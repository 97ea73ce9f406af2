/**
 * The demo's months of history (issue 11, "Done when": on a fresh clone `npm run demo` syncs months of
 * simulated history). The API only looks back 90 days, so the demo does what a newcomer would do with
 * `simulate --now` and `sync --at`: a backfill as of HISTORY_STEPS_DAYS[0] days ago, with the simulator's
 * clock and the sync's shifted there, then a sync at each later step, each reaching back over its own 90
 * days. The simulator gives a day the same rows whatever its "now", so the runs join into one history.
 */
import type { CliIo } from '../../cli/cli-command.js';
import { resolveCodexSource } from '../../cli/codex-session.js';
import { shiftedClock } from '../../cli/shifted-clock.js';
import { createSyncProgressView } from '../../cli/sync-progress-view.js';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config/env.js';
import { dayKey } from '../../domain/utc-days.js';
import type { Logger } from '../../logger.js';
import { standaloneMetrics } from '../../main/composition-metrics.js';
import { openSync } from '../../main/open-sync.js';
import type { SyncRun } from '../../warehouse/warehouse.js';

/**
 * Days before now that each sync stands at, oldest first: 270 days of history in all (`usage 6m by month`
 * and more). Steps are at most 90 days apart, the API's lookback: a sync 120 days ago and then one now
 * would leave the 30 days between their windows never pulled.
 */
export const HISTORY_STEPS_DAYS = [180, 90, 0] as const;
const DAY_MS = 86_400_000;

export interface DemoHistory {
  runs: SyncRun[];
  /** The synced days: the first run's first day through the last run's running day. */
  first: string;
  last: string;
  rows: number;
  requests: number;
  /** By the process clock, for the person waiting (the runs' own clocks may be shifted). */
  seconds: number;
  /** The run that did not end ok (API fault, Ctrl-C), after which the demo stopped syncing; else null. */
  failed: SyncRun | null;
}

/**
 * Syncs the simulator's history into the warehouse of `config` (the demo's scratch DATA_DIR), as of each
 * of HISTORY_STEPS_DAYS. Progress goes to stderr like `codex-pulse sync`'s. Stops at the
 * first run that does not end ok and says which; the playground still answers from what is there.
 */
export async function syncDemoHistory(
  io: CliIo,
  config: Config,
  options: { users: number; logger: Logger },
): Promise<DemoHistory> {
  const now = io.clock.now();
  const runs: SyncRun[] = [];
  let failed: SyncRun | null = null;
  for (const daysAgo of HISTORY_STEPS_DAYS) {
    const clock =
      daysAgo === 0 ? io.clock : shiftedClock(io.clock, new Date(now.getTime() - daysAgo * DAY_MS));
    const run = await syncAsOf(io, config, { ...options, clock });
    if (run.outcome !== 'ok') {
      failed = run;
      break;
    }
    runs.push(run);
  }
  const [oldest] = runs;
  const newest = runs[runs.length - 1];
  return {
    failed,
    runs,
    first: dayKey(oldest?.window.start ?? 0),
    last: dayKey((newest?.window.end ?? 0) - 1),
    rows: runs.reduce((sum, run) => sum + run.rows, 0),
    requests: runs.reduce((sum, run) => sum + run.requests, 0),
    seconds: (io.clock.now().getTime() - now.getTime()) / 1000,
  };
}

async function syncAsOf(
  io: CliIo,
  config: Config,
  options: { users: number; logger: Logger; clock: Clock },
): Promise<SyncRun> {
  const { logger, clock } = options;
  const source = await resolveCodexSource(io, config, { always: true, users: options.users, logger, clock });
  try {
    const sync = await openSync(source.config, { clock, logger }, standaloneMetrics());
    try {
      const view = createSyncProgressView(io.stderr, io.stderrIsTTY === true);
      const run = await sync.job.run({ onProgress: view.update, signal: io.stopSignal });
      view.finish();
      return run;
    } finally {
      await sync.close();
    }
  } finally {
    await source.close();
  }
}
