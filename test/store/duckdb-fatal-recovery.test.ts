/**
 * The embedded store survives a fatal DuckDB error (issue 11): after one, DuckDB refuses every statement
 * on the instance ("database has been invalidated because of a previous fatal error") until it is opened
 * again, though the file is fine. The fatal error here is DuckDB's own: `debug_checkpoint_abort` makes a
 * checkpoint abort before writing its header, and `checkpoint_threshold` so low that the next commit
 * checkpoints. The write in flight fails; what was committed before is still there; the next write works.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { errorCode } from '../../src/errors.js';
import { createDuckDbExecutor } from '../../src/store/duckdb-executor.js';
import { migrations, storeLedger } from '../../src/store/migrations.js';
import { runMigrations } from '../../src/store/run-migrations.js';
import type { SqlExecutor } from '../../src/store/sql-executor.js';
import { createSubscriptionRepository } from '../../src/store/subscription-repository.js';
import { armFatalCheckpoint } from '../helpers/arm-fatal-checkpoint.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { testClock } from '../helpers/test-clock.js';
import { weeklySubscription } from './weekly-subscription.js';

const INVALIDATED = 'store: DuckDB invalidated the database after a fatal error; reopening it';
const sub = weeklySubscription;

let dir = '';
let db: SqlExecutor;
let logger: ReturnType<typeof createMemoryLogger>;
const clock = testClock();
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'codex-pulse-store-fatal-'));
  logger = createMemoryLogger();
  db = await createDuckDbExecutor(join(dir, 'store.duckdb'), { logger });
  await runMigrations(db, migrations, storeLedger, { logger, now: () => clock.now() });
});
afterEach(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

const invalidations = () => logger.lines.filter((line) => line.msg === INVALIDATED);

it('a write that hits a fatal error fails alone; earlier subscriptions stay and the next write works', async () => {
  const ids = ['aaaaa', 'bbbbb', 'ccccc'];
  const subscriptions = createSubscriptionRepository(db, {
    now: () => clock.now(),
    newId: () => ids.shift() ?? '',
  });
  await subscriptions.create(sub);
  await armFatalCheckpoint(db);

  const failing = await subscriptions.create(sub).catch((error: unknown) => error);
  expect(errorCode(failing)).toBe('store_query_failed');
  expect(String(failing)).toMatch(/invalidated the embedded store during this call.*reopened/);
  expect(invalidations()).toHaveLength(1);
  expect(invalidations()[0]?.level).toBe('error');

  expect((await subscriptions.list('T1')).map((s) => s.id)).toContain('aaaaa');
  expect((await subscriptions.create(sub)).id).toBe('ccccc');
  expect((await subscriptions.get('ccccc'))?.channelId).toBe('C1');
  expect(invalidations()).toHaveLength(1);
});

it('a transaction whose commit hits a fatal error fails alone, and the next transaction commits', async () => {
  await db.query('CREATE TABLE counter (n integer)');
  await db.query('INSERT INTO counter VALUES (1)');
  await armFatalCheckpoint(db);
  const failing = db.transaction(async (tx) => {
    await tx.query('UPDATE counter SET n = n + 1');
  });
  const error = await failing.catch((e: unknown) => e);
  expect(errorCode(error)).toBe('store_query_failed');
  // DuckDB wrote this small commit to the WAL before its automatic checkpoint failed, and says so; the
  // error passes that on, and the reopened file has it, on top of the row committed before.
  expect(String(error)).toMatch(/COMMIT succeeded and is durable/);
  expect(await db.query('SELECT n FROM counter')).toEqual([{ n: 2 }]);
  await db.transaction(async (tx) => {
    await tx.query('UPDATE counter SET n = n + 10');
  });
  expect(await db.query('SELECT n FROM counter')).toEqual([{ n: 12 }]);
  expect(invalidations()).toHaveLength(1);
});
