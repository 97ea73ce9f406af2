import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.js';
import type { NewSubscription, Store } from '../../src/store/store-types.js';
import { type Backend, embeddedBackend, postgresBackend } from './store-backends.js';

const personal = (userId: string, over: Partial<NewSubscription> = {}): NewSubscription => ({
  teamId: 'T1',
  channelId: userId,
  ownerUserId: userId,
  kind: 'personal',
  day: 'mon',
  time: '09:00',
  timeZone: 'UTC',
  style: 'standard',
  cadence: 'weekly',
  ...over,
});

describe.each([embeddedBackend(), postgresBackend()])('personal subscriptions: $kind', (backend: Backend) => {
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

  describe.skipIf(!backend.available)('kind, findPersonal and setSchedule', () => {
    it('keeps the kind, and a channel subscription stays a channel one', async () => {
      const { kind: _personal, ...channelSub } = personal('U9', { channelId: 'C9' });
      const channel = await store.subscriptions.create(channelSub);
      expect(channel.kind).toBe('channel');
      const mine = await store.subscriptions.create(personal('U1'));
      expect(mine.kind).toBe('personal');
      expect((await store.subscriptions.get(mine.id))?.kind).toBe('personal');
      // A channel subscription owned by U9 is not U9's personal one.
      expect(await store.subscriptions.findPersonal('T1', 'U9')).toBeNull();
    });

    it('finds a user’s live personal subscription in their team only', async () => {
      const mine = await store.subscriptions.create(personal('U2'));
      expect((await store.subscriptions.findPersonal('T1', 'U2'))?.id).toBe(mine.id);
      expect(await store.subscriptions.findPersonal('T2', 'U2')).toBeNull();
      await store.subscriptions.remove(mine.id);
      expect(await store.subscriptions.findPersonal('T1', 'U2')).toBeNull();
    });

    it('changes the schedule in place, keeping the id', async () => {
      const mine = await store.subscriptions.create(personal('U3'));
      const moved = await store.subscriptions.setSchedule(mine.id, {
        day: 'fri',
        time: '16:30',
        timeZone: 'Europe/Paris',
      });
      expect(moved).toMatchObject({ id: mine.id, day: 'fri', time: '16:30', timeZone: 'Europe/Paris' });
      await store.subscriptions.remove(mine.id);
      expect(
        await store.subscriptions.setSchedule(mine.id, { day: 'mon', time: '09:00', timeZone: 'UTC' }),
      ).toBeNull();
    });

    it.runIf(backend.kind === 'postgres')(
      'refuses a second live personal subscription (replicas)',
      async () => {
        await store.subscriptions.create(personal('U4'));
        await expect(store.subscriptions.create(personal('U4'))).rejects.toThrow();
      },
    );
  });
});
