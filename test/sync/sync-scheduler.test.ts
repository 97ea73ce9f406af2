/**
 * The sync scheduler inside `serve` (issue 11, part 1) with a manual clock, over the real simulator and
 * real warehouses: a sync at start when the warehouse is empty, then one per interval; after a failure a
 * retry only after the retry delay; stop() aborts a run in progress and records it as aborted; and two
 * replicas on one PostgreSQL warehouse sync once per interval between them. Metrics are read back from
 * the registry's Prometheus text, as /metrics serves it.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.js';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/start-simulator.js';
import { createLogger, type Logger } from '../../src/logger.js';
import type { Metrics } from '../../src/metrics/create-metrics.js';
import { countRequests } from '../../src/sync/count-requests.js';
import { createSyncJob, type SyncJob } from '../../src/sync/create-sync-job.js';
import { SYNC_RETRY_MS } from '../../src/sync/sync-due.js';
import { type SyncScheduler, type SyncTick, startSyncScheduler } from '../../src/sync/sync-scheduler.js';
import { describeSyncStatus, type SyncStatus } from '../../src/sync/sync-status.js';
import type { SyncRun, Warehouse } from '../../src/warehouse/warehouse.js';
import { closedPort, makeClient, NOW } from '../codex/helpers.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { testMetrics } from '../helpers/test-metrics.js';
import { duckdbBackend, postgresBackend } from '../warehouse/warehouse-backends.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

const clock = createManualClock(NOW);
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ users: 20, seed: 'sync-scheduler', now: () => clock.now() });
});
afterAll(() => sim.close());

/** A job over `warehouse` with its own client (maxRetries 1: a down API fails fast), like openSync builds. */
function jobFor(
  warehouse: Warehouse,
  options: { metrics?: Metrics; logger?: Logger; baseUrl?: string } = {},
): { job: SyncJob; metrics: Metrics; close(): Promise<void> } {
  const metrics = options.metrics ?? testMetrics();
  const logger = options.logger ?? createMemoryLogger();
  const counted = countRequests(metrics);
  const { client } = makeClient(
    { baseUrl: options.baseUrl ?? sim.baseUrl, apiKey: sim.apiKey, workspaceId: sim.workspaceId },
    { clock, logger, metrics: counted, maxRetries: 1 },
  );
  const job = createSyncJob({
    client,
    requests: counted.requests,
    warehouse,
    trailingDays: 5,
    clock,
    logger,
    metrics,
  });
  return { job, metrics, close: () => client.close() };
}

const schedulerFor = (job: SyncJob, logger: Logger = createMemoryLogger()) =>
  startSyncScheduler({ job, clock, logger, intervalHours: 6, manual: true });

function ran(tick: SyncTick): SyncRun {
  if (tick.status !== 'ran') throw new Error(`expected a run, got ${tick.status}`);
  return tick.run;
}

/** One series' value from the Prometheus text, or undefined when absent. */
async function series(metrics: Metrics, line: string): Promise<number | undefined> {
  const text = await metrics.registry.metrics();
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

describe('sync scheduler on the embedded warehouse', () => {
  const backend = duckdbBackend();
  let warehouse: Warehouse;
  const closers: Array<() => Promise<void>> = [];
  beforeEach(async () => {
    clock.set(NOW);
    await backend.setUp();
    warehouse = await backend.open({ clock });
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await warehouse.close();
    await backend.tearDown();
  });
  const started = (job: { job: SyncJob; close(): Promise<void> }, logger?: Logger): SyncScheduler => {
    const scheduler = schedulerFor(job.job, logger);
    closers.push(job.close, () => scheduler.stop());
    return scheduler;
  };

  it('backfills an empty warehouse at the first look, then syncs once per interval', async () => {
    const scheduler = started(jobFor(warehouse));
    expect(scheduler.syncStatus()).toEqual({ running: false, kind: null, fraction: null, lastRun: null });
    const first = scheduler.tick();
    // A look while one is running joins it instead of starting a second sync.
    expect(scheduler.tick()).toBe(first);
    const backfill = ran(await first);
    expect(backfill).toMatchObject({ kind: 'backfill', outcome: 'ok' });
    expect(scheduler.syncStatus()).toEqual({
      running: false,
      kind: null,
      fraction: null,
      lastRun: backfill,
    });

    expect(await scheduler.tick()).toEqual({ status: 'not_due', lastSuccess: backfill });
    clock.set(new Date(backfill.startedAt.getTime() + 6 * HOUR - MINUTE));
    expect((await scheduler.tick()).status).toBe('not_due');
    clock.advance(MINUTE);
    expect(ran(await scheduler.tick())).toMatchObject({ kind: 'incremental', outcome: 'ok' });
    expect((await scheduler.tick()).status).toBe('not_due');

    // A restarted process over the same warehouse: fresh, so nothing at start; stale after the interval.
    const restarted = started(jobFor(warehouse));
    expect((await restarted.tick()).status).toBe('not_due');
    clock.advance(6 * HOUR);
    expect(ran(await restarted.tick())).toMatchObject({ kind: 'incremental', outcome: 'ok' });
    expect((await warehouse.syncRuns(10)).map((run) => run.kind)).toEqual([
      'incremental',
      'incremental',
      'backfill',
    ]);
  });

  it('counts a failed sync (simulator stopped) and a successful one (running) on /metrics', async () => {
    // The simulator's port, stopped: nothing listens there until a simulator is started on it.
    const port = await closedPort();
    const logger = createMemoryLogger();
    const job = jobFor(warehouse, { baseUrl: `http://127.0.0.1:${port}/v1/analytics/codex`, logger });
    const { metrics } = job;
    const scheduler = started(job, logger);

    const failed = ran(await scheduler.tick());
    expect(failed).toMatchObject({ kind: 'backfill', outcome: 'failed', errorCode: 'codex_unreachable' });
    const runs = 'codex_pulse_sync_runs_total';
    expect(await series(metrics, `${runs}{kind="backfill",outcome="codex_unreachable"}`)).toBe(1);
    expect(await series(metrics, `${runs}{kind="backfill",outcome="ok"}`)).toBeUndefined();
    // 0 before the first success: an alert on its age fires from the start.
    expect(await series(metrics, 'codex_pulse_sync_last_success_timestamp_seconds')).toBe(0);
    expect(await series(metrics, 'codex_pulse_sync_requests_total{kind="backfill"}')).toBe(failed.requests);
    // The operator's log line carries the code; nobody in Slack hears of it.
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: 'sync: failed', code: 'codex_unreachable' }),
    );

    // The API is likely still down: no retry before the retry delay.
    clock.advance(MINUTE);
    expect((await scheduler.tick()).status).toBe('not_due');

    const running = await startSimulator({
      users: 20,
      seed: 'sync-scheduler',
      now: () => clock.now(),
      port,
    });
    closers.push(() => running.close());
    clock.set(new Date(failed.startedAt.getTime() + SYNC_RETRY_MS));
    const ok = ran(await scheduler.tick());
    expect(ok).toMatchObject({ kind: 'backfill', outcome: 'ok' });
    expect(await series(metrics, `${runs}{kind="backfill",outcome="ok"}`)).toBe(1);
    expect(await series(metrics, `${runs}{kind="backfill",outcome="codex_unreachable"}`)).toBe(1);
    expect(await series(metrics, 'codex_pulse_sync_rows_total{kind="backfill"}')).toBe(ok.rows);
    expect(await series(metrics, 'codex_pulse_sync_requests_total{kind="backfill"}')).toBe(
      failed.requests + ok.requests,
    );
    expect(await series(metrics, 'codex_pulse_sync_duration_seconds_count{kind="backfill"}')).toBe(2);
    expect(await series(metrics, 'codex_pulse_sync_last_success_timestamp_seconds')).toBe(
      (ok.finishedAt?.getTime() ?? 0) / 1000,
    );
    // The job's requests are counted on the same registry as the app's Codex requests.
    expect(
      await series(metrics, 'codex_pulse_codex_api_requests_total{endpoint="code_reviews",status="200"}'),
    ).toBe(1);
  });

  it('stop() aborts a backfill in progress, which is recorded as aborted; the next start resumes at once', async () => {
    let scheduler: SyncScheduler | undefined;
    let usageRequests = 0;
    let during: SyncStatus | undefined;
    let stopping: Promise<void> | undefined;
    // The scheduler is stopped (SIGTERM) while the per-user days are arriving.
    const logger = createLogger({
      level: 'debug',
      write: (line) => {
        const fields = JSON.parse(line) as { msg?: string; endpoint?: string };
        if (fields.msg !== 'codex request' || fields.endpoint !== 'usage') return;
        usageRequests++;
        if (usageRequests === 20 && scheduler) {
          during = scheduler.syncStatus();
          stopping = scheduler.stop();
        }
      },
    });
    const job = jobFor(warehouse, { logger });
    scheduler = started(job, logger);
    const aborted = ran(await scheduler.tick());
    await stopping;
    expect(during).toMatchObject({ running: true, kind: 'backfill' });
    expect(during?.fraction).toBeGreaterThan(0);
    expect(during?.fraction).toBeLessThan(1);
    expect(describeSyncStatus(during as SyncStatus)).toMatch(/^loading history: \d+%$/);

    expect(aborted).toMatchObject({ kind: 'backfill', outcome: 'failed', errorCode: 'sync_aborted' });
    expect((await warehouse.syncRuns(1))[0]).toEqual(aborted);
    expect(scheduler.syncStatus()).toMatchObject({ running: false, fraction: null, lastRun: aborted });
    expect(await scheduler.tick()).toEqual({ status: 'stopped' });
    expect(
      await series(job.metrics, 'codex_pulse_sync_runs_total{kind="backfill",outcome="sync_aborted"}'),
    ).toBe(1);

    // A stop is no API failure: the next process backfills at once, without the retry delay.
    const next = started(jobFor(warehouse));
    expect(ran(await next.tick())).toMatchObject({ kind: 'backfill', outcome: 'ok' });
  });
});

const postgres = postgresBackend();
describe.skipIf(!postgres.available)('two schedulers on one PostgreSQL warehouse', () => {
  let a: Warehouse;
  let b: Warehouse;
  beforeEach(async () => {
    clock.set(NOW);
    await postgres.setUp();
    [a, b] = await Promise.all([postgres.open({ clock }), postgres.open({ clock })]);
  });
  afterEach(async () => {
    await Promise.all([a.close(), b.close()]);
    await postgres.tearDown();
  });

  it('sync once per interval between them, never twice in one slot', async () => {
    const jobs = [jobFor(a), jobFor(b)];
    const [first, second] = jobs.map(({ job }) => schedulerFor(job)) as [SyncScheduler, SyncScheduler];
    try {
      const both = async () => (await Promise.all([first.tick(), second.tick()])).map((t) => t.status);
      // Both look at once: one syncs, the other finds the lock taken or the sync already done.
      let slot = await both();
      expect(slot.filter((status) => status === 'ran')).toHaveLength(1);
      expect(slot.filter((status) => status === 'locked' || status === 'not_due')).toHaveLength(1);
      expect((await both()).filter((status) => status === 'ran')).toHaveLength(0);

      clock.advance(6 * HOUR);
      slot = await both();
      expect(slot.filter((status) => status === 'ran')).toHaveLength(1);
      expect((await both()).filter((status) => status === 'ran')).toHaveLength(0);

      // Two runs in all, none recorded as skipped: finding the lock taken is not a run.
      const runs = await a.syncRuns(10);
      expect(runs.map((run) => [run.kind, run.outcome])).toEqual([
        ['incremental', 'ok'],
        ['backfill', 'ok'],
      ]);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
      await Promise.all(jobs.map((job) => job.close()));
    }
  });
});
