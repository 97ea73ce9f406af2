import type { Clock } from '../clock.js';
import type { CodexClient } from '../codex/codex-client.js';
import type { Logger } from '../logger.js';
import type { SyncRun, Warehouse } from '../warehouse/warehouse.js';
import { runSync, type SyncProgress } from './run-sync.js';

/** A sync job bound to its Codex client: what `codex-pulse sync` runs once and `serve` on a schedule. */
export interface SyncJob {
  run(options: { onProgress: (progress: SyncProgress) => void; signal?: AbortSignal }): Promise<SyncRun>;
}

export interface SyncJobDeps {
  /** The job's own client (built in src/main.ts with request-counting metrics). */
  client: CodexClient;
  /** HTTP attempts the client has made so far (count-requests.ts): a run records the difference. */
  requests: () => number;
  warehouse: Warehouse;
  /** Complete days before the running day an incremental run re-pulls (WarehouseConfig.syncTrailingDays). */
  trailingDays: number;
  clock: Clock;
  logger: Logger;
}

/** Binds runSync to its collaborators. */
export function createSyncJob(deps: SyncJobDeps): SyncJob {
  return {
    run: ({ onProgress, signal }) =>
      runSync(
        {
          client: deps.client,
          warehouse: deps.warehouse,
          clock: deps.clock,
          logger: deps.logger,
          requests: deps.requests,
          trailingDays: deps.trailingDays,
          onProgress,
        },
        signal === undefined ? {} : { signal },
      ),
  };
}
