/**
 * While a sync holds the embedded warehouse's lock, DuckDB hands every free back to the OS (see
 * SYNC_BULK_FLUSH in open-duckdb-warehouse-sql.ts): by default its allocator kept freed memory, and a
 * 20,000-user backfill's RSS grew ~190 MB past DuckDB's own accounting, past the first-start target of
 * 400 MB (issue 11). Answers between syncs keep the default, which is faster.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDuckDbWarehouseSql } from '../../src/warehouse/open-duckdb-warehouse-sql.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'codex-pulse-allocator-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('returns freed memory to the OS on every free while a sync holds the lock, and only then', async () => {
  const sql = await openDuckDbWarehouseSql({
    path: join(dir, 'usage.duckdb'),
    memoryLimitMb: 64,
    threads: 2,
    logger: createMemoryLogger(),
  });
  const settings = () =>
    sql.query(
      `SELECT current_setting('allocator_bulk_deallocation_flush_threshold') AS bulk,
              current_setting('allocator_background_threads') AS background`,
    );
  try {
    const idle = [{ bulk: '512.0 MiB', background: true }];
    expect(await settings()).toEqual(idle);
    const during = await sql.withSyncLock(settings);
    expect(during).toEqual({ acquired: true, value: [{ bulk: '0 bytes', background: true }] });
    expect(await settings()).toEqual(idle);
    // A sync that fails resets it too.
    await expect(sql.withSyncLock(() => Promise.reject(new Error('sync failed')))).rejects.toThrow(
      'sync failed',
    );
    expect(await settings()).toEqual(idle);
  } finally {
    await sql.close();
  }
});
