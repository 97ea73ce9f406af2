/**
 * Wiring for sync tests: the real simulator on 127.0.0.1 and real Codex clients sharing one manual clock
 * (the simulator's "now" moves with it), a warehouse on either engine, and a direct pull to compare with.
 */
import { createManualClock } from '../../src/clock.js';
import { userIdOf } from '../../src/codex/row-identity.js';
import type { UsageRow } from '../../src/codex/schemas.js';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/start-simulator.js';
import type { TimeWindow } from '../../src/domain/utc-days.js';
import type { Logger } from '../../src/logger.js';
import { countRequests } from '../../src/sync/count-requests.js';
import { runSync, type SyncProgress } from '../../src/sync/run-sync.js';
import type { SyncRun, Warehouse } from '../../src/warehouse/warehouse.js';
import { closedPort, makeClient, NOW } from '../codex/helpers.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { testMetrics } from '../helpers/test-metrics.js';

export { DAY, NOW, TODAY } from '../codex/helpers.js';

export interface SyncHarness {
  sim: RunningSimulator;
  clock: ReturnType<typeof createManualClock>;
  /** Progress reports of every sync run through `sync`, in order. */
  progress: SyncProgress[];
  /** One sync of `warehouse` over a fresh client at the harness clock; `baseUrl` overrides the simulator. */
  sync(
    warehouse: Warehouse,
    options?: { baseUrl?: string; trailingDays?: number; signal?: AbortSignal; logger?: Logger },
  ): Promise<SyncRun>;
  /** A sync against a port nothing listens on: the API is down. */
  syncWhileDown(warehouse: Warehouse): Promise<SyncRun>;
  /** Per-user rows of `window` pulled straight from the simulator, sorted like sortRows. */
  pullUsers(window: TimeWindow): Promise<UsageRow[]>;
  /** Simulator requests so far. */
  requests(): { total: number; usage: number };
  close(): Promise<void>;
}

/** (bucket, user) order in JS, so both engines' collations compare the same. */
export function sortRows(rows: readonly UsageRow[]): UsageRow[] {
  return [...rows].sort(
    (a, b) => a.start_time - b.start_time || String(userIdOf(a)).localeCompare(String(userIdOf(b)), 'en'),
  );
}

export async function startSyncHarness(options: { users: number; seed: string }): Promise<SyncHarness> {
  const clock = createManualClock(NOW);
  const sim = await startSimulator({ users: options.users, seed: options.seed, now: () => clock.now() });
  const progress: SyncProgress[] = [];
  const clientFor = (baseUrl: string, maxRetries: number) => {
    const metrics = countRequests(testMetrics());
    const { client } = makeClient(
      { baseUrl, apiKey: sim.apiKey, workspaceId: sim.workspaceId },
      { clock, metrics, maxRetries },
    );
    return { client, metrics };
  };
  const sync = async (
    warehouse: Warehouse,
    opts: { baseUrl?: string; trailingDays?: number; signal?: AbortSignal; logger?: Logger } = {},
  ) => {
    const { client, metrics } = clientFor(opts.baseUrl ?? sim.baseUrl, opts.baseUrl ? 1 : 4);
    try {
      const deps = {
        client,
        warehouse,
        clock,
        logger: opts.logger ?? createMemoryLogger(),
        requests: metrics.requests,
        trailingDays: opts.trailingDays ?? 5,
        onProgress: (p: SyncProgress) => progress.push(p),
      };
      return await runSync(deps, opts.signal ? { signal: opts.signal } : {});
    } finally {
      await client.close();
    }
  };
  return {
    sim,
    clock,
    progress,
    sync,
    syncWhileDown: async (warehouse) =>
      sync(warehouse, { baseUrl: `http://127.0.0.1:${await closedPort()}/v1/analytics/codex` }),
    pullUsers: async (window) => {
      const { client } = clientFor(sim.baseUrl, 4);
      try {
        return sortRows(await client.fetchAll('usage', { startTime: window.start, endTime: window.end }));
      } finally {
        await client.close();
      }
    },
    requests: () => {
      const stats = sim.stats();
      return { total: stats.requests, usage: stats.byEndpoint.usage ?? 0 };
    },
    close: () => sim.close(),
  };
}
