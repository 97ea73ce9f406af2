import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.js';
import { errorCode } from '../../src/errors.js';
import { SHORT_ID_ALPHABET } from '../../src/store/short-id.js';
import type { NewSubscription, Store } from '../../src/store/store-types.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { type Backend, embeddedBackend, postgresBackend } from './store-backends.js';

const T0 = new Date('2025-03-10T09:00:00Z');
const PERIOD = Date.UTC(2025, 2, 3) / 1000;
const LEASE = 60_000;
const at = (ms: number) => new Date(T0.getTime() + ms);
const newSub = (over: Partial<NewSubscription> = {}): NewSubscription => ({
  teamId: 'T1',
  channelId: 'C1',
  ownerUserId: 'U1',
  day: 'mon',
  time: '09:00',
  timeZone: 'Europe/Paris',
  style: 'standard',
  cadence: 'weekly',
  ...over,
});

async function rejectionCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return errorCode(error);
  }
  throw new Error('expected a rejection');
}

describe.each([embeddedBackend(), postgresBackend()])('store contract: $kind', (backend: Backend) => {
  const clock = createManualClock(new Date('2025-03-01T00:00:00Z'));
  let store: Store;

  beforeAll(async () => {
    if (!backend.available) return;
    await backend.setUp();
    store = await backend.open({ clock });
  });
  afterAll(async () => {
    if (!backend.available) return;
    await store?.close();
    await backend.tearDown();
  });

  /** A fresh subscription and its first-period key: tests share one store, never one row. */
  async function freshKey() {
    const sub = await store.subscriptions.create(newSub());
    return { subscriptionId: sub.id, periodStart: PERIOD };
  }
  const claimAs = (key: { subscriptionId: string; periodStart: number }, workerId: string, now = T0) =>
    store.deliveries.claim({ ...key, dueAt: T0, workerId, now, leaseMs: LEASE });

  describe.skipIf(!backend.available)('against a fresh database', () => {
    it('reopens with data kept and no migration applied again', async () => {
      const sub = await store.subscriptions.create(newSub({ channelId: 'C-persist' }));
      await store.close();
      const logger = createMemoryLogger();
      store = await backend.open({ clock, logger });
      expect(await store.subscriptions.get(sub.id)).toEqual(sub);
      expect(logger.lines.filter((line) => line.msg === 'store: migration applied')).toEqual([]);
      expect(store.kind).toBe(backend.kind);
    });

    it('keeps a subscription’s cadence (issue 11 §3)', async () => {
      const quarterly = await store.subscriptions.create(
        newSub({ channelId: 'C-quarterly', cadence: 'quarterly' }),
      );
      expect(quarterly.cadence).toBe('quarterly');
      expect(await store.subscriptions.get(quarterly.id)).toMatchObject({ cadence: 'quarterly' });
      const weekly = await store.subscriptions.create(newSub({ channelId: 'C-weekly' }));
      expect((await store.subscriptions.get(weekly.id))?.cadence).toBe('weekly');
    });

    it('keeps the team of a team digest, and none for the workspace digest (issue 12 §3)', async () => {
      const team = await store.subscriptions.create(newSub({ team: { id: 'S0PLAT', name: '@platform' } }));
      const workspace = await store.subscriptions.create(newSub());
      expect(team.team).toEqual({ id: 'S0PLAT', name: '@platform' });
      expect((await store.subscriptions.get(team.id))?.team).toEqual({ id: 'S0PLAT', name: '@platform' });
      expect((await store.subscriptions.get(workspace.id))?.team).toBeNull();
      const listed = await store.subscriptions.list('T1');
      expect(listed.find((s) => s.id === team.id)?.team?.name).toBe('@platform');
    });

    it('creates, reads, lists, pauses and soft-deletes subscriptions', async () => {
      const team = `T-${Math.random()}`;
      const a = await store.subscriptions.create(newSub({ teamId: team, style: 'leadership' }));
      const b = await store.subscriptions.create(newSub({ teamId: team, day: 'fri', time: '17:30' }));
      expect(a.id).toMatch(new RegExp(`^[${SHORT_ID_ALPHABET}]{5}$`));
      expect(a).toMatchObject({ teamId: team, status: 'active', pausedReason: null, style: 'leadership' });
      expect(a.createdAt).toEqual(clock.now());
      expect(await store.subscriptions.get(` ${a.id.toUpperCase()} `)).toEqual(a);
      expect((await store.subscriptions.list(team)).map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
      expect((await store.subscriptions.list()).length).toBeGreaterThanOrEqual(2);

      await store.subscriptions.setStatus(a.id, 'paused', 'not_in_channel');
      expect(await store.subscriptions.get(a.id)).toMatchObject({
        status: 'paused',
        pausedReason: 'not_in_channel',
      });
      await store.subscriptions.setStatus(a.id, 'active', 'ignored');
      expect(await store.subscriptions.get(a.id)).toMatchObject({ status: 'active', pausedReason: null });

      const key = { subscriptionId: a.id, periodStart: PERIOD };
      expect(await claimAs(key, 'w1')).not.toBeNull();
      await store.deliveries.finish(key, 'w1', 'delivered');

      expect(await store.subscriptions.remove(a.id)).toBe(true);
      expect(await store.subscriptions.remove(a.id)).toBe(false);
      expect(await store.subscriptions.remove('zzzzz')).toBe(false);
      expect(await store.subscriptions.get(a.id)).toBeNull();
      expect((await store.subscriptions.list(team)).map((s) => s.id)).toEqual([b.id]);
      // History stays after removal.
      expect(await store.deliveries.recent(a.id, 10)).toMatchObject([{ status: 'delivered' }]);
    });

    it('gives the first claim to one worker and null to the next', async () => {
      const key = await freshKey();
      const first = await claimAs(key, 'w1');
      expect(first).toMatchObject({
        ...key,
        status: 'pending',
        attempts: 1,
        postedParts: 0,
        parentTs: null,
        claimedBy: 'w1',
        claimedUntil: at(LEASE),
        dueAt: T0,
      });
      expect(await claimAs(key, 'w2', at(LEASE - 1))).toBeNull();
      // Not re-entrant: a second tick of the same worker must not deliver twice either.
      expect(await claimAs(key, 'w1', at(1))).toBeNull();
    });

    it('lets exactly one of 20 concurrent claimers win', async () => {
      const key = await freshKey();
      const stores = backend.replicas ? [store, await backend.open(), await backend.open()] : [store];
      try {
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => {
            const s = stores[i % stores.length] as Store;
            return s.deliveries.claim({ ...key, dueAt: T0, workerId: `w${i}`, now: T0, leaseMs: LEASE });
          }),
        );
        const winners = results.filter((r) => r !== null);
        expect(winners).toHaveLength(1);
        expect(winners[0]?.attempts).toBe(1);
      } finally {
        for (const extra of stores.slice(1)) await extra.close();
      }
    });

    it('takes over an expired claim, counts the attempt, and fences the old holder out', async () => {
      const key = await freshKey();
      await claimAs(key, 'w1');
      expect(await claimAs(key, 'w2', at(LEASE))).toBeNull(); // expires strictly after claimedUntil
      const taken = await claimAs(key, 'w2', at(LEASE + 1));
      expect(taken).toMatchObject({ claimedBy: 'w2', attempts: 2, claimedUntil: at(2 * LEASE + 1) });
      expect(await rejectionCode(store.deliveries.recordPart(key, 'w1', 0, '1.0'))).toBe('store_claim_lost');
      expect(await rejectionCode(store.deliveries.finish(key, 'w1', 'delivered'))).toBe('store_claim_lost');
      expect(await store.deliveries.get(key)).toMatchObject({ status: 'pending', claimedBy: 'w2' });
    });

    it('never re-claims a finished delivery, whatever its outcome', async () => {
      for (const status of ['delivered', 'failed', 'skipped'] as const) {
        const key = await freshKey();
        await claimAs(key, 'w1');
        await store.deliveries.finish(key, 'w1', status, 'slack_down');
        expect(await store.deliveries.get(key)).toMatchObject({
          status,
          reason: status === 'delivered' ? null : 'slack_down',
          claimedBy: null,
          claimedUntil: null,
        });
        expect(await claimAs(key, 'w2', at(100 * LEASE))).toBeNull();
        expect(await rejectionCode(store.deliveries.finish(key, 'w1', 'delivered'))).toBe('store_claim_lost');
      }
    });

    it('refuses parts from a worker that never held the claim', async () => {
      const key = await freshKey();
      await claimAs(key, 'w1');
      expect(await rejectionCode(store.deliveries.recordPart(key, 'w2', 0, '1.0'))).toBe('store_claim_lost');
      const unknown = { subscriptionId: key.subscriptionId, periodStart: PERIOD + 604_800 };
      expect(await rejectionCode(store.deliveries.recordPart(unknown, 'w1', 0, '1.0'))).toBe(
        'store_claim_lost',
      );
      expect(await rejectionCode(store.deliveries.recordPart(key, 'w1', -1, '1.0'))).toBe(
        'store_invalid_input',
      );
      expect(await store.deliveries.get(key)).toMatchObject({ postedParts: 0, parentTs: null });
    });

    it('records parts idempotently, keeping the first ts', async () => {
      const key = await freshKey();
      await claimAs(key, 'w1');
      await store.deliveries.recordPart(key, 'w1', 0, '100.1');
      await store.deliveries.recordPart(key, 'w1', 0, '999.9');
      await store.deliveries.recordPart(key, 'w1', 1, '100.2');
      expect(await store.deliveries.get(key)).toMatchObject({ parentTs: '100.1', postedParts: 2 });
    });

    it('resumes after a crash mid-delivery with the posted parts, without duplicates', async () => {
      const key = await freshKey();
      await claimAs(key, 'w1');
      await store.deliveries.recordPart(key, 'w1', 0, '200.1');
      await store.deliveries.recordPart(key, 'w1', 1, '200.2');
      // The "crash": the process goes away without finishing; a new one opens the same store.
      await store.close();
      store = await backend.open({ clock });
      expect(await claimAs(key, 'w2', at(LEASE / 2))).toBeNull();
      const resumed = await claimAs(key, 'w2', at(LEASE + 1));
      expect(resumed).toMatchObject({ parentTs: '200.1', postedParts: 2, attempts: 2, claimedBy: 'w2' });
      await store.deliveries.recordPart(key, 'w2', 2, '200.3');
      await store.deliveries.finish(key, 'w2', 'delivered');
      expect(await store.deliveries.get(key)).toMatchObject({
        status: 'delivered',
        parentTs: '200.1',
        postedParts: 3,
        attempts: 2,
      });
    });

    it('records a skipped period only when no delivery exists', async () => {
      const key = await freshKey();
      await store.deliveries.recordSkipped(key, T0, 'missed_grace_window');
      expect(await store.deliveries.get(key)).toMatchObject({
        status: 'skipped',
        reason: 'missed_grace_window',
        attempts: 0,
        claimedBy: null,
      });
      expect(await claimAs(key, 'w1')).toBeNull();

      const claimed = await freshKey();
      await claimAs(claimed, 'w1');
      await store.deliveries.recordSkipped(claimed, T0, 'missed_grace_window');
      expect(await store.deliveries.get(claimed)).toMatchObject({ status: 'pending', claimedBy: 'w1' });
    });

    it('rejects a delivery for an unknown subscription with a store error code', async () => {
      const key = { subscriptionId: 'nosub', periodStart: PERIOD };
      expect(await rejectionCode(claimAs(key, 'w1'))).toBe('store_query_failed');
    });

    it('reopens a failed delivery once, for one worker, keeping its posted parts', async () => {
      const key = await freshKey();
      await claimAs(key, 'w1');
      await store.deliveries.recordPart(key, 'w1', 0, '111.000');
      await store.deliveries.finish(key, 'w1', 'failed', 'codex_unavailable');
      const reopen = (workerId: string) =>
        store.deliveries.reopenFailed({ ...key, workerId, now: at(1_000), leaseMs: LEASE });

      const [a, b] = await Promise.all([reopen('w2'), reopen('w3')]);
      const won = [a, b].filter((d) => d !== null);
      expect(won).toHaveLength(1);
      expect(won[0]).toMatchObject({
        status: 'pending',
        reason: null,
        attempts: 2,
        parentTs: '111.000',
        postedParts: 1,
        claimedUntil: at(1_000 + LEASE),
      });
      const holder = won[0]?.claimedBy ?? '';
      // The holder resumes as after a claim: the next part goes under the same parent.
      await store.deliveries.recordPart(key, holder, 1, '222.000');
      await store.deliveries.finish(key, holder, 'delivered');
      expect(await store.deliveries.get(key)).toMatchObject({ status: 'delivered', postedParts: 2 });
      expect(await reopen('w4')).toBeNull();
    });

    it('reopens only failed deliveries', async () => {
      const pending = await freshKey();
      await claimAs(pending, 'w1');
      const skipped = await freshKey();
      await store.deliveries.recordSkipped(skipped, T0, 'missed_grace_window');
      const none = await freshKey();
      for (const key of [pending, skipped, none]) {
        expect(
          await store.deliveries.reopenFailed({ ...key, workerId: 'w2', now: at(LEASE * 2), leaseMs: LEASE }),
        ).toBeNull();
      }
      expect(await store.deliveries.get(pending)).toMatchObject({ status: 'pending', claimedBy: 'w1' });
    });

    it('lists recent deliveries newest first, up to the limit', async () => {
      const { subscriptionId } = await freshKey();
      const weeks = [0, 2, 1, 3].map((w) => PERIOD + w * 604_800);
      for (const periodStart of weeks) {
        await store.deliveries.recordSkipped({ subscriptionId, periodStart }, T0, 'paused');
      }
      const recent = await store.deliveries.recent(subscriptionId, 3);
      expect(recent.map((d) => d.periodStart)).toEqual([3, 2, 1].map((w) => PERIOD + w * 604_800));
      expect(await store.deliveries.get({ subscriptionId, periodStart: 1 })).toBeNull();
    });
  });
});
