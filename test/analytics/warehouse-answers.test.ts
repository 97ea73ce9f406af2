/**
 * Answers from the warehouse (issue 11, part 2), on both engines, over the real simulator: the first
 * question tops up the store and says so; later answers never touch the API; with the API down they come
 * from the store with their age; a failed top-up reaches the logs and the sync record, not the person,
 * unless nothing is stored at all (then the sync's own friendly error code).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.js';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/start-simulator.js';
import { isCodexPulseError } from '../../src/errors.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { closedPort } from '../codex/helpers.js';
import { backends } from '../warehouse/warehouse-backends.js';
import { DAY, NOW, TODAY } from './analytics-harness.js';
import {
  RETRY_AFTER_MS,
  type WarehouseAnalytics,
  warehouseAnalyticsFor,
} from './warehouse-analytics-harness.js';

const HOUR = 3_600_000;
const week = { start: TODAY - 7 * DAY, end: TODAY };
const usage = { bucket: 'day', surface: null } as const;

describe.each(backends())('answers from the warehouse on $kind', (backend) => {
  let clock: ReturnType<typeof createManualClock>;
  let sim: RunningSimulator;
  let simStopped = false;
  const stopSim = async () => {
    simStopped = true;
    await sim.close();
  };
  let warehouse: Warehouse;
  const opened: WarehouseAnalytics[] = [];
  const open = (target: { baseUrl: string; apiKey: string; workspaceId: string }) => {
    const w = warehouseAnalyticsFor(target, { warehouse, clock });
    opened.push(w);
    return w;
  };

  beforeEach(async () => {
    if (!backend.available) return;
    clock = createManualClock(NOW);
    simStopped = false;
    sim = await startSimulator({ users: 20, seed: 'warehouse-answers', now: () => clock.now() });
    await backend.setUp();
    warehouse = await backend.open({ clock });
  });
  afterEach(async () => {
    if (!backend.available) return;
    for (const w of opened.splice(0)) await w.close();
    await warehouse.close();
    await backend.tearDown();
    if (!simStopped) await sim.close();
  });

  it.skipIf(!backend.available)(
    'the first question loads the history first and says so; later ones never call the API',
    async () => {
      const { analytics } = open(sim);
      const first = await analytics.usage(week, usage);
      expect(first.adoption.activeUsers).toBeGreaterThan(0);
      expect(first.freshness.stored).toBe('loaded history first · synced just now · data through Sun 22 Nov');
      const [run] = await warehouse.syncRuns(5);
      expect(run).toMatchObject({ kind: 'backfill', outcome: 'ok' });
      expect(await warehouse.syncRuns(5)).toHaveLength(1);

      // Every report, every window the store holds, an hour later: not one request.
      clock.advance(HOUR);
      const before = sim.stats().requests;
      const again = await analytics.usage(week, usage);
      await analytics.usage(
        { start: TODAY - 80 * DAY, end: TODAY + DAY },
        { bucket: 'week', surface: 'cli' },
      );
      await analytics.ranking(week, { sortBy: 'streak', surface: null, topN: 5 });
      await analytics.reviews(week, { bucket: 'day' });
      await analytics.personal(week, 'nobody@example.com');
      await analytics.digest(clock.now(), { topN: 5 });
      await analytics.exportTable('users', week);
      expect(sim.stats().requests).toBe(before);
      expect(again.adoption).toEqual(first.adoption);
      expect(again.freshness.stored).toBe('synced 1 h ago · data through Sun 22 Nov');
    },
  );

  it.skipIf(!backend.available)(
    'concurrent first questions share one top-up; a deadline stops the wait, not the sync',
    async () => {
      const { analytics } = open(sim);
      const gaveUp = new AbortController();
      gaveUp.abort(new Error('deadline'));
      await expect(analytics.usage(week, { ...usage, signal: gaveUp.signal })).rejects.toThrow();
      const answers = await Promise.all([
        analytics.usage(week, usage),
        analytics.reviews(week, { bucket: 'week' }),
        analytics.ranking(week, { sortBy: 'credits', surface: null, topN: 3 }),
      ]);
      expect(answers.map((a) => a.freshness.stored?.startsWith('loaded history first'))).toEqual([
        true,
        true,
        true,
      ]);
      const runs = await warehouse.syncRuns(10);
      expect(runs.map((r) => r.outcome)).toEqual(['ok']);
    },
  );

  it.skipIf(!backend.available)(
    'with the API stopped after a sync, answers come from the store with their age',
    async () => {
      const { analytics, job, logger } = open(sim);
      expect(await job.run({ onProgress: () => {} })).toMatchObject({ outcome: 'ok' });
      const synced = await analytics.usage(week, usage);
      await stopSim();

      // Three hours later, same day: the store holds the window, no top-up is even tried.
      clock.advance(3 * HOUR);
      const sameDay = await analytics.usage(week, usage);
      expect(sameDay.adoption).toEqual(synced.adoption);
      expect(sameDay.freshness.stored).toBe('synced 3 h ago · data through Sun 22 Nov');

      // The next day the window reaches past the last sync: the top-up fails, the answer still comes.
      clock.advance(24 * HOUR);
      const nextDay = { start: week.start + DAY, end: week.end + DAY };
      const answer = await analytics.usage(nextDay, usage);
      expect(answer.adoption.activeUsers).toBeGreaterThan(0);
      expect(answer.freshness.stored).toBe(
        'Codex API unavailable · synced 27 h ago · data through Sun 22 Nov',
      );
      // The footer never claims a day the store does not hold.
      expect(answer.freshness.newestCompleteDay).toBe('2026-11-22');
      const [failed] = await warehouse.syncRuns(1);
      expect(failed).toMatchObject({
        kind: 'incremental',
        outcome: 'failed',
        errorCode: 'codex_unreachable',
      });
      expect(
        logger.lines.some((l) => l.msg === 'answer: top-up failed, answering from the warehouse as it is'),
      ).toBe(true);

      // Within the retry pause, further questions do not try the API again.
      const runsBefore = (await warehouse.syncRuns(100)).length;
      await analytics.reviews(nextDay, { bucket: 'day' });
      clock.advance(RETRY_AFTER_MS - 1);
      await analytics.ranking(nextDay, { sortBy: 'credits', surface: null, topN: 5 });
      expect(await warehouse.syncRuns(100)).toHaveLength(runsBefore);
      // After it, one more try (still down: still answered).
      clock.advance(1);
      const later = await analytics.usage(nextDay, usage);
      expect(later.freshness.stored).toMatch(/^Codex API unavailable · synced 27 h ago/);
      expect(await warehouse.syncRuns(100)).toHaveLength(runsBefore + 1);
    },
  );

  it.skipIf(!backend.available)(
    'with nothing stored and the API down, the sync error code reaches the edge, and the next try recovers',
    async () => {
      const down = open({ ...sim, baseUrl: `http://127.0.0.1:${await closedPort()}/v1/analytics/codex` });
      const error = await down.analytics.usage(week, usage).catch((e: unknown) => e);
      expect(isCodexPulseError(error, 'codex_unreachable')).toBe(true);
      // Nothing stored: every question tries again (no retry pause), and the API being back answers it.
      const wrongKey = open({ ...sim, apiKey: 'sk-wrong' });
      const auth = await wrongKey.analytics.usage(week, usage).catch((e: unknown) => e);
      expect(isCodexPulseError(auth, 'codex_auth')).toBe(true);
      const { analytics } = open(sim);
      const answer = await analytics.usage(week, usage);
      expect(answer.freshness.stored).toMatch(/^loaded history first/);
    },
  );
});
