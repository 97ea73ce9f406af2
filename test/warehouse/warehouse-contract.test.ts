/**
 * The Warehouse contract, run unchanged on both engines (issue 11, part 4: one set of queries, tested on
 * both in CI): storage keeps every field, a replaced day is replaced whole, replaces are idempotent and
 * atomic, sync runs and freshness read back, the sync lock excludes, and the SQL figures agree with the
 * pure functions on hand-built rows.
 */
import { describe, expect, it } from 'vitest';
import { type UsageRow, usageRowSchema } from '../../src/codex/schemas.js';
import { createSurfaceMapper } from '../../src/codex/surface-mapper.js';
import { computeAdoption } from '../../src/figures/adoption.js';
import { computeUsageBreakdown } from '../../src/figures/usage-breakdown.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import {
  codeReviewResponseTable,
  codeReviewTable,
  userClientUsageTable,
  userUsageTable,
  workspaceUsageTable,
} from '../../src/warehouse/warehouse-tables.js';
import { active, DAY, responseRow, reviewRow, sec, usageRow } from '../figures/fixture-rows.js';
import { testClock } from '../helpers/test-clock.js';
import { warehouseEachTest } from '../helpers/warehouse-each-test.js';
import { backends } from './warehouse-backends.js';

const days = (from: string, count: number) => ({ start: sec(from), end: sec(from) + count * DAY });

/** A row carrying every optional field the API gives, so a round trip proves none is dropped. */
function richRow(user: string, day: string): UsageRow {
  const start = sec(day);
  const metrics = {
    threads: 2,
    turns: 9,
    credits: 12.25,
    cost_usd: null,
    estimated_cost_usd: 0.49,
    uncached_text_input_tokens: 1000,
    cached_text_input_tokens: 5000,
    text_output_tokens: 300,
    text_total_tokens: 6300,
  };
  return usageRowSchema.parse({
    start_time: start,
    end_time: start + DAY,
    user_id: null,
    actor: { type: 'ACCOUNT_USER', user_id: user, email: `${user}@example.com` },
    email: `${user}-legacy@example.com`,
    totals: { ...metrics, cost_usd: 1.5 },
    clients: [
      { client_id: 'CODEX_CLI', ...metrics },
      { client_id: null, ...metrics, credits: 0, threads: 0, turns: 0 },
    ],
    models: [{ model: 'gpt-5.4', speed: 'fast', ...metrics }],
    code_attribution: { lines_added: 120, lines_removed: 14 },
  });
}

describe.each(backends())('warehouse contract on $kind', (backend) => {
  let warehouse: Warehouse;

  const { reopen } = warehouseEachTest(backend, (opened) => {
    warehouse = opened;
  });

  it.skipIf(!backend.available)(
    'creates every table with the columns bulk inserts write, in order',
    async () => {
      await warehouse.close();
      for (const table of [
        userUsageTable,
        userClientUsageTable,
        workspaceUsageTable,
        codeReviewTable,
        codeReviewResponseTable,
      ]) {
        expect(await backend.columns(table.name)).toEqual(table.columns.map((c) => c.name));
      }
    },
  );

  it.skipIf(!backend.available)(
    'keeps every field of a row: USD, attribution, models, clients, emails',
    async () => {
      const rows = [richRow('u-1', '2026-11-20'), active('u-2', '2026-11-20', 'CODEX_IDE_VSCODE', 3)];
      expect(await warehouse.replaceUserUsage(days('2026-11-20', 1), rows)).toBe(2);
      expect(await warehouse.userUsageRows(days('2026-11-20', 1))).toEqual(rows);
    },
  );

  it.skipIf(!backend.available)('replacing a day replaces its rows and leaves other days alone', async () => {
    await warehouse.replaceUserUsage(days('2026-11-19', 2), [
      active('a', '2026-11-19'),
      active('a', '2026-11-20', 'CODEX_CLI', 1),
      active('b', '2026-11-20'),
    ]);
    // The late pull of the 20th: a's credits grew, b's provisional row is gone, c is new.
    const late = [active('a', '2026-11-20', 'CODEX_CLI', 7), active('c', '2026-11-20')];
    await warehouse.replaceUserUsage(days('2026-11-20', 1), late);
    expect(await warehouse.userUsageRows(days('2026-11-20', 1))).toEqual(late);
    expect(await warehouse.userUsageRows(days('2026-11-19', 1))).toEqual([active('a', '2026-11-19')]);
    // A day re-pulled empty ends up empty, with its client rows.
    await warehouse.replaceUserUsage(days('2026-11-20', 1), []);
    expect(await warehouse.userUsageRows(days('2026-11-20', 1))).toEqual([]);
    expect((await warehouse.counts()).userClientUsage).toBe(1);
  });

  it.skipIf(!backend.available)(
    'is idempotent: the same replace twice leaves the same rows, no duplicates',
    async () => {
      const rows = [
        active('a', '2026-11-20'),
        active('b', '2026-11-21'),
        usageRow({ user: null, day: '2026-11-21' }),
      ];
      const range = days('2026-11-20', 2);
      await warehouse.replaceUserUsage(range, rows);
      const first = await warehouse.counts();
      await warehouse.replaceUserUsage(range, rows);
      expect(await warehouse.counts()).toEqual(first);
      // The workspace row (no user) is not a per-user row.
      expect(first.userUsage).toBe(2);
      expect(first.userClientUsage).toBe(2);
    },
  );

  it.skipIf(!backend.available)(
    'refuses a batch holding one user-day twice, keeping the old rows',
    async () => {
      const range = days('2026-11-20', 1);
      await warehouse.replaceUserUsage(range, [active('a', '2026-11-20')]);
      await expect(
        warehouse.replaceUserUsage(range, [active('b', '2026-11-20'), active('b', '2026-11-20')]),
      ).rejects.toMatchObject({ code: 'store_invalid_input' });
      expect(await warehouse.userUsageRows(range)).toEqual([active('a', '2026-11-20')]);
    },
  );

  it.skipIf(!backend.available)(
    'writes a day larger than one append slice whole, and rolls it back for a duplicate in its last slice',
    async () => {
      const range = days('2026-11-20', 1);
      const rows = Array.from({ length: 4_500 }, (_, i) =>
        active(`u-${i}`, '2026-11-20', 'CODEX_CLI', i + 1),
      );
      expect(await warehouse.replaceUserUsage(range, rows)).toBe(4_500);
      expect(await warehouse.counts()).toMatchObject({ userUsage: 4_500, userClientUsage: 4_500 });
      // Slices already appended when the duplicate turns up go with the rest: the old rows stay.
      const again = [...rows.slice(0, 4_400).map((row) => ({ ...row, email: 'new@example.com' })), rows[0]];
      await expect(warehouse.replaceUserUsage(range, again as UsageRow[])).rejects.toMatchObject({
        code: 'store_invalid_input',
      });
      expect(await warehouse.counts()).toMatchObject({ userUsage: 4_500, userClientUsage: 4_500 });
      expect((await warehouse.userUsageRows(range)).every((row) => row.email === null)).toBe(true);
    },
  );

  it.skipIf(!backend.available)('rolls a replace that fails in the database back whole', async () => {
    const range = days('2026-11-20', 2);
    await warehouse.replaceWorkspaceUsage(range, [usageRow({ user: null, day: '2026-11-20' })]);
    // Two rows for one day break the table's key after the range's delete ran: all of it rolls back.
    const twice = usageRow({ user: null, day: '2026-11-21' });
    await expect(warehouse.replaceWorkspaceUsage(range, [twice, twice])).rejects.toMatchObject({
      code: 'store_query_failed',
    });
    expect((await warehouse.counts()).workspaceUsage).toBe(1);
  });

  it.skipIf(!backend.available)('refuses rows outside the days being replaced, writing nothing', async () => {
    await expect(
      warehouse.replaceUserUsage(days('2026-11-20', 1), [active('a', '2026-11-21')]),
    ).rejects.toMatchObject({ code: 'store_invalid_input' });
    expect((await warehouse.counts()).userUsage).toBe(0);
  });

  it.skipIf(!backend.available)(
    'stores workspace usage and both Code Review endpoints, replaced by day',
    async () => {
      const range = days('2026-11-20', 2);
      const responses = {
        comments: 4,
        replies: 1,
        upvotes: 2,
        downvotes: 1,
        other: 0,
        engaged: 3,
        reacted: 2,
        replied: 1,
      };
      await warehouse.replaceWorkspaceUsage(range, [usageRow({ user: null, day: '2026-11-20' })]);
      await warehouse.replaceCodeReviews(range, [
        reviewRow('2026-11-20', 3, 5, { p0: 1, p1: 2, p2: 2 }),
        reviewRow('2026-11-21', 1, 0),
      ]);
      await warehouse.replaceCodeReviewResponses(range, [responseRow('2026-11-21', responses)]);
      await warehouse.replaceCodeReviews(days('2026-11-21', 1), [reviewRow('2026-11-21', 2, 2)]);
      expect(await warehouse.counts()).toMatchObject({
        workspaceUsage: 1,
        codeReviews: 2,
        codeReviewResponses: 1,
      });
    },
  );

  it.skipIf(!backend.available)(
    'records sync runs and answers freshness from the newest successful one',
    async () => {
      expect(await warehouse.freshness()).toEqual({
        lastSyncAt: null,
        dataThrough: null,
        historyStart: null,
        lastRun: null,
      });
      const window = days('2026-08-26', 91);
      await warehouse.startSyncRun({
        id: 'r1',
        kind: 'backfill',
        startedAt: new Date('2026-11-24T10:00:00Z'),
        window,
      });
      await warehouse.finishSyncRun('r1', {
        finishedAt: new Date('2026-11-24T10:01:00Z'),
        requests: 94,
        rows: 500,
        outcome: 'ok',
      });
      await warehouse.startSyncRun({
        id: 'r2',
        kind: 'incremental',
        startedAt: new Date('2026-11-24T16:00:00Z'),
        window: days('2026-11-19', 6),
      });
      await warehouse.finishSyncRun('r2', {
        finishedAt: new Date('2026-11-24T16:00:05Z'),
        requests: 2,
        rows: 0,
        outcome: 'failed',
        errorCode: 'codex_unreachable',
        error: 'The Codex API could not be reached',
      });
      await warehouse.replaceUserUsage(days('2026-09-02', 1), [active('a', '2026-09-02')]);

      const [newest, oldest] = await warehouse.syncRuns(10);
      expect(newest).toMatchObject({
        id: 'r2',
        outcome: 'failed',
        errorCode: 'codex_unreachable',
        requests: 2,
      });
      expect(oldest).toEqual({
        id: 'r1',
        kind: 'backfill',
        startedAt: new Date('2026-11-24T10:00:00Z'),
        finishedAt: new Date('2026-11-24T10:01:00Z'),
        window,
        requests: 94,
        rows: 500,
        outcome: 'ok',
        errorCode: null,
        error: null,
      });
      expect((await warehouse.lastSuccessfulSync())?.id).toBe('r1');
      const freshness = await warehouse.freshness();
      expect(freshness.lastSyncAt).toEqual(new Date('2026-11-24T10:01:00Z'));
      // At 10:00 on the 24th the 23rd ended only 10 h before: the 22nd is the newest complete day.
      expect(freshness.dataThrough).toBe(sec('2026-11-22'));
      // r1 stored its whole window, the days before the first active one included: history starts there.
      expect(freshness.historyStart).toBe(sec('2026-08-26'));
      expect(freshness.lastRun?.id).toBe('r2');
    },
  );

  it.skipIf(!backend.available)(
    'starts history at the first day stored: by a successful run, or as rows a failed run kept',
    async () => {
      // Rows stored before any run was recorded (a warehouse older than its run history) are history.
      await warehouse.replaceUserUsage(days('2026-10-05', 1), [active('a', '2026-10-05')]);
      expect((await warehouse.freshness()).historyStart).toBe(sec('2026-10-05'));
      const run = async (id: string, window: { start: number; end: number }, outcome: 'ok' | 'failed') => {
        await warehouse.startSyncRun({
          id,
          kind: 'backfill',
          startedAt: new Date('2026-11-24T10:00:00Z'),
          window,
        });
        await warehouse.finishSyncRun(id, {
          finishedAt: new Date('2026-11-24T10:01:00Z'),
          requests: 1,
          rows: 0,
          outcome,
        });
      };
      // A failed run's window says what it meant to pull, not what it stored.
      await run('failed', days('2026-06-01', 91), 'failed');
      expect((await warehouse.freshness()).historyStart).toBe(sec('2026-10-05'));
      // A successful run that found nobody active for weeks still synced those weeks.
      await run('ok', days('2026-07-10', 91), 'ok');
      expect((await warehouse.freshness()).historyStart).toBe(sec('2026-07-10'));
    },
  );

  it.skipIf(!backend.available)(
    'counts distinct users and credits by surface as the pure functions do',
    async () => {
      const rows: UsageRow[] = [
        // a: CLI on two days (counted once), plus IDE: once per surface, once overall.
        active('a', '2026-11-20', 'CODEX_CLI', 2),
        usageRow({
          user: 'a',
          day: '2026-11-21',
          clients: [
            { client: 'CODEX_CLI', threads: 1, credits: 1.5 },
            { client: 'CODEX_IDE_NEWTHING', turns: 1 },
          ],
        }),
        // b: no clients[] at all → Other; c: an inactive row → not counted; d: client without id → Other.
        usageRow({ user: 'b', day: '2026-11-21', totals: { threads: 1, credits: 4 } }),
        usageRow({ user: 'c', day: '2026-11-21', clients: [{ client: 'CODEX_WEB' }] }),
        usageRow({ user: 'd', day: '2026-11-22', clients: [{ client: 'CODEX_GITHUB', credits: 0.25 }] }),
        richRow('e', '2026-11-22'),
      ];
      await warehouse.replaceUserUsage(days('2026-11-20', 3), rows);
      const surfaceOf = createSurfaceMapper({ CODEX_GITHUB: 'cloud' });
      const window = days('2026-11-20', 3);
      const now = testClock().now();
      const adoption = computeAdoption(rows, { window, bucket: 'day', surfaceOf, now });
      const breakdown = computeUsageBreakdown(rows, { window, bucket: 'day', surfaceOf, now });

      expect(await warehouse.adoption(window, surfaceOf)).toEqual({
        activeUsers: adoption.activeUsers,
        bySurface: adoption.bySurface,
      });
      expect(adoption.activeUsers).toBe(4);
      const credits = await warehouse.credits(window, surfaceOf);
      expect(credits.total).toBeCloseTo(breakdown.totals.credits, 9);
      for (const [surface, figures] of Object.entries(breakdown.bySurface)) {
        expect(credits.bySurface[surface as keyof typeof credits.bySurface]).toBeCloseTo(figures.credits, 9);
      }
      // A window with nothing in it.
      expect(await warehouse.adoption(days('2026-10-01', 1), surfaceOf)).toMatchObject({ activeUsers: 0 });
    },
  );

  it.skipIf(!backend.available)('lets one sync hold the lock at a time', async () => {
    let inner: unknown;
    const outer = await warehouse.withSyncLock(async () => {
      inner = await warehouse.withSyncLock(async () => 'second');
      return 'first';
    });
    expect(outer).toEqual({ acquired: true, value: 'first' });
    expect(inner).toEqual({ acquired: false });
    // Released after the holder finished, also when it threw.
    await expect(warehouse.withSyncLock(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await warehouse.withSyncLock(async () => 'again')).toEqual({ acquired: true, value: 'again' });
  });

  it.skipIf(!backend.available)('keeps its rows across a reopen, without re-running migrations', async () => {
    await warehouse.replaceUserUsage(days('2026-11-20', 1), [active('a', '2026-11-20')]);
    await warehouse.close();
    warehouse = await reopen();
    expect(await warehouse.userUsageRows(days('2026-11-20', 1))).toEqual([active('a', '2026-11-20')]);
  });
});
