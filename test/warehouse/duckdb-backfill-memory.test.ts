/**
 * A large backfill fits the embedded warehouse's default memory_limit (64 MB). Rows committed since the
 * last checkpoint stay in DuckDB's memory; with checkpoints only at the end of a sync, a 20,000-user
 * backfill ran out of memory after ~57 of its 91 days, and DuckDB invalidated the database. This writes
 * 60 days of 20,000 users (~11,000 active a day, one client each) day by day inside one sync lock, as a
 * backfill does, and reads the figures back.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type UsageRow, usageRowSchema } from '../../src/codex/schemas.js';
import { DAY_SECONDS } from '../../src/domain/utc-days.js';
import { openWarehouse } from '../../src/warehouse/open-warehouse.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { testClock } from '../helpers/test-clock.js';

const USERS = 20_000;
const DAYS = 60;
const FIRST_DAY = Date.UTC(2026, 8, 1) / 1000;
/** The config's default and minimum (WAREHOUSE_MEMORY_LIMIT_MB). */
const MEMORY_LIMIT_MB = 64;

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'codex-pulse-backfill-memory-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A deterministic ~56% of user-days active, as bench/serve-memory.ts draws them. */
function active(user: number, day: number): boolean {
  let h = Math.imul(user + 1, 0x9e3779b1) ^ Math.imul(day + 7, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return ((h ^ (h >>> 12)) >>> 0) / 2 ** 32 < 0.56;
}

it('a 60-day backfill of 20,000 users fits the default 64 MB memory limit', {
  timeout: 180_000,
}, async () => {
  const clock = testClock(new Date((FIRST_DAY + DAYS * DAY_SECONDS) * 1000));
  const warehouse = await openWarehouse(
    { dataDir: dir, memoryLimitMb: MEMORY_LIMIT_MB, threads: 2 },
    { clock, logger: createMemoryLogger() },
  );
  const template = usageRowSchema.parse({
    start_time: 0,
    end_time: DAY_SECONDS,
    user_id: 'x',
    email: 'x@example.com',
    totals: { threads: 1, turns: 4, credits: 2.5 },
    clients: [{ client_id: 'CODEX_CLI', threads: 1, turns: 4, credits: 2.5 }],
  });
  let expected = 0;
  try {
    const locked = await warehouse.withSyncLock(async () => {
      for (let d = 0; d < DAYS; d += 1) {
        const start = FIRST_DAY + d * DAY_SECONDS;
        const rows: UsageRow[] = [];
        for (let u = 0; u < USERS; u += 1) {
          if (!active(u, d)) continue;
          const user = `user-${u}`;
          rows.push({
            ...template,
            start_time: start,
            end_time: start + DAY_SECONDS,
            user_id: user,
            email: `${user}@example.com`,
          });
        }
        expected += rows.length;
        await warehouse.replaceUserUsage({ start, end: start + DAY_SECONDS }, rows);
      }
    });
    expect(locked.acquired).toBe(true);
  } finally {
    await warehouse.close();
  }
  // Every row and its derived activity row are there, read straight from the file.
  const instance = await DuckDBInstance.create(join(dir, 'warehouse', 'usage.duckdb'));
  try {
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(
      `SELECT (SELECT COUNT(*) FROM usage_user_daily) AS stored,
        (SELECT COUNT(*) FROM usage_user_activity_daily) AS activity`,
    );
    connection.closeSync();
    expect(reader.getRowObjectsJson()).toEqual([{ stored: String(expected), activity: String(expected) }]);
  } finally {
    instance.closeSync();
  }
});
