/**
 * The sync job over the real simulator with a moving clock (issue 11, part 8), on both engines: the
 * first run backfills 90 days, later runs re-pull only the trailing days, re-syncs are idempotent, late
 * rows replace the provisional ones (the running day's, and finished days' inside the late window), and a
 * sync while the API is down is recorded and changes nothing.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSurfaceMapper } from '../../src/codex/surface-mapper.js';
import { earliestStartSeconds } from '../../src/codex/validate-window.js';
import { dayKey } from '../../src/domain/utc-days.js';
import { computeAdoption } from '../../src/figures/adoption.js';
import { computeUsageBreakdown } from '../../src/figures/usage-breakdown.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { backends } from '../warehouse/warehouse-backends.js';
import { DAY, NOW, type SyncHarness, sortRows, startSyncHarness, TODAY } from './sync-harness.js';

const HOUR = 3_600_000;
/** Per-user usage requests of a run: one page per day (the page holds a whole day), plus workspace usage. */
const requestsFor = (days: number) => ({ total: days + 3, usage: days + 1 });

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness({ users: 40, seed: 'warehouse-sync' });
});
afterAll(() => h.close());

describe.each(backends())('sync on $kind', (backend) => {
  let warehouse: Warehouse;

  beforeEach(async () => {
    if (!backend.available) return;
    h.clock.set(NOW);
    h.progress.length = 0;
    await backend.setUp();
    warehouse = await backend.open({ clock: h.clock });
  });
  afterEach(async () => {
    if (!backend.available) return;
    await warehouse.close();
    await backend.tearDown();
  });

  const delta = async (fn: () => Promise<unknown>) => {
    const before = h.requests();
    await fn();
    const after = h.requests();
    return { total: after.total - before.total, usage: after.usage - before.usage };
  };

  it.skipIf(!backend.available)(
    'backfills 90 days, then re-pulls only the trailing days as the clock moves',
    async () => {
      let run = await h.sync(warehouse);
      expect(run).toMatchObject({ kind: 'backfill', outcome: 'ok', errorCode: null, requests: 94 });
      expect(run.window).toEqual({ start: earliestStartSeconds(NOW), end: TODAY + DAY });
      const backfillRows = run.rows;

      // A day later: the 5 days before the last run's today, that day, and the new today.
      h.clock.set(new Date(NOW.getTime() + 24 * HOUR));
      const requests = await delta(async () => {
        run = await h.sync(warehouse);
      });
      expect(run).toMatchObject({ kind: 'incremental', outcome: 'ok' });
      expect(run.window).toEqual({ start: TODAY - 5 * DAY, end: TODAY + 2 * DAY });
      expect(requests).toEqual(requestsFor(7));
      expect(run.requests).toBe(requests.total);
      expect(run.rows).toBeLessThan(backfillRows / 5);

      // Two hours later: the same trailing days, no more.
      h.clock.advance(2 * HOUR);
      expect(await delta(() => h.sync(warehouse))).toEqual(requestsFor(6));

      // What the warehouse holds equals a fresh pull of everything the API still has.
      const lookback = { start: earliestStartSeconds(h.clock.now()), end: TODAY + 2 * DAY };
      expect(sortRows(await warehouse.userUsageRows(lookback))).toEqual(await h.pullUsers(lookback));
      // The backfill's oldest day, no longer served by the API, is kept.
      expect(await warehouse.freshness()).toMatchObject({ historyStart: earliestStartSeconds(NOW) });
    },
  );

  it.skipIf(!backend.available)(
    'after more than the lookback without syncs, says which days were never synced',
    async () => {
      await h.sync(warehouse);
      h.clock.set(new Date(NOW.getTime() + 120 * 24 * HOUR));
      const logger = createMemoryLogger();
      const run = await h.sync(warehouse, { logger });
      expect(run.window.start).toBe(earliestStartSeconds(h.clock.now()));
      expect(logger.lines).toContainEqual(
        expect.objectContaining({
          level: 'warn',
          msg: 'sync: days past the API lookback were never synced',
          from: dayKey(TODAY + DAY),
          to: dayKey(run.window.start - DAY),
        }),
      );
    },
  );

  it.skipIf(!backend.available)('after a week without syncs, pulls the whole gap', async () => {
    await h.sync(warehouse);
    h.clock.set(new Date(NOW.getTime() + 7 * 24 * HOUR));
    const run = await h.sync(warehouse, { trailingDays: 2 });
    expect(run.window).toEqual({ start: TODAY - 2 * DAY, end: TODAY + 8 * DAY });
    expect(run.requests).toBe(requestsFor(10).total);
  });

  it.skipIf(!backend.available)(
    'is idempotent: syncing again leaves the same rows, no duplicates',
    async () => {
      await h.sync(warehouse);
      const first = await warehouse.counts();
      await h.sync(warehouse);
      await h.sync(warehouse);
      const after = await warehouse.counts();
      expect(after).toEqual({ ...first, syncRuns: 3 });
      const window = { start: earliestStartSeconds(NOW), end: TODAY + DAY };
      expect(after.userUsage).toBe((await h.pullUsers(window)).length);
    },
  );

  it.skipIf(!backend.available)(
    'replaces the provisional running day with the late, complete rows',
    async () => {
      await h.sync(warehouse);
      const today = { start: TODAY, end: TODAY + DAY };
      const provisional = sortRows(await warehouse.userUsageRows(today));
      const credits = async () => (await warehouse.credits(today, createSurfaceMapper())).total;
      const provisionalCredits = await credits();

      h.clock.set(new Date(NOW.getTime() + 24 * HOUR));
      await h.sync(warehouse);
      const complete = await h.pullUsers(today);
      expect(sortRows(await warehouse.userUsageRows(today))).toEqual(complete);
      expect(complete).not.toEqual(provisional);
      expect(await credits()).toBeGreaterThan(provisionalCredits);
    },
  );

  it.skipIf(!backend.available)(
    'ends cleanly when the last day closes a write batch (ten days: SYNC_BATCH_DAYS)',
    async () => {
      await h.sync(warehouse);
      // Four days later: the 5 days before the last run's today, that day, and four more = 10 days.
      h.clock.set(new Date(NOW.getTime() + 4 * 24 * HOUR));
      const run = await h.sync(warehouse);
      expect(run).toMatchObject({ kind: 'incremental', outcome: 'ok', errorCode: null });
      expect(run.window).toEqual({ start: TODAY - 5 * DAY, end: TODAY + 5 * DAY });
      const window = { start: TODAY - 5 * DAY, end: TODAY + 5 * DAY };
      expect(sortRows(await warehouse.userUsageRows(window))).toEqual(await h.pullUsers(window));
    },
  );

  it.skipIf(!backend.available)(
    'replaces finished days inside the late window with the rows and values that arrived late',
    async () => {
      await h.sync(warehouse);
      // Finished days at NOW, still inside the simulator's late window (src/dev/simulator/late-rows.ts).
      const recent = { start: TODAY - 3 * DAY, end: TODAY };
      const early = sortRows(await warehouse.userUsageRows(recent));
      expect(early).toEqual(await h.pullUsers(recent));

      h.clock.set(new Date(NOW.getTime() + 3 * 24 * HOUR));
      const run = await h.sync(warehouse);
      expect(run.window.start).toBeLessThanOrEqual(recent.start);
      const late = await h.pullUsers(recent);
      expect(late).not.toEqual(early);
      expect(sortRows(await warehouse.userUsageRows(recent))).toEqual(late);
    },
  );

  it.skipIf(!backend.available)(
    'records a sync while the API is down with its error, and keeps the data',
    async () => {
      const ok = await h.sync(warehouse);
      const counts = await warehouse.counts();
      const lastWeek = { start: TODAY - 7 * DAY, end: TODAY };
      const rows = await warehouse.userUsageRows(lastWeek);

      h.clock.advance(6 * HOUR);
      const failed = await h.syncWhileDown(warehouse);
      expect(failed).toMatchObject({
        kind: 'incremental',
        outcome: 'failed',
        errorCode: 'codex_unreachable',
        rows: 0,
      });
      expect(failed.requests).toBeGreaterThan(0);
      expect(failed.error).toMatch(/could not|reach|connect/i);

      const [recorded] = await warehouse.syncRuns(1);
      expect(recorded).toEqual(failed);
      expect(await warehouse.counts()).toEqual({ ...counts, syncRuns: 2 });
      expect(await warehouse.userUsageRows(lastWeek)).toEqual(rows);
      // Freshness still speaks of the last good sync; the failure is there for the operator.
      expect(await warehouse.freshness()).toMatchObject({
        lastSyncAt: ok.finishedAt,
        lastRun: { outcome: 'failed' },
      });
    },
  );

  it.skipIf(!backend.available)('records a stopped sync as aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped by signal'));
    const run = await h.sync(warehouse, { signal: controller.signal });
    expect(run).toMatchObject({ outcome: 'failed', errorCode: 'sync_aborted', rows: 0 });
    expect(await warehouse.lastSuccessfulSync()).toBeNull();
  });

  it.skipIf(!backend.available)('reports progress from 0 to 1, a day at a time', async () => {
    await h.sync(warehouse);
    const fractions = h.progress.map((p) => p.fraction);
    expect(fractions[0]).toBe(0);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(new Set(h.progress.map((p) => p.phase))).toEqual(
      new Set(['workspace', 'code_reviews', 'code_review_responses', 'users', 'done']),
    );
    expect(h.progress.at(-1)).toMatchObject({ kind: 'backfill', daysDone: 91, daysTotal: 91 });
  });

  it.skipIf(!backend.available)(
    'records a sync that finds the lock taken as skipped, pulling nothing',
    async () => {
      const outer = await warehouse.withSyncLock(async () =>
        delta(async () => {
          const run = await h.sync(warehouse);
          expect(run).toMatchObject({ outcome: 'skipped', errorCode: 'sync_locked', requests: 0, rows: 0 });
        }),
      );
      expect(outer).toEqual({ acquired: true, value: { total: 0, usage: 0 } });
      expect(await warehouse.syncRuns(5)).toMatchObject([{ outcome: 'skipped' }]);
      expect(await warehouse.lastSuccessfulSync()).toBeNull();
    },
  );

  it.skipIf(!backend.available)(
    'gives the same figures as the pure functions on the same rows pulled directly',
    async () => {
      await h.sync(warehouse);
      const surfaceOf = createSurfaceMapper();
      for (const window of [
        { start: TODAY - 28 * DAY, end: TODAY },
        { start: earliestStartSeconds(NOW), end: TODAY + DAY },
      ]) {
        const rows = await h.pullUsers(window);
        const options = { window, bucket: 'week' as const, surfaceOf, now: NOW };
        const adoption = computeAdoption(rows, options);
        const breakdown = computeUsageBreakdown(rows, options);
        expect(adoption.activeUsers).toBeGreaterThan(0);
        expect(await warehouse.adoption(window, surfaceOf)).toEqual({
          activeUsers: adoption.activeUsers,
          bySurface: adoption.bySurface,
        });
        const credits = await warehouse.credits(window, surfaceOf);
        expect(credits.total).toBeCloseTo(breakdown.totals.credits, 6);
        for (const [surface, figures] of Object.entries(breakdown.bySurface)) {
          expect(credits.bySurface[surface as keyof typeof credits.bySurface]).toBeCloseTo(
            figures.credits,
            6,
          );
        }
      }
    },
  );
});
