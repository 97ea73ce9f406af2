/**
 * Issue 11 §8: an embedded store from the first wave (PGlite in DATA_DIR/pglite) upgrades to the DuckDB
 * store without losing subscriptions or delivery records — at the latest first-wave schema and at the
 * first one — and is imported exactly once.
 */
import { mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeliveryRepository } from '../../src/store/delivery-repository.js';
import { createDuckDbExecutor } from '../../src/store/duckdb-executor.js';
import { openStore, STORE_FILE } from '../../src/store/open-store.js';
import { createShareRepository } from '../../src/store/share-repository.js';
import type { SqlExecutor, SqlRow } from '../../src/store/sql-executor.js';
import { createSubscriptionRepository } from '../../src/store/subscription-repository.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { testClock } from '../helpers/test-clock.js';
import { openFirstWaveStore } from './first-wave-store.js';

/**
 * Columns the store gained after the first wave: null teams on every imported row (migration 6, team
 * digests), and each one a channel's (migration 7: the first wave had no personal subscriptions).
 */
const noTeam = { filter_team_id: null, filter_team_name: null, kind: 'channel' };
function asImported<T extends { subscriptions?: Record<string, unknown>[] }>(rows: T): T {
  return { ...rows, subscriptions: rows.subscriptions?.map((row) => ({ ...row, ...noTeam })) };
}

const T0 = new Date('2025-03-10T09:00:00.123Z');
const WEEK = 604_800;
const PERIOD = Date.UTC(2025, 2, 3) / 1000;
const LEASE = 60_000;
const at = (ms: number) => new Date(T0.getTime() + ms);
/** PGlite's initdb alone takes seconds, and each test opens it twice on a shared machine. */
const SLOW = 180_000;

/** Every row of every store table, in key order, payloads parsed: what must survive the upgrade. */
async function snapshot(db: SqlExecutor, tables: readonly string[]): Promise<Record<string, SqlRow[]>> {
  const keys: Record<string, string> = {
    subscriptions: 'id',
    deliveries: 'subscription_id, period_start',
    delivery_parts: 'subscription_id, period_start, part',
    shares: 'id',
  };
  const out: Record<string, SqlRow[]> = {};
  for (const table of tables) {
    const select = table === 'shares' ? '*, CAST(payload AS text) AS payload_text' : '*';
    const rows = await db.query(`SELECT ${select} FROM ${table} ORDER BY ${keys[table]}`);
    out[table] = rows.map(({ payload: _, payload_text, ...row }) =>
      payload_text === undefined ? row : { ...row, payload: JSON.parse(String(payload_text)) },
    );
  }
  return out;
}

const sub = (channelId: string) =>
  ({
    teamId: 'T1',
    channelId,
    ownerUserId: 'U1',
    day: 'mon',
    time: '09:00',
    timeZone: 'Europe/Paris',
    style: 'standard',
    cadence: 'weekly',
  }) as const;

/**
 * Subscriptions as the first wave's repository wrote them (its columns, schema version 3): today's
 * repository writes columns that schema never had. Status changes are today's, on columns it had.
 */
function firstWaveSubscriptions(db: SqlExecutor, newId: () => string) {
  const today = createSubscriptionRepository(db, { now: () => T0 });
  return {
    async create(
      input: Record<
        'teamId' | 'channelId' | 'ownerUserId' | 'day' | 'time' | 'timeZone' | 'style' | 'cadence',
        string
      >,
    ) {
      const id = newId();
      await db.query(
        `INSERT INTO subscriptions
           (id, team_id, channel_id, owner_user_id, day, time, time_zone, style, cadence, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'active', $10)`,
        [
          id,
          input.teamId,
          input.channelId,
          input.ownerUserId,
          input.day,
          input.time,
          input.timeZone,
          input.style,
          input.cadence,
          T0,
        ],
      );
      return { id };
    },
    setStatus: today.setStatus,
    remove: today.remove,
  };
}

describe('upgrade of a first-wave embedded store (PGlite → DuckDB)', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'codex-pulse-upgrade-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  const openNew = (logger = createMemoryLogger()) => openStore({ dataDir, logger, clock: testClock(T0) });

  /** Reads the new store's file directly, around openStore (which holds it while open). */
  async function newStoreRows(tables: readonly string[]): Promise<Record<string, SqlRow[]>> {
    const db = await createDuckDbExecutor(join(dataDir, STORE_FILE), { logger: createMemoryLogger() });
    try {
      return await snapshot(db, tables);
    } finally {
      await db.close();
    }
  }

  it(
    'imports the latest first-wave schema with every id, status and time, once',
    async () => {
      const old = await openFirstWaveStore(join(dataDir, 'pglite'), 3, () => T0);
      const ids: string[] = [];
      const subs = firstWaveSubscriptions(old, () => ids.shift() ?? 'zzzzz');
      const deliveries = createDeliveryRepository(old, { now: () => at(5_000) });
      ids.push('aaaaa', 'bbbbb', 'ccccc');
      const active = await subs.create(sub('C1'));
      const paused = await subs.create({ ...sub('C2'), cadence: 'quarterly', style: 'leadership' });
      const removed = await subs.create(sub('C3'));
      await subs.setStatus(paused.id, 'paused', 'not_in_channel');
      // A delivery of each status, parts included, on the subscription that is then removed too.
      const claim = (subscriptionId: string, periodStart: number, workerId: string) =>
        deliveries.claim({ subscriptionId, periodStart, dueAt: T0, workerId, now: T0, leaseMs: LEASE });
      await claim(active.id, PERIOD, 'w1');
      await deliveries.recordPart({ subscriptionId: active.id, periodStart: PERIOD }, 'w1', 0, '111.000');
      await deliveries.recordPart({ subscriptionId: active.id, periodStart: PERIOD }, 'w1', 1, '111.001');
      await deliveries.finish({ subscriptionId: active.id, periodStart: PERIOD }, 'w1', 'delivered');
      await claim(active.id, PERIOD + WEEK, 'w1');
      await deliveries.recordPart(
        { subscriptionId: active.id, periodStart: PERIOD + WEEK },
        'w1',
        0,
        '222.000',
      );
      await deliveries.finish(
        { subscriptionId: active.id, periodStart: PERIOD + WEEK },
        'w1',
        'failed',
        'codex_unavailable',
      );
      await claim(active.id, PERIOD + 2 * WEEK, 'w2'); // still pending, claimed
      await deliveries.recordSkipped({ subscriptionId: paused.id, periodStart: PERIOD }, T0, 'paused');
      await claim(removed.id, PERIOD, 'w1');
      await deliveries.finish(
        { subscriptionId: removed.id, periodStart: PERIOD },
        'w1',
        'skipped',
        'no_data',
      );
      await subs.remove(removed.id);
      const shares = createShareRepository(old);
      const share = await shares.save(
        { teamId: 'T1', userId: 'U1', perUser: true, namedPeople: 2, payload: { text: 'hi', n: [1, 2] } },
        T0,
        30 * 60_000,
      );
      await shares.take(share.id, at(1_000), 10_000);
      const tables = ['subscriptions', 'deliveries', 'delivery_parts', 'shares'] as const;
      const before = await snapshot(old, tables);
      await old.close();
      expect(before.deliveries?.map((d) => d.status).sort()).toEqual([
        'delivered',
        'failed',
        'pending',
        'skipped',
        'skipped',
      ]);

      const logger = createMemoryLogger();
      const store = await openNew(logger);
      try {
        // Through the contract: what the bot reads after the upgrade.
        expect((await store.subscriptions.list()).map((s) => s.id)).toEqual(['aaaaa', 'bbbbb']);
        expect(await store.subscriptions.get('bbbbb')).toMatchObject({
          status: 'paused',
          pausedReason: 'not_in_channel',
          cadence: 'quarterly',
          style: 'leadership',
          createdAt: T0,
        });
        expect(await store.subscriptions.get(removed.id)).toBeNull();
        expect(await store.deliveries.recent(removed.id, 5)).toMatchObject([
          { status: 'skipped', reason: 'no_data' },
        ]);
        expect(await store.deliveries.get({ subscriptionId: active.id, periodStart: PERIOD })).toMatchObject({
          status: 'delivered',
          parentTs: '111.000',
          postedParts: 2,
          attempts: 1,
        });
        expect(await store.shares.get(share.id, at(2_000))).toMatchObject({
          payload: { text: 'hi', n: [1, 2] },
        });
        // The claims carried over hold: the pending delivery is still w2's, the taken share still taken.
        expect(
          await store.deliveries.claim({
            subscriptionId: active.id,
            periodStart: PERIOD + 2 * WEEK,
            dueAt: T0,
            workerId: 'w3',
            now: at(1_000),
            leaseMs: LEASE,
          }),
        ).toBeNull();
        expect(await store.shares.take(share.id, at(2_000), 10_000)).toBe(false);
      } finally {
        await store.close();
      }
      expect(
        logger.lines.filter((l) => l.msg === 'store: imported the first-wave embedded store'),
      ).toMatchObject([{ subscriptions: 3, deliveries: 5, delivery_parts: 3, shares: 1 }]);
      // Row for row, every column (removed_at, claims, attempts, times to the millisecond).
      expect(await newStoreRows(tables)).toEqual(asImported(before));

      // The old directory is set aside under a dated name, and a second open imports nothing.
      const entries = await readdir(dataDir);
      expect(entries).not.toContain('pglite');
      expect(entries).toContain('pglite.imported-20250310T090000Z');
      const again = createMemoryLogger();
      await (await openNew(again)).close();
      expect(again.lines.some((l) => String(l.msg).includes('import'))).toBe(false);
      expect(await newStoreRows(tables)).toEqual(asImported(before));
    },
    SLOW,
  );

  it(
    'imports the first schema version (no shares, no cadence) as weekly subscriptions',
    async () => {
      const old = await openFirstWaveStore(join(dataDir, 'pglite'), 1, () => T0);
      await old.query(
        `INSERT INTO subscriptions (id, team_id, channel_id, owner_user_id, day, time, time_zone, style, status,
         created_at, removed_at)
       VALUES ('v1aaa', 'T1', 'C1', 'U1', 'wed', '10:00', 'UTC', 'standard', 'active', $1, NULL),
              ('v1bbb', 'T1', 'C2', 'U2', 'fri', '16:30', 'UTC', 'standard', 'active', $1, $2)`,
        [T0, at(60_000)],
      );
      await old.query(
        `INSERT INTO deliveries (subscription_id, period_start, due_at, status, reason, parent_ts, posted_parts,
         attempts, updated_at)
       VALUES ('v1aaa', $1, $2, 'delivered', NULL, '9.000', 1, 1, $2), ('v1bbb', $1, $2, 'failed', 'x', NULL, 0, 3, $2)`,
        [PERIOD, T0],
      );
      await old.query(
        `INSERT INTO delivery_parts (subscription_id, period_start, part, ts, posted_at) VALUES ('v1aaa', $1, 0, '9.000', $2)`,
        [PERIOD, T0],
      );
      const before = await snapshot(old, ['subscriptions', 'deliveries', 'delivery_parts']);
      await old.close();

      const store = await openNew();
      try {
        expect(await store.subscriptions.list()).toMatchObject([
          { id: 'v1aaa', cadence: 'weekly', createdAt: T0 },
        ]);
        expect(await store.deliveries.recent('v1bbb', 5)).toMatchObject([{ status: 'failed', attempts: 3 }]);
      } finally {
        await store.close();
      }
      const after = await newStoreRows(['subscriptions', 'deliveries', 'delivery_parts', 'shares']);
      expect(after.subscriptions).toEqual(
        before.subscriptions?.map((row) => ({ ...row, cadence: 'weekly', ...noTeam })),
      );
      expect(after.deliveries).toEqual(before.deliveries);
      expect(after.delivery_parts).toEqual(before.delivery_parts);
      expect(after.shares).toEqual([]);
    },
    SLOW,
  );

  it(
    'imports again without doubling anything when a crash came between the commit and the rename',
    async () => {
      const old = await openFirstWaveStore(join(dataDir, 'pglite'), 3, () => T0);
      const subs = firstWaveSubscriptions(old, () => 'fw001');
      const made = await subs.create(sub('C1'));
      await createDeliveryRepository(old, { now: () => T0 }).recordSkipped(
        { subscriptionId: made.id, periodStart: PERIOD },
        T0,
        'paused',
      );
      await old.close();

      await (await openNew()).close();
      const imported = await newStoreRows(['subscriptions', 'deliveries']);
      // As if the process died right after the import committed: the directory is still where it was.
      await rename(join(dataDir, 'pglite.imported-20250310T090000Z'), join(dataDir, 'pglite'));
      const logger = createMemoryLogger();
      await (await openNew(logger)).close();
      expect(logger.lines.some((l) => l.msg === 'store: imported the first-wave embedded store')).toBe(true);
      expect(await newStoreRows(['subscriptions', 'deliveries'])).toEqual(imported);
      expect(imported.deliveries).toHaveLength(1);
    },
    SLOW,
  );
});
