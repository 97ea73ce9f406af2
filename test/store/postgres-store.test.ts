import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode } from '../../src/errors.js';
import { migrations, storeLedger } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/open-store.js';
import { createPgExecutor } from '../../src/store/pg-executor.js';
import { runMigrations } from '../../src/store/run-migrations.js';
import { createSubscriptionRepository } from '../../src/store/subscription-repository.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { testClock } from '../helpers/test-clock.js';
import { postgresBackend } from './store-backends.js';

const backend = postgresBackend();

describe.skipIf(!backend.available)('postgres store: several replicas', () => {
  beforeAll(() => backend.setUp());
  afterAll(() => backend.tearDown());

  it('opens two replicas at once on an empty schema; migrations apply exactly once', async () => {
    const loggers = [createMemoryLogger(), createMemoryLogger(), createMemoryLogger()];
    const stores = await Promise.all(loggers.map((logger) => backend.open({ logger })));
    try {
      const applied = loggers.flatMap((l) => l.lines).filter((l) => l.msg === 'store: migration applied');
      expect(applied).toHaveLength(migrations.length);

      const client = new pg.Client({ connectionString: backend.url() });
      await client.connect();
      try {
        const { rows } = await client.query('SELECT version FROM schema_migrations ORDER BY version');
        expect(rows.map((r: { version: number }) => r.version)).toEqual(migrations.map((m) => m.version));
      } finally {
        await client.end();
      }
      // Each replica sees the same data.
      const [a, b] = stores;
      const sub = await a?.subscriptions.create({
        teamId: 'T1',
        channelId: 'C1',
        ownerUserId: 'U1',
        day: 'tue',
        time: '08:15',
        timeZone: 'America/New_York',
        style: 'standard',
        cadence: 'weekly',
      });
      expect(sub && (await b?.subscriptions.get(sub.id))).toEqual(sub);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});

const before = postgresBackend();

describe.skipIf(!before.available)('postgres store: an existing database upgrades', () => {
  beforeAll(() => before.setUp());
  afterAll(() => before.tearDown());

  it('upgrades subscriptions made before cadences to weekly ones (migration 3, issue 11 §3)', async () => {
    const options = { logger: createMemoryLogger(), now: () => testClock().now() };
    const old = await createPgExecutor(before.url(), options.logger);
    try {
      await runMigrations(old, migrations.slice(0, 2), storeLedger, options);
      await old.query(
        `INSERT INTO subscriptions (id, team_id, channel_id, owner_user_id, day, time, time_zone, style, status, created_at)
         VALUES ('olddd', 'T1', 'C1', 'U1', 'mon', '09:00', 'UTC', 'standard', 'active', now())`,
      );
      expect(await runMigrations(old, migrations, storeLedger, options)).toEqual(
        migrations.slice(2).map((m) => m.version),
      );
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

describe('postgres store: unreachable server', () => {
  it('fails to open with store_unavailable and never echoes the URL password', async () => {
    const error = await openStore({
      dataDir: '/unused',
      databaseUrl: 'postgres://bot:s3cret-pw@127.0.0.1:1/nothing',
      logger: createMemoryLogger(),
      clock: testClock(),
    }).then(
      () => new Error('expected a rejection'),
      (e: unknown) => e,
    );
    expect(errorCode(error)).toBe('store_unavailable');
    expect(String((error as Error).message)).not.toContain('s3cret-pw');
  });
});
