import type { Clock } from '../clock.js';
import { createCodexClient } from '../codex/codex-client.js';
import type { CodexConfig } from '../config/env.js';
import type { Logger } from '../logger.js';
import type { CodexMetrics } from '../metrics/create-metrics.js';
import type { SyncRun, Warehouse } from '../warehouse/warehouse.js';
import { countRequests } from './count-requests.js';
import { runSync, type SyncProgress } from './run-sync.js';

/** A sync job bound to its own Codex client: what `codex-pulse sync` runs once and `serve` on a schedule. */
export interface SyncJob {
  run(options: { onProgress: (progress: SyncProgress) => void; signal?: AbortSignal }): Promise<SyncRun>;
  /** Closes the job's client (not the warehouse, which the caller opened). */
  close(): Promise<void>;
}

export interface SyncJobDeps {
  codex: CodexConfig;
  warehouse: Warehouse;
  /** Complete days before the running day an incremental run re-pulls (WarehouseConfig.syncTrailingDays). */
  trailingDays: number;
  clock: Clock;
  logger: Logger;
  /** The app's Codex metrics; the job counts requests on top of them. */
  metrics: CodexMetrics;
}

/**
 * Builds the job's client from the codex config section, with the same settings the app's client uses
 * (a sync is a long run of requests, so it honours the same per-route budget).
 */
export function createSyncJob(deps: SyncJobDeps): SyncJob {
  const { codex } = deps;
  const metrics = countRequests(deps.metrics);
  const client = createCodexClient({
    baseUrl: codex.baseUrl,
    apiKey: codex.apiKey,
    workspaceId: codex.workspaceId,
    clock: deps.clock,
    logger: deps.logger,
    metrics,
    timeoutMs: codex.timeoutMs,
    maxRetries: codex.maxRetries,
    concurrency: codex.concurrency,
    pageLimit: codex.pageLimit,
    // The built-in simulator (demo credentials) has no request budget to respect.
    requestsPerMinute: codex.demo ? 0 : codex.requestsPerMinute,
    breakerThreshold: codex.breakerThreshold,
    breakerCooldownMs: codex.breakerCooldownMs,
  });
  return {
    run: ({ onProgress, signal }) =>
      runSync(
        {
          client,
          warehouse: deps.warehouse,
          clock: deps.clock,
          logger: deps.logger,
          requests: metrics.requests,
          trailingDays: deps.trailingDays,
          onProgress,
        },
        signal === undefined ? {} : { signal },
      ),
    close: () => client.close(),
  };
}
