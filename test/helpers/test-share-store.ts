/**
 * A real embedded store for tests that need a ShareStore but are not about storage: opened once before
 * the test file runs (opening a store takes time on a busy machine: opened lazily inside a test, it would eat the fake
 * Slack's wait for the answer), shared by every app the file starts (share ids are random, so tests never
 * meet each other's rows) and closed after the file. Restart tests pass one store to two apps.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { lazyShareStore } from '../../src/dev/playground/lazy-share-store.js';
import { openStore } from '../../src/store/open-store.js';
import type { ShareStore, Store } from '../../src/store/store-types.js';
import { createMemoryLogger } from './memory-logger.js';
import { testClock } from './test-clock.js';

let opened: Promise<{ store: Store; dir: string }> | undefined;

beforeAll(async () => {
  await fileStore();
}, 60_000);

afterAll(async () => {
  const current = await opened;
  opened = undefined;
  if (!current) return;
  await current.store.close();
  await rm(current.dir, { recursive: true, force: true });
});

/** The file's embedded store (opened on first use). */
export function fileStore(): Promise<Store> {
  opened ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'codex-pulse-shares-'));
    // The store's own clock stamps nothing of a share: the edge passes its clock's time to each call.
    const store = await openStore({ dataDir: dir, logger: createMemoryLogger(), clock: testClock() });
    return { store, dir };
  })();
  return opened.then((o) => o.store);
}

/** The file's share store, opening the embedded store only when a share is first saved or read. */
export function fileShareStore(): ShareStore {
  return lazyShareStore(async () => (await fileStore()).shares);
}
