/**
 * Alert rules and firings (issue 13) on both store engines: rules round-trip with their JSON spec, are
 * snoozed, muted and removed; each (rule, period) is claimed by one of several racing workers, taken
 * over only after a crashed holder's lease, and never again once finished.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode } from '../../src/errors.js';
import type { NewAlertRule } from '../../src/store/alert-store-types.js';
import type { Store } from '../../src/store/store-types.js';
import { testClock } from '../helpers/test-clock.js';
import { type Backend, embeddedBackend, postgresBackend } from './store-backends.js';

const T0 = new Date('2026-11-24T10:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const LEASE = 60_000;
const rule = (over: Partial<NewAlertRule> = {}): NewAlertRule => ({
  teamId: 'T1',
  ownerUserId: 'UADMIN',
  spec: {
    metric: 'credits',
    condition: { kind: 'above', value: 5000, per: 'day' },
    scope: { kind: 'team', team: 'platform' },
    provisional: false,
  },
  destination: { kind: 'channel', channelId: 'COPS' },
  ...over,
});
const DAY = 86_400;
const NOV_18 = Date.parse('2026-11-18T00:00:00Z') / 1000;

describe.each([embeddedBackend(), postgresBackend()])('alert store contract: $kind', (backend: Backend) => {
  let store: Store;

  beforeAll(async () => {
    if (!backend.available) return;
    await backend.setUp();
    store = await backend.open({ clock: testClock(T0) });
  });
  afterAll(async () => {
    if (!backend.available) return;
    await store?.close();
    await backend.tearDown();
  });

  describe.skipIf(!backend.available)('against a fresh database', () => {
    it('keeps a rule with its spec and destination, listed per team, until removed', async () => {
      const made = await store.alerts.create(rule());
      expect(made.id).toMatch(/^[2-9a-z]{5}$/);
      expect(made).toMatchObject({ ...rule(), createdAt: T0, snoozedUntil: null, muted: false });
      const other = await store.alerts.create(rule({ teamId: 'T2', destination: { kind: 'dm' } }));
      expect(await store.alerts.get(made.id.toUpperCase())).toEqual(made);
      expect((await store.alerts.list('T1')).map((r) => r.id)).toContain(made.id);
      expect((await store.alerts.list('T1')).map((r) => r.id)).not.toContain(other.id);
      expect(await store.alerts.remove(made.id)).toBe(true);
      expect(await store.alerts.remove(made.id)).toBe(false);
      expect(await store.alerts.get(made.id)).toBeNull();
      expect((await store.alerts.list()).map((r) => r.id)).toEqual([other.id]);
    });

    it('snoozes, lifts a snooze, mutes and unmutes', async () => {
      const { id } = await store.alerts.create(rule());
      await store.alerts.snooze(id, at(7 * DAY * 1000));
      await store.alerts.setMuted(id, true);
      expect(await store.alerts.get(id)).toMatchObject({ snoozedUntil: at(7 * DAY * 1000), muted: true });
      await store.alerts.snooze(id, null);
      await store.alerts.setMuted(id, false);
      expect(await store.alerts.get(id)).toMatchObject({ snoozedUntil: null, muted: false });
    });

    it('survives a reopen (a restart, or another replica on PostgreSQL)', async () => {
      const made = await store.alerts.create(
        rule({ spec: { ...rule().spec, condition: { kind: 'anomaly', k: 2.5 } } }),
      );
      await store.close();
      store = await backend.open({ clock: testClock(T0) });
      expect(await store.alerts.get(made.id)).toEqual(made);
    });

    it('lets one of several racing workers claim a period, once', async () => {
      const { id } = await store.alerts.create(rule());
      const claim = (workerId: string, now = T0) =>
        store.alerts.claimFiring({
          ruleId: id,
          periodStart: NOV_18,
          periodEnd: NOV_18 + DAY,
          value: 6210.5,
          workerId,
          now,
          leaseMs: LEASE,
        });
      const claims = await Promise.all(['a', 'b', 'c', 'd'].map((w) => claim(w)));
      const winners = claims.filter((c) => c !== null);
      expect(winners).toHaveLength(1);
      const winner = winners[0]?.claimedBy ?? '';
      expect(winners[0]).toMatchObject({ status: 'pending', value: 6210.5, periodEnd: NOV_18 + DAY });
      // Not re-entrant while the lease holds, even for the holder.
      expect(await claim(winner, at(LEASE - 1))).toBeNull();
      await store.alerts.finishFiring({ ruleId: id, periodStart: NOV_18 }, winner, {
        status: 'posted',
        messageTs: '1700.1',
      });
      // Finished: never claimed again, whatever the clock says.
      expect(await claim('e', at(10 * LEASE))).toBeNull();
      expect(await store.alerts.firings(id, 5)).toMatchObject([
        { status: 'posted', messageTs: '1700.1', claimedBy: null },
      ]);
    });

    it('hands a crashed worker’s firing to another after its lease, and refuses the old holder', async () => {
      const { id } = await store.alerts.create(rule());
      const claim = (workerId: string, now: Date) =>
        store.alerts.claimFiring({
          ruleId: id,
          periodStart: NOV_18,
          periodEnd: NOV_18 + DAY,
          value: 1,
          workerId,
          now,
          leaseMs: LEASE,
        });
      expect(await claim('crashed', T0)).not.toBeNull();
      expect(await claim('next', at(LEASE + 1))).toMatchObject({ claimedBy: 'next' });
      const lost = await store.alerts
        .finishFiring({ ruleId: id, periodStart: NOV_18 }, 'crashed', { status: 'posted', messageTs: '1' })
        .catch((error: unknown) => error);
      expect(errorCode(lost)).toBe('store_claim_lost');
      await store.alerts.finishFiring({ ruleId: id, periodStart: NOV_18 }, 'next', {
        status: 'suppressed',
        reason: 'snoozed',
      });
      expect(await store.alerts.firings(id, 5)).toMatchObject([{ status: 'suppressed', reason: 'snoozed' }]);
    });
  });
});
