/**
 * The usage warehouse and its sync job (issue 11): what `codex-pulse sync` runs, and what every answering
 * process opens beneath its composition. The job's Codex client is built here because it is the only one
 * in the process: answers read the warehouse, and top up through this same job.
 */
import { type CodexClient, createCodexClient } from '../codex/codex-client.js';
import type { CodexConfig, Config } from '../config/env.js';
import type { CodexMetrics, Metrics } from '../metrics/create-metrics.js';
import { countRequests } from '../sync/count-requests.js';
import { createSyncJob, type SyncJob } from '../sync/create-sync-job.js';
import { shareSyncRuns } from '../sync/share-sync-runs.js';
import { openWarehouse } from '../warehouse/open-warehouse.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { ComposeBase } from './compose-base.js';

/** The Codex client from its config section: the sync job's, the only one that talks to the API. */
function createClient(codex: CodexConfig, base: ComposeBase, metrics: CodexMetrics): CodexClient {
  return createCodexClient({
    baseUrl: codex.baseUrl,
    apiKey: codex.apiKey,
    workspaceId: codex.workspaceId,
    clock: base.clock,
    logger: base.logger,
    metrics,
    timeoutMs: codex.timeoutMs,
    maxRetries: codex.maxRetries,
    concurrency: codex.concurrency,
    pageLimit: codex.pageLimit,
    // The built-in simulator (demo credentials) has no request budget to respect.
    requestsPerMinute: codex.demo ? 0 : codex.requestsPerMinute,
    breakerThreshold: codex.breakerThreshold,
    breakerCooldownMs: codex.breakerCooldownMs,
    ...(base.fetchDispatcher ? { dispatcher: base.fetchDispatcher } : {}),
  });
}

/** The usage warehouse and a sync job over it (issue 11): what `codex-pulse sync` runs. */
export interface SyncRuntime {
  warehouse: Warehouse;
  /** One `run` at a time in this process: a run asked for while one is in flight joins it. */
  job: SyncJob;
  /** Aborted by close(): runs started without a caller's own signal (top-ups) pass this one. */
  stopSignal: AbortSignal;
  /**
   * Closes the circuit breaker of the job's client (CodexClient.resetCircuit): the playground calls it
   * when it has restarted its simulator, so the next sync asks the API at once.
   */
  resetCodexCircuit(): void;
  /** Stops and waits for a run in flight, closes the job's client, then the warehouse. */
  close(): Promise<void>;
}

/**
 * Opens the warehouse (DuckDB in DATA_DIR, or PostgreSQL with DATABASE_URL) and builds a sync job with
 * its own client, whose requests are counted on `metrics` (the composition's inside `serve`, a one-shot
 * run's own from standaloneMetrics()) and recorded per run. A long run of requests, so it honours the same
 * per-route budget as the app's client.
 */
export async function openSync(
  config: Pick<Config, 'codex' | 'warehouse'>,
  base: ComposeBase,
  metrics: Metrics,
): Promise<SyncRuntime> {
  const warehouse = await openWarehouse(config.warehouse, { clock: base.clock, logger: base.logger });
  const counted = countRequests(metrics);
  const client = createClient(config.codex, base, counted);
  const job = shareSyncRuns(
    createSyncJob({
      client,
      requests: counted.requests,
      warehouse,
      trailingDays: config.warehouse.syncTrailingDays,
      clock: base.clock,
      logger: base.logger,
      metrics,
    }),
  );
  const stop = new AbortController();
  return {
    warehouse,
    job,
    stopSignal: stop.signal,
    resetCodexCircuit: () => client.resetCircuit(),
    async close() {
      stop.abort();
      await job.settled();
      try {
        await client.close();
      } finally {
        await warehouse.close();
      }
    },
  };
}
