/**
 * The embedded warehouse survives a fatal DuckDB error (issue 11): DuckDB invalidates a database whose
 * checkpoint fails (in production: out of memory, "failed to pin block", in a derived-table rebuild), and
 * every later statement on that instance failed until `serve` restarted. Here the fatal error is DuckDB's
 * own, made on demand by its `debug_checkpoint_abort` setting (a checkpoint that aborts before writing its
 * header, as one that runs out of memory does), with `checkpoint_threshold` so low that the next commit
 * checkpoints: the write in flight fails, the rows committed before are still there, and the next sync
 * and answers work. Both settings are the instance's, so the reopened instance has the production ones.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { earliestStartSeconds } from '../../src/codex/validate-window.js';
import { errorCode } from '../../src/errors.js';
import { runMigrations } from '../../src/store/run-migrations.js';
import { createSqlWarehouse } from '../../src/warehouse/create-sql-warehouse.js';
import { openDuckDbWarehouseSql } from '../../src/warehouse/open-duckdb-warehouse-sql.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { warehouseLedger, warehouseMigrations } from '../../src/warehouse/warehouse-migrations.js';
import type { WarehouseSql } from '../../src/warehouse/warehouse-sql.js';
import { armFatalCheckpoint } from '../helpers/arm-fatal-checkpoint.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { DAY, NOW, type SyncHarness, startSyncHarness, TODAY } from '../sync/sync-harness.js';

const INVALIDATED = 'warehouse: DuckDB invalidated the database after a fatal error; reopening it';

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness({ users: 12, seed: 'fatal-recovery' });
});
afterAll(() => h.close());

let dir = '';
let sql: WarehouseSql;
let warehouse: Warehouse;
let logger: ReturnType<typeof createMemoryLogger>;
beforeEach(async () => {
  h.clock.set(NOW);
  dir = await mkdtemp(join(tmpdir(), 'codex-pulse-fatal-'));
  logger = createMemoryLogger();
  sql = await openDuckDbWarehouseSql({
    path: join(dir, 'usage.duckdb'),
    memoryLimitMb: 64,
    threads: 1,
    logger,
  });
  await runMigrations(sql, warehouseMigrations, warehouseLedger, { logger, now: () => h.clock.now() });
  warehouse = createSqlWarehouse(sql);
});
afterEach(async () => {
  await warehouse.close();
  await rm(dir, { recursive: true, force: true });
});

const invalidations = () => logger.lines.filter((line) => line.msg === INVALIDATED);

it('a sync whose commit hits a fatal error fails alone; committed rows stay and the next sync works', async () => {
  const first = await h.sync(warehouse);
  expect(first).toMatchObject({ outcome: 'ok' });
  const history = { start: earliestStartSeconds(NOW), end: TODAY + DAY };
  const committed = await warehouse.userUsageRows(history);
  expect(committed.length).toBeGreaterThan(0);

  await armFatalCheckpoint(sql);
  h.clock.advance(DAY * 1000);
  const failing = await h.sync(warehouse).catch((error: unknown) => error);
  expect(errorCode(failing)).toBe('store_query_failed');
  expect(String(failing)).toMatch(/invalidated the embedded warehouse during this call.*reopened/);
  expect(invalidations()).toHaveLength(1);
  expect(invalidations()[0]?.level).toBe('error');

  // The rows of the first sync are all there, read through the reopened instance.
  expect(await warehouse.userUsageRows(history)).toEqual(committed);
  const next = await h.sync(warehouse);
  expect(next).toMatchObject({ outcome: 'ok', kind: 'incremental' });
  expect(await warehouse.freshness()).toMatchObject({ lastSyncAt: h.clock.now() });
  expect(invalidations()).toHaveLength(1);
});

it('a statement that hits a fatal error fails alone, and the next one runs on the reopened file', async () => {
  await h.sync(warehouse);
  const before = await sql.query('SELECT COUNT(*) AS n FROM usage_user_daily');
  // A change since the sync's own checkpoint, or CHECKPOINT has nothing to write.
  await sql.query('CREATE TABLE scratch AS SELECT 1 AS one');
  await sql.query("SET debug_checkpoint_abort = 'before_header'");
  expect(await sql.query('CHECKPOINT warehouse').catch(errorCode)).toBe('store_query_failed');
  expect(await sql.query('SELECT COUNT(*) AS n FROM usage_user_daily')).toEqual(before);
  // The reopened instance has the settings the warehouse opens with, not the failed one's.
  expect(await sql.query("SELECT current_setting('debug_checkpoint_abort') AS abort")).toEqual([
    { abort: 'NONE' },
  ]);
  expect(await sql.query('SELECT one FROM scratch')).toEqual([{ one: 1 }]);
  await sql.query('CHECKPOINT warehouse');
  expect(invalidations()).toHaveLength(1);
});
