/**
 * Warehouse-backed analytics for tests, wired as src/main/compose.ts wires them (warehouseWindowRows over a
 * shared sync job), on a warehouse of either engine (test/warehouse/warehouse-backends.ts) and the real
 * simulator. The Codex client behind the sync job points at `baseUrl`, so a test can take the API away.
 */
import { createWorkspaceAnalytics } from '../../src/analytics/create-workspace-analytics.js';
import { warehouseWindowRows } from '../../src/analytics/warehouse-window-rows.js';
import type { WorkspaceAnalytics } from '../../src/analytics/workspace-analytics.js';
import type { Clock } from '../../src/clock.js';
import { countRequests } from '../../src/sync/count-requests.js';
import { createSyncJob, type SyncJob } from '../../src/sync/create-sync-job.js';
import { shareSyncRuns } from '../../src/sync/share-sync-runs.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { makeClient } from '../codex/helpers.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { testMetrics } from '../helpers/test-metrics.js';
import { surfaceOf } from './analytics-harness.js';

/** How long answers keep to the stored rows after a failed top-up (src/main/compose.ts uses 5 minutes too). */
export const RETRY_AFTER_MS = 5 * 60_000;

export interface WarehouseAnalytics {
  analytics: WorkspaceAnalytics;
  job: SyncJob;
  logger: ReturnType<typeof createMemoryLogger>;
  close(): Promise<void>;
}

export function warehouseAnalyticsFor(
  target: { baseUrl: string; apiKey: string; workspaceId: string },
  deps: { warehouse: Warehouse; clock: Clock },
): WarehouseAnalytics {
  const logger = createMemoryLogger('debug');
  const registry = testMetrics();
  const metrics = countRequests(registry);
  const { client } = makeClient(target, { clock: deps.clock, metrics, maxRetries: 1, logger });
  const job = shareSyncRuns(
    createSyncJob({
      client,
      requests: metrics.requests,
      warehouse: deps.warehouse,
      trailingDays: 5,
      clock: deps.clock,
      logger,
      metrics: registry,
    }),
  );
  const stop = new AbortController();
  const analytics = createWorkspaceAnalytics({
    rows: warehouseWindowRows({
      warehouse: deps.warehouse,
      sync: job,
      clock: deps.clock,
      logger,
      retryAfterMs: RETRY_AFTER_MS,
      stopSignal: stop.signal,
    }),
    clock: deps.clock,
    logger,
    surfaceOf,
    cacheTtlMs: 60_000,
    workspaceId: target.workspaceId,
    userFigures: deps.warehouse.userFigures,
    figures: deps.warehouse,
  });
  return {
    analytics,
    job,
    logger,
    async close() {
      stop.abort();
      await job.settled();
      await client.close();
    },
  };
}
