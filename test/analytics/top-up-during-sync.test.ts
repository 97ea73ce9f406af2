/**
 * A question's top-up while a sync already holds the lock (issue 11, part 2), on both engines, over a
 * slowed simulator and the manual clock: a sync of this same process (the scheduler's backfill) is waited
 * for, and the answer comes from the rows it loaded; only a sync elsewhere (another replica, holding the
 * lock outside this process's job) makes the answer say "history still loading".
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.js';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/start-simulator.js';
import { isCodexPulseError } from '../../src/errors.js';
import type { SyncJob } from '../../src/sync/create-sync-job.js';
import { type SyncScheduler, startSyncScheduler } from '../../src/sync/sync-scheduler.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { backends } from '../warehouse/warehouse-backends.js';
import { DAY, NOW, TODAY } from './analytics-harness.js';
import { type WarehouseAnalytics, warehouseAnalyticsFor } from './warehouse-analytics-harness.js';

const week = { start: TODAY - 7 * DAY, end: TODAY };
const usage = { bucket: 'day', surface: null } as const;

/** `job`, telling `onUsers` once a scheduled sync has reached the per-user days (it is mid-sync then). */
function watched(job: SyncJob, onUsers: () => void): SyncJob {
  return {
    ...job,
    runIfDue: (options) =>
      job.runIfDue({
        ...options,
        onProgress: (progress) => {
          options.onProgress(progress);
          if (progress.phase === 'users') onUsers();
        },
      }),
  };
}

describe.each(backends())('a top-up while a sync holds the lock, on $kind', (backend) => {
  let clock: ReturnType<typeof createManualClock>;
  let sim: RunningSimulator;
  let warehouse: Warehouse;
  let w: WarehouseAnalytics;
  let scheduler: SyncScheduler;
  let midway: Promise<void>;

  beforeEach(async () => {
    if (!backend.available) return;
    clock = createManualClock(NOW);
    // Slowed, so the question surely arrives while the backfill is still pulling per-user days.
    sim = await startSimulator({
      users: 20,
      seed: 'top-up-during-sync',
      now: () => clock.now(),
      faults: { latencyMs: 25 },
    });
    await backend.setUp();
    warehouse = await backend.open({ clock });
    w = warehouseAnalyticsFor(sim, { warehouse, clock });
    let reached: () => void = () => {};
    midway = new Promise<void>((resolve) => {
      reached = resolve;
    });
    scheduler = startSyncScheduler({
      job: watched(w.job, () => reached()),
      clock,
      logger: createMemoryLogger(),
      intervalHours: 6,
      manual: true,
    });
  });
  afterEach(async () => {
    if (!backend.available) return;
    await scheduler.stop();
    await w.close();
    await warehouse.close();
    await backend.tearDown();
    await sim.close();
  });

  it.skipIf(!backend.available)(
    'waits for the scheduled backfill of this process and answers from what it loaded',
    async () => {
      const tick = scheduler.tick();
      await midway;
      // A caller whose deadline passes stops waiting; the backfill runs on.
      const gaveUp = new AbortController();
      const abandoned = w.analytics.usage(week, { ...usage, signal: gaveUp.signal });
      gaveUp.abort(new Error('deadline'));
      await expect(abandoned).rejects.toThrow();

      const answer = await w.analytics.usage(week, usage);
      expect(answer.adoption.activeUsers).toBeGreaterThan(0);
      expect(answer.freshness.stored).toBe(
        'loaded history first · synced just now · data through Sun 22 Nov',
      );
      expect(await tick).toMatchObject({ status: 'ran', run: { kind: 'backfill', outcome: 'ok' } });
      // One sync: the top-ups were not turned away by the lock (no `skipped` run), nor ran a second one.
      expect((await warehouse.syncRuns(10)).map((run) => run.outcome)).toEqual(['ok']);
    },
  );

  it.skipIf(!backend.available)(
    'says "history still loading" when the lock is held outside this process',
    async () => {
      // Nothing stored yet: the friendly history_unavailable error.
      const empty = await warehouse.withSyncLock(() =>
        w.analytics.usage(week, usage).catch((e: unknown) => e),
      );
      expect(empty.acquired && isCodexPulseError(empty.value, 'history_unavailable')).toBe(true);

      expect(await scheduler.tick()).toMatchObject({ status: 'ran', run: { outcome: 'ok' } });
      clock.advance(DAY * 1000);
      const nextWeek = { start: week.start + DAY, end: week.end + DAY };
      const held = await warehouse.withSyncLock(() => w.analytics.usage(nextWeek, usage));
      expect(held.acquired && held.value.freshness.stored).toMatch(/^history still loading · synced /);
      const outcomes = (await warehouse.syncRuns(10)).map((run) => run.outcome);
      expect(outcomes.sort()).toEqual(['ok', 'skipped', 'skipped']);
    },
  );
});
