import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLimits } from '../../reports/limits/slack-limits.js';
import { createManualClock } from '../../src/clock.js';
import { createHomeViewSource } from '../../src/slack/home-view-source.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store-types.js';
import type { SyncStatus } from '../../src/sync/sync-status.js';
import { type CommandHarness, fixedNow, startCommandHarness } from '../commands/command-harness.js';

describe('createHomeViewSource with the real analytics and embedded store', () => {
  let h: CommandHarness;
  let store: Store;
  let dataDir: string;
  const clock = createManualClock(fixedNow);
  beforeAll(async () => {
    h = await startCommandHarness({ users: 50, seed: 'home-source' });
    dataDir = await mkdtemp(join(tmpdir(), 'codex-pulse-home-'));
    store = await openStore({ dataDir, logger: h.logger, clock });
  });
  afterAll(async () => {
    await store.close();
    await h.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists the scheduled digests when the store is configured, and not otherwise', async () => {
    const sub = await store.subscriptions.create({
      teamId: 'T0TEAM0001',
      channelId: 'C0GENERAL1',
      ownerUserId: 'U0ADMIN001',
      day: 'wed',
      time: '07:45',
      timeZone: 'Asia/Tokyo',
      style: 'leadership',
      cadence: 'weekly',
    });
    await store.deliveries.recordSkipped(
      { subscriptionId: sub.id, periodStart: 1_763_337_600 },
      fixedNow,
      'missed',
    );
    const withStore = createHomeViewSource({
      analytics: h.analytics,
      clock,
      logger: h.logger,
      digests: store,
    });
    const blocks = await withStore({ userId: 'U0ADMIN001', isAdmin: true });
    expect(checkLimits({ text: 'home', blocks, charts: [] }, { surface: 'home' })).toEqual([]);
    const json = JSON.stringify(blocks);
    expect(json).toContain('Last complete week');
    expect(json).toContain(`\`${sub.id}\`* · <#C0GENERAL1> · every Wednesday at 07:45 Asia/Tokyo`);
    expect(json).toContain(':fast_forward: skipped: missed its slot');

    const without = createHomeViewSource({ analytics: h.analytics, clock, logger: h.logger });
    expect(JSON.stringify(await without({ userId: 'U0MEMBER01', isAdmin: false }))).not.toContain(
      'Scheduled digests',
    );
  });
  it('says "loading history: N%" on top while the warehouse backfills, nothing once it is idle', async () => {
    let status: SyncStatus = { running: true, kind: 'backfill', fraction: 0.4, lastRun: null };
    const home = createHomeViewSource({
      analytics: h.analytics,
      clock,
      logger: h.logger,
      sync: { syncStatus: () => status },
    });
    const loading = await home({ userId: 'U0MEMBER01', isAdmin: false });
    expect(JSON.stringify(loading[1])).toContain('loading history: 40%');
    status = { running: false, kind: null, fraction: null, lastRun: null };
    expect(JSON.stringify(await home({ userId: 'U0MEMBER01', isAdmin: false }))).not.toContain(
      'loading history',
    );
  });

  it('never lists a personal subscription (one person’s weekly DM) among the workspace’s digests', async () => {
    const personal = await store.subscriptions.create({
      teamId: 'T0TEAM0001',
      channelId: 'U0PERSONAL',
      ownerUserId: 'U0PERSONAL',
      kind: 'personal',
      day: 'fri',
      time: '16:30',
      timeZone: 'UTC',
      style: 'standard',
      cadence: 'weekly',
    });
    const home = createHomeViewSource({ analytics: h.analytics, clock, logger: h.logger, digests: store });
    const json = JSON.stringify(await home({ userId: 'U0ADMIN001', isAdmin: true }));
    expect(json).toContain('Scheduled digests');
    expect(json).not.toContain(personal.id);
    expect(json).not.toContain('U0PERSONAL');
  });
});
