import type { ShareStore } from '../../store/store-types.js';

/**
 * A share store whose store opens on first use: the playground starts in about two seconds and opens
 * its embedded store (a scratch directory and database file) only when an answer is first offered for sharing.
 * `open` must return the same store every time (memoise it); a failed open is retried on the next use.
 */
export function lazyShareStore(open: () => Promise<ShareStore>): ShareStore {
  return {
    save: async (input, now, ttlMs) => (await open()).save(input, now, ttlMs),
    get: async (id, now) => (await open()).get(id, now),
    take: async (id, now, leaseMs) => (await open()).take(id, now, leaseMs),
    release: async (id) => (await open()).release(id),
    remove: async (id) => (await open()).remove(id),
  };
}
