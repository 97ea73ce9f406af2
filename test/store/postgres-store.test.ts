import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode } from '../../src/errors.js';
import { migrations } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/open-store.js';
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
