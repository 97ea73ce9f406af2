import { describe, expect, it } from 'vitest';
import { createTtlCache } from '../../src/analytics/ttl-cache.js';
import { createManualClock } from '../../src/clock.js';

describe('createTtlCache', () => {
  it('shares one in-flight load between concurrent callers and serves it until the TTL ends', async () => {
    const clock = createManualClock(new Date('2026-11-24T10:00:00Z'));
    const cache = createTtlCache<number>({ ttlMs: 1000, maxEntries: 10, clock });
    let loads = 0;
    const load = async () => ++loads;
    expect(await Promise.all([cache.get('a', load), cache.get('a', load)])).toEqual([1, 1]);
    clock.advance(999);
    expect(await cache.get('a', load)).toBe(1);
    clock.advance(1);
    expect(await cache.get('a', load)).toBe(2);
    expect(loads).toBe(2);
  });

  it('never caches a failure', async () => {
    const clock = createManualClock(new Date(0));
    const cache = createTtlCache<string>({ ttlMs: 60_000, maxEntries: 10, clock });
    await expect(cache.get('k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', async () => 'up')).toBe('up');
  });

  it('with a TTL of 0 shares only the in-flight load', async () => {
    const cache = createTtlCache<number>({ ttlMs: 0, maxEntries: 10, clock: createManualClock(new Date(0)) });
    let loads = 0;
    const load = async () => ++loads;
    expect(await Promise.all([cache.get('a', load), cache.get('a', load)])).toEqual([1, 1]);
    expect(await cache.get('a', load)).toBe(2);
  });

  it('drops the oldest entry beyond maxEntries', async () => {
    const cache = createTtlCache<string>({
      ttlMs: 60_000,
      maxEntries: 2,
      clock: createManualClock(new Date(0)),
    });
    for (const key of ['a', 'b', 'c']) await cache.get(key, async () => key);
    expect(cache.size).toBe(2);
    let reloaded = false;
    await cache.get('a', async () => {
      reloaded = true;
      return 'a';
    });
    expect(reloaded).toBe(true);
  });
});

describe('createTtlCache, callers giving up', () => {
  const hanging = () => {
    const signals: AbortSignal[] = [];
    const load = (signal: AbortSignal) => {
      signals.push(signal);
      return new Promise<string>((_resolve, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
      );
    };
    return { load, signals };
  };

  it('aborts the load once every caller waiting on it gave up, and the next caller loads afresh', async () => {
    const cache = createTtlCache<string>({
      ttlMs: 60_000,
      maxEntries: 10,
      clock: createManualClock(new Date(0)),
    });
    const { load, signals } = hanging();
    const [a, b] = [new AbortController(), new AbortController()];
    const waits = [cache.get('w', load, a.signal), cache.get('w', load, b.signal)];
    expect(signals).toHaveLength(1);
    a.abort();
    await expect(waits[0]).rejects.toMatchObject({ name: 'AbortError' });
    expect(signals[0]?.aborted).toBe(false);
    b.abort();
    await expect(waits[1]).rejects.toMatchObject({ name: 'AbortError' });
    expect(signals[0]?.aborted).toBe(true);
    expect(await cache.get('w', async () => 'fresh')).toBe('fresh');
  });

  it('starts nothing for a caller that already gave up', async () => {
    const cache = createTtlCache<string>({
      ttlMs: 60_000,
      maxEntries: 10,
      clock: createManualClock(new Date(0)),
    });
    const { load, signals } = hanging();
    const gone = new AbortController();
    gone.abort();
    await expect(cache.get('w', load, gone.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(signals).toHaveLength(0);
    expect(cache.size).toBe(0);
  });
});
