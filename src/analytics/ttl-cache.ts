import { abortError } from '../abort-error.js';
import type { Clock } from '../clock.js';
import { type SharedWork, startSharedWork } from '../shared-work.js';

/**
 * A small TTL cache of promises. Concurrent callers for the same key share one in-flight load (so 50
 * people asking for the same window cost one API pull); a load that fails is dropped at once, never cached.
 * Size is bounded: the oldest entry goes first.
 */
export interface TtlCache<V> {
  /**
   * The value for `key`, loading it when there is none fresh. `signal` stops this caller waiting; the
   * load's own signal aborts only once every caller waiting on it has given up (shared-work.ts), and the
   * abandoned entry is dropped so the next caller loads afresh. Without `signal` the caller never gives up.
   */
  get(key: string, load: (signal: AbortSignal) => Promise<V>, signal?: AbortSignal): Promise<V>;
  clear(): void;
  readonly size: number;
}

export function createTtlCache<V>(options: { ttlMs: number; maxEntries: number; clock: Clock }): TtlCache<V> {
  const entries = new Map<string, { work: SharedWork<V>; expires: number }>();
  const drop = (key: string, work: SharedWork<V>) => {
    if (entries.get(key)?.work === work) entries.delete(key);
  };
  return {
    get(key, load, signal) {
      // Before anything starts: a load nobody waits for would never be abandoned.
      if (signal?.aborted) return Promise.reject(abortError(signal));
      const now = options.clock.now().getTime();
      const hit = entries.get(key);
      if (hit && hit.expires > now && !hit.work.abandoned) return hit.work.join(signal);
      if (hit) entries.delete(key);
      const work: SharedWork<V> = startSharedWork(load, () => drop(key, work));
      // A TTL of 0 still shares the in-flight load; the entry lives until it settles.
      const expires = options.ttlMs > 0 ? now + options.ttlMs : Number.POSITIVE_INFINITY;
      entries.set(key, { work, expires });
      work.result.then(
        () => {
          if (options.ttlMs <= 0) drop(key, work);
        },
        () => drop(key, work),
      );
      while (entries.size > options.maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
      return work.join(signal);
    },
    clear: () => entries.clear(),
    get size() {
      return entries.size;
    },
  };
}
