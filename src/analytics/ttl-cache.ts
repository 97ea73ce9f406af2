import type { Clock } from '../clock.js';

/**
 * A small TTL cache of promises. Concurrent callers for the same key share one in-flight load (so 50
 * people asking for the same window cost one API pull); a load that fails is dropped at once, never cached.
 * Size is bounded: the oldest entry goes first.
 */
export interface TtlCache<V> {
  get(key: string, load: () => Promise<V>): Promise<V>;
  clear(): void;
  readonly size: number;
}

export function createTtlCache<V>(options: { ttlMs: number; maxEntries: number; clock: Clock }): TtlCache<V> {
  const entries = new Map<string, { value: Promise<V>; expires: number }>();
  return {
    get(key, load) {
      const now = options.clock.now().getTime();
      const hit = entries.get(key);
      if (hit && hit.expires > now) return hit.value;
      if (hit) entries.delete(key);
      const value = load();
      // A TTL of 0 still shares the in-flight load; the entry lives until it settles.
      const expires = options.ttlMs > 0 ? now + options.ttlMs : Number.POSITIVE_INFINITY;
      entries.set(key, { value, expires });
      value.then(
        () => {
          if (options.ttlMs <= 0 && entries.get(key)?.value === value) entries.delete(key);
        },
        () => {
          if (entries.get(key)?.value === value) entries.delete(key);
        },
      );
      while (entries.size > options.maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
      return value;
    },
    clear: () => entries.clear(),
    get size() {
      return entries.size;
    },
  };
}
