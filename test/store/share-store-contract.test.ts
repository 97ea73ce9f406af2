import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode } from '../../src/errors.js';
import type { NewShare, Store } from '../../src/store/store-types.js';
import { type Backend, embeddedBackend, postgresBackend } from './store-backends.js';

const T0 = new Date('2026-11-24T10:00:00Z');
const TTL = 30 * 60_000;
const at = (ms: number) => new Date(T0.getTime() + ms);
const answer = (over: Partial<NewShare> = {}): NewShare => ({
  teamId: 'T1',
  userId: 'U1',
  perUser: true,
  namedPeople: 10,
  payload: { kind: 'message', message: { text: 'Top users', blocks: [{ type: 'divider' }], charts: [] } },
  ...over,
});

describe.each([embeddedBackend(), postgresBackend()])('share store contract: $kind', (backend: Backend) => {
  let store: Store;

  beforeAll(async () => {
    if (!backend.available) return;
    await backend.setUp();
    store = await backend.open();
  });
  afterAll(async () => {
    if (!backend.available) return;
    await store?.close();
    await backend.tearDown();
  });

  describe.skipIf(!backend.available)('against a fresh database', () => {
    it('keeps an answer with its owner, its JSON intact, for 30 minutes by the caller’s clock', async () => {
      const saved = await store.shares.save(answer(), T0, TTL);
      expect(saved.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(saved).toMatchObject({ userId: 'U1', teamId: 'T1', perUser: true, namedPeople: 10 });
      expect(saved.expiresAt).toEqual(at(TTL));
      expect(await store.shares.get(saved.id, at(TTL - 1))).toEqual(saved);
      expect(await store.shares.get(saved.id, at(TTL))).toBeNull();
      expect(await store.shares.get('no-such-id', T0)).toBeNull();
    });

    it('survives a reopen (a restart, or another replica on PostgreSQL)', async () => {
      const saved = await store.shares.save(answer({ perUser: false, namedPeople: 0 }), T0, TTL);
      await store.close();
      store = await backend.open();
      expect(await store.shares.get(saved.id, at(60_000))).toEqual(saved);
    });

    it('deletes expired shares whenever one is saved, so the table stays bounded', async () => {
      const old = await store.shares.save(answer(), T0, TTL);
      await store.shares.save(answer(), at(TTL), TTL);
      // Still unexpired from an earlier clock's point of view, but its row is gone.
      expect(await store.shares.get(old.id, T0)).toBeNull();
    });

    it('lets one of several concurrent clicks take a share, until released or its lease ends', async () => {
      const { id } = await store.shares.save(answer(), T0, TTL);
      const takes = await Promise.all(Array.from({ length: 8 }, () => store.shares.take(id, T0, 60_000)));
      expect(takes.filter(Boolean)).toHaveLength(1);
      expect(await store.shares.take(id, at(59_000), 60_000)).toBe(false);
      expect(await store.shares.take(id, at(60_000), 60_000)).toBe(true);
      await store.shares.release(id);
      expect(await store.shares.take(id, at(61_000), 60_000)).toBe(true);
      await store.shares.remove(id);
      expect(await store.shares.take(id, at(62_000), 60_000)).toBe(false);
      expect(await store.shares.get(id, at(62_000))).toBeNull();
      expect(await store.shares.take('no-such-id', T0, 60_000)).toBe(false);
    });

    it('refuses impossible input with a store error code', async () => {
      const code = async (promise: Promise<unknown>) => promise.then(() => 'ok', errorCode);
      expect(await code(store.shares.save(answer(), T0, 0))).toBe('store_invalid_input');
      expect(await code(store.shares.save(answer({ namedPeople: -1 }), T0, TTL))).toBe('store_invalid_input');
    });
  });
});
