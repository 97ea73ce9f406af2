import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.js';
import { errorCode } from '../../src/errors.js';
import { migrations } from '../../src/store/migrations.js';
import { createPgliteExecutor } from '../../src/store/pglite-executor.js';
import { runMigrations } from '../../src/store/run-migrations.js';
import type { SqlExecutor } from '../../src/store/sql-executor.js';
import { createSubscriptionRepository } from '../../src/store/subscription-repository.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';

const sub = {
  teamId: 'T1',
  channelId: 'C1',
  ownerUserId: 'U1',
  day: 'wed',
  time: '10:00',
  timeZone: 'UTC',
  style: 'standard',
  cadence: 'weekly',
} as const;

describe('embedded store internals', () => {
  let dir: string;
  let db: SqlExecutor;
  const clock = createManualClock(new Date('2025-01-01T00:00:00Z'));
  const options = { logger: createMemoryLogger(), now: () => clock.now() };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'codex-pulse-embedded-'));
    db = await createPgliteExecutor(join(dir, 'nested', 'pglite'));
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the data directory and applies migrations once', async () => {
    expect((await stat(join(dir, 'nested', 'pglite'))).isDirectory()).toBe(true);
    expect(await runMigrations(db, migrations, options)).toEqual(migrations.map((m) => m.version));
    expect(await runMigrations(db, migrations, options)).toEqual([]);
    const rows = await db.query('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(rows).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
  });

  it('refuses a mis-numbered migration list', async () => {
    const bad = [{ version: 2, name: 'gap', sql: 'SELECT 1' }];
    expect(await runMigrations(db, bad, options).catch(errorCode)).toBe('store_migrations_invalid');
  });

  it('rolls back a failing migration entirely', async () => {
    const list = [
      ...migrations,
      { version: migrations.length + 1, name: 'broken', sql: 'CREATE TABLE half_done (x int); SELECT nope;' },
    ];
    expect(await runMigrations(db, list, options).catch(errorCode)).toBe('store_query_failed');
    expect(await db.query("SELECT to_regclass('half_done') AS t")).toEqual([{ t: null }]);
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

  it('upgrades subscriptions made before cadences to weekly ones (migration 3, issue 11 §3)', async () => {
    const old = await createPgliteExecutor(join(dir, 'before-cadence'));
    try {
      await runMigrations(old, migrations.slice(0, 2), options);
      await old.query(
        `INSERT INTO subscriptions (id, team_id, channel_id, owner_user_id, day, time, time_zone, style, status, created_at)
         VALUES ('olddd', 'T1', 'C1', 'U1', 'mon', '09:00', 'UTC', 'standard', 'active', now())`,
      );
      expect(await runMigrations(old, migrations, options)).toEqual([3]);
      const repo = createSubscriptionRepository(old, { now: options.now });
      expect(await repo.get('olddd')).toMatchObject({ id: 'olddd', cadence: 'weekly', style: 'standard' });
      expect(
        await old.query("UPDATE subscriptions SET cadence = 'yearly' WHERE id = 'olddd'").catch(errorCode),
      ).toBe('store_query_failed');
    } finally {
      await old.close();
    }
  });
});
