import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.js';
import { errorCode } from '../../src/errors.js';
import { createDuckDbExecutor } from '../../src/store/duckdb-executor.js';
import { migrations, storeLedger } from '../../src/store/migrations.js';
import { runMigrations } from '../../src/store/run-migrations.js';
import type { SqlExecutor } from '../../src/store/sql-executor.js';
import { createSubscriptionRepository } from '../../src/store/subscription-repository.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { weeklySubscription } from './weekly-subscription.js';

const sub = weeklySubscription;

describe('embedded store internals (DuckDB)', () => {
  let dir: string;
  let db: SqlExecutor;
  const clock = createManualClock(new Date('2025-01-01T00:00:00Z'));
  const options = { logger: createMemoryLogger(), now: () => clock.now() };
  const tableExists = async (name: string) =>
    (await db.query('SELECT table_name FROM information_schema.tables WHERE table_name = $1', [name]))
      .length > 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'codex-pulse-embedded-'));
    db = await createDuckDbExecutor(join(dir, 'nested', 'store.duckdb'), { logger: createMemoryLogger() });
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the data directory and applies migrations once', async () => {
    expect((await stat(join(dir, 'nested', 'store.duckdb'))).isFile()).toBe(true);
    expect(await runMigrations(db, migrations, storeLedger, options)).toEqual(
      migrations.map((m) => m.version),
    );
    expect(await runMigrations(db, migrations, storeLedger, options)).toEqual([]);
    const rows = await db.query('SELECT version, name, applied_at FROM schema_migrations ORDER BY version');
    expect(rows).toEqual(
      migrations.map((m) => ({ version: m.version, name: m.name, applied_at: clock.now() })),
    );
  });

  it('refuses a mis-numbered migration list', async () => {
    const bad = [{ version: 2, name: 'gap', statements: ['SELECT 1'] }];
    expect(await runMigrations(db, bad, storeLedger, options).catch(errorCode)).toBe(
      'store_migrations_invalid',
    );
  });

  it('rolls back a failing migration entirely', async () => {
    const list = [
      ...migrations,
      {
        version: migrations.length + 1,
        name: 'broken',
        statements: ['CREATE TABLE half_done (x int)', 'SELECT nope'],
      },
    ];
    expect(await runMigrations(db, list, storeLedger, options).catch(errorCode)).toBe('store_query_failed');
    expect(await tableExists('half_done')).toBe(false);
    // …and the store still works after the rolled-back transaction.
    expect(await db.query('SELECT count(*) AS n FROM schema_migrations')).toEqual([{ n: migrations.length }]);
  });

  it('runs one transaction at a time: concurrent read-modify-writes lose nothing', async () => {
    // DuckDB's optimistic concurrency would fail (or, without the queue, interleave) these; the
    // executor's queue makes each wait for the one before, as PostgreSQL's row locks would.
    await db.query('CREATE TABLE counter (n integer)');
    await db.query('INSERT INTO counter VALUES (0)');
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction(async (tx) => {
          const [row] = await tx.query('SELECT n FROM counter');
          await new Promise((resolve) => setImmediate(resolve));
          await tx.query('UPDATE counter SET n = $1', [Number(row?.n) + 1]);
        }),
      ),
    );
    expect(await db.query('SELECT n FROM counter')).toEqual([{ n: 20 }]);
  });

  it('rolls a failed transaction back and reads times back as Dates and integers as numbers', async () => {
    await db.query('CREATE TABLE kinds (stamp timestamptz, big bigint, flag boolean)');
    const at = new Date('2031-05-06T07:08:09.123Z');
    expect(
      await db
        .transaction(async (tx) => {
          await tx.query('INSERT INTO kinds VALUES ($1, $2, $3)', [at, 2 ** 40, true]);
          throw new Error('boom');
        })
        .catch(errorCode),
    ).toBe('store_query_failed');
    expect(await db.query('SELECT * FROM kinds')).toEqual([]);
    await db.query('INSERT INTO kinds VALUES ($1, $2, $3)', [at, 2 ** 40, false]);
    expect(await db.query('SELECT * FROM kinds')).toEqual([{ stamp: at, big: 2 ** 40, flag: false }]);
  });

  it('retries a colliding subscription id, and gives up with a code after several', async () => {
    const ids = ['aaaaa', 'aaaaa', 'bbbbb'];
    const repo = createSubscriptionRepository(db, { now: options.now, newId: () => ids.shift() ?? 'aaaaa' });
    expect((await repo.create(sub)).id).toBe('aaaaa');
    expect((await repo.create(sub)).id).toBe('bbbbb');
    // A removed subscription's id is never handed out again: its history still points at it.
    await repo.remove('aaaaa');
    const stuck = createSubscriptionRepository(db, { now: options.now, newId: () => 'aaaaa' });
    expect(await stuck.create(sub).catch(errorCode)).toBe('store_id_exhausted');
  });

  it('refuses a cadence outside weekly, monthly, quarterly', async () => {
    expect(
      await db.query("UPDATE subscriptions SET cadence = 'yearly' WHERE id = 'bbbbb'").catch(errorCode),
    ).toBe('store_query_failed');
  });
});
