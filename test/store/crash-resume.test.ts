import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store-types.js';
import { type Backend, embeddedBackend, postgresBackend } from './store-backends.js';

const worker = fileURLToPath(new URL('./fixtures/crash-worker.ts', import.meta.url));
const T0 = new Date('2025-03-10T09:00:00Z');
const PERIOD = Date.UTC(2025, 2, 3) / 1000;

/** Runs the crash worker until it reports the parts recorded, then SIGKILLs it (no sleeping: we wait on its output). */
async function crashMidDelivery(args: string[]): Promise<void> {
  // node itself, with tsx as a loader: the tsx CLI would run the worker as a grandchild, and SIGKILL
  // would then kill only the wrapper, leaving the real worker alive (and holding the store).
  const child = spawn(process.execPath, ['--import', 'tsx', worker, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = once(child, 'exit');
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('recorded')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`crash worker exited early (${code}): ${stderr}`)));
  });
  child.kill('SIGKILL');
  await exited;
}

describe.each([embeddedBackend(), postgresBackend()])('kill -9 mid-delivery: $kind', (backend: Backend) => {
  beforeAll(async () => {
    if (backend.available) await backend.setUp();
  });
  afterAll(async () => {
    if (backend.available) await backend.tearDown();
  });

  it.skipIf(!backend.available)('resumes on restart without duplicates, nothing lost', async () => {
    let store: Store = await backend.open();
    const sub = await store.subscriptions.create({
      teamId: 'T1',
      channelId: 'C1',
      ownerUserId: 'U1',
      day: 'mon',
      time: '09:00',
      timeZone: 'UTC',
      style: 'standard',
      cadence: 'weekly',
    });
    // The embedded store is one process's: the "other process" gets it while we are closed.
    if (!backend.replicas) await store.close();
    await crashMidDelivery([
      backend.url(),
      backend.kind === 'postgres' ? backend.url() : '-',
      sub.id,
      String(PERIOD),
    ]);
    if (!backend.replicas) store = await backend.open();
    try {
      const key = { subscriptionId: sub.id, periodStart: PERIOD };
      const claim = (now: Date) =>
        store.deliveries.claim({ ...key, dueAt: T0, workerId: 'heir', now, leaseMs: 60_000 });
      expect(await claim(new Date(T0.getTime() + 30_000))).toBeNull();
      const resumed = await claim(new Date(T0.getTime() + 60_001));
      expect(resumed).toMatchObject({ parentTs: '300.1', postedParts: 2, attempts: 2, claimedBy: 'heir' });
      await store.deliveries.recordPart(key, 'heir', 2, '300.3');
      await store.deliveries.finish(key, 'heir', 'delivered');
      expect(await store.deliveries.get(key)).toMatchObject({ status: 'delivered', postedParts: 3 });
    } finally {
      await store.close();
    }
  });
});
