import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lazyDigestDeps } from '../../../src/dev/playground/lazy-digest-deps.js';
import type { DigestService } from '../../../src/digests/digest-service.js';
import { openStore } from '../../../src/store/open-store.js';
import type { Store } from '../../../src/store/store-types.js';
import { createMemoryLogger } from '../../helpers/memory-logger.js';
import { testClock } from '../../helpers/test-clock.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('lazyDigestDeps', () => {
  it('opens nothing until first use, then forwards calls and results to the one opened store', async () => {
    let opens = 0;
    let opened: Promise<{ store: Store; service: DigestService }> | undefined;
    const open = () => {
      opened ??= (async () => {
        opens++;
        const dir = await mkdtemp(join(tmpdir(), 'lazy-deps-'));
        dirs.push(dir);
        const store = await openStore({ dataDir: dir, logger: createMemoryLogger(), clock: testClock() });
        // Only the store is exercised here; the service is forwarded the same way.
        const service: DigestService = {
          runDue: async (at) => ({ at, results: [] }),
          sendNow: async () => ({ status: 'failed', reason: 'not in this test' }),
          sendPersonalNow: async () => ({ status: 'failed', reason: 'not in this test' }),
          preview: async () => null,
        };
        return { store, service };
      })();
      return opened;
    };
    const deps = lazyDigestDeps(open);
    expect(opens).toBe(0);

    const created = await deps.subscriptions.create({
      teamId: 'T1',
      channelId: 'C1',
      ownerUserId: 'U1',
      day: 'mon',
      time: '09:00',
      timeZone: 'UTC',
      style: 'standard',
      cadence: 'weekly',
    });
    expect(await deps.subscriptions.get(created.id)).toMatchObject({ channelId: 'C1', status: 'active' });
    expect(await deps.deliveries.recent(created.id, 5)).toEqual([]);
    expect((await deps.service.runDue(new Date(0))).results).toEqual([]);
    expect(opens).toBe(1);
    await (await open()).store.close();
  });
});
