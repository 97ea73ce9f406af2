/**
 * Two replicas syncing one PostgreSQL warehouse (issue 11, part 8): one sync at a time (the advisory
 * lock), no duplicate rows. Each replica has its own pool and its own Codex client, as two processes would.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { userIdOf } from '../../src/codex/row-identity.js';
import { earliestStartSeconds } from '../../src/codex/validate-window.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { postgresBackend } from '../warehouse/warehouse-backends.js';
import { DAY, NOW, type SyncHarness, startSyncHarness, TODAY } from './sync-harness.js';

const backend = postgresBackend();
let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness({ users: 30, seed: 'warehouse-race' });
});
afterAll(() => h.close());

describe.skipIf(!backend.available)('two replicas on one PostgreSQL warehouse', () => {
  let a: Warehouse;
  let b: Warehouse;
  beforeEach(async () => {
    h.clock.set(NOW);
    await backend.setUp();
    [a, b] = await Promise.all([backend.open({ clock: h.clock }), backend.open({ clock: h.clock })]);
  });
  afterEach(async () => {
    await Promise.all([a.close(), b.close()]);
    await backend.tearDown();
  });

  it('lets only one replica sync while the other holds the lock', async () => {
    const held = await a.withSyncLock(() => h.sync(b));
    expect(held).toMatchObject({ acquired: true, value: { outcome: 'skipped', requests: 0 } });
    // Released: the other replica now syncs.
    expect(await h.sync(b)).toMatchObject({ outcome: 'ok', kind: 'backfill' });
  });

  it('two replicas starting a sync at once: one syncs, the other is skipped as sync_locked', async () => {
    const runs = await Promise.all([h.sync(a), h.sync(b)]);
    const [ran, skipped] = [...runs].sort((x, y) => x.outcome.localeCompare(y.outcome));
    expect(ran).toMatchObject({ outcome: 'ok', kind: 'backfill' });
    expect(skipped).toMatchObject({ outcome: 'skipped', errorCode: 'sync_locked', requests: 0, rows: 0 });

    // Exactly one sync's rows, each (day, user) once, seen alike from both replicas.
    const window = { start: earliestStartSeconds(NOW), end: TODAY + DAY };
    const pulled = await h.pullUsers(window);
    expect(ran?.rows).toBeGreaterThanOrEqual(pulled.length);
    for (const replica of [a, b]) {
      const stored = await replica.userUsageRows(window);
      expect(stored).toHaveLength(pulled.length);
      expect(new Set(stored.map((row) => `${row.start_time}|${userIdOf(row)}`)).size).toBe(pulled.length);
    }
  });

  it('two syncs racing: one backfill, never two at once, no duplicate rows', async () => {
    const runs = await Promise.all([h.sync(a), h.sync(b), h.sync(a), h.sync(b)]);
    // The plan is made under the lock: had two runs overlapped, both would have been backfills.
    expect(runs.filter((run) => run.outcome === 'ok' && run.kind === 'backfill')).toHaveLength(1);
    expect(runs.every((run) => run.outcome === 'ok' || run.outcome === 'skipped')).toBe(true);

    const window = { start: earliestStartSeconds(NOW), end: TODAY + DAY };
    const pulled = await h.pullUsers(window);
    const counts = await b.counts();
    expect(counts.userUsage).toBe(pulled.length);
    expect(counts.syncRuns).toBe(4);
    expect((await a.userUsageRows(window)).length).toBe(pulled.length);
  });
});
