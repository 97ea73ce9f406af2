import type { Clock } from '../clock.js';
import type { CodexClient } from '../codex/codex-client.js';
import type { Logger } from '../logger.js';
import type { SyncMetrics } from '../metrics/create-metrics.js';
import type { SyncRun, Warehouse } from '../warehouse/warehouse.js';
import { runSync, runSyncIfDue, type ScheduledSync, type SyncProgress } from './run-sync.js';
import type { SyncHistory } from './sync-due.js';

interface RunOptions {
  onProgress: (progress: SyncProgress) => void;
  signal?: AbortSignal;
}

/** A sync job bound to its Codex client: what `codex-pulse sync` runs once and `serve` on a schedule. */
export interface SyncJob {
  /** One sync now (the CLI): a run is always recorded, `skipped` when another sync holds the lock. */
  run(options: RunOptions): Promise<SyncRun>;
  /** One sync if `isDue` says so, decided under the lock (the scheduler); see runSyncIfDue. */
  runIfDue(options: RunOptions & { isDue: (history: SyncHistory) => boolean }): Promise<ScheduledSync>;
}

export interface SyncJobDeps {
  /** The job's own client (built in src/main/open-sync.ts with request-counting metrics). */
  client: CodexClient;
  /** HTTP attempts the client has made so far (count-requests.ts): a run records the difference. */
  requests: () => number;
  warehouse: Warehouse;
  /** Complete days before the running day an incremental run re-pulls (WarehouseConfig.syncTrailingDays). */
  trailingDays: number;
  clock: Clock;
  logger: Logger;
  /** Every recorded run is counted here (GET /metrics inside `serve`). */
  metrics: SyncMetrics;
}

/** Binds runSync to its collaborators and counts every run it records. */
export function createSyncJob(deps: SyncJobDeps): SyncJob {
  const syncDeps = (onProgress: RunOptions['onProgress']) => ({
    client: deps.client,
    warehouse: deps.warehouse,
    clock: deps.clock,
    logger: deps.logger,
    requests: deps.requests,
    trailingDays: deps.trailingDays,
    onProgress,
  });
  const counted = (run: SyncRun): SyncRun => {
    const finished = run.finishedAt ?? run.startedAt;
    deps.metrics.syncFinished({
      kind: run.kind,
      outcome: run.outcome === 'ok' ? 'ok' : (run.errorCode ?? run.outcome),
      seconds: (finished.getTime() - run.startedAt.getTime()) / 1000,
      rows: run.rows,
      requests: run.requests,
    });
    if (run.outcome === 'ok') deps.metrics.syncLastSuccess(finished);
    return run;
  };
  return {
    run: async ({ onProgress, signal }) =>
      counted(await runSync(syncDeps(onProgress), signal === undefined ? {} : { signal })),
    async runIfDue({ onProgress, signal, isDue }) {
      const result = await runSyncIfDue(syncDeps(onProgress), {
        isDue,
        ...(signal === undefined ? {} : { signal }),
      });
      if (result.status === 'ran') counted(result.run);
      // The newest success by any replica, so the gauge is the warehouse's age, not this process's.
      else if (result.status === 'not_due' && result.lastSuccess?.finishedAt)
        deps.metrics.syncLastSuccess(result.lastSuccess.finishedAt);
      return result;
    },
  };
}
