/**
 * Issue 13 §5: exactly once per (rule, period) across a replica killed mid-post, on PostgreSQL. An alert
 * runner in a child process (fixtures/alert-worker.ts) is SIGKILLed the instant the fake Slack receives
 * its first chat.postMessage — after Slack stored it (the answer never arrives) or before — so the firing
 * stays claimed but unrecorded. The survivor, on the same store, posts the other periods at once; after
 * the dead runner's lease it takes the orphan over and finds the stored post by its metadata instead of
 * posting it again. The channel must hold each period's alert exactly once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AlertRunDeps, runAlerts } from '../../src/alerts/run-alerts.js';
import { createManualClock } from '../../src/clock.js';
import { type FakeSlack, startFakeSlack } from '../../src/dev/fake-slack/fake-slack.js';
import { createDigestSlackClient } from '../../src/digests/digest-slack-client.js';
import type { Store as OperationalStore } from '../../src/store/store-types.js';
import { type CommandHarness, startCommandHarness } from '../commands/command-harness.js';
import { runWorkerUntilKilled } from '../helpers/run-worker-until-killed.js';
import { postgresBackend } from '../store/store-backends.js';
import type { AlertWorkerArgs } from './fixtures/alert-worker.js';

const worker = fileURLToPath(new URL('./fixtures/alert-worker.ts', import.meta.url));
const LEASE_MS = 10 * 60_000;
const SPIKE_DAY = '2026-11-18';
const MADE = new Date('2026-11-18T09:00:00Z');
const backend = postgresBackend();

describe.skipIf(!backend.available)('an alert runner killed mid-post on PostgreSQL', () => {
  let h: CommandHarness;
  let fake: FakeSlack;
  let store: OperationalStore;
  let deps: (workerId: string) => AlertRunDeps;
  const warehouseDirs: string[] = [];

  beforeAll(async () => {
    h = await startCommandHarness({
      users: 120,
      seed: 'alert-kill',
      dayFactors: [{ day: SPIKE_DAY, factor: 6 }],
    });
    await h.run('usage 90d'); // the survivor's warehouse, synced as the worker's is
    fake = await startFakeSlack({ now: () => h.clock.now() });
    await backend.setUp();
    store = await backend.open({ clock: createManualClock(MADE) });
    const slack = createDigestSlackClient({
      token: 'xoxb-survivor',
      apiUrl: fake.url,
      logger: h.logger,
      metrics: h.c.metrics,
    });
    deps = (workerId) => ({
      rules: store.alerts,
      history: h.c.alertHistory,
      slack,
      clock: h.clock,
      logger: h.logger,
      workerId,
      leaseMs: LEASE_MS,
    });
  });
  afterAll(async () => {
    await store?.close();
    await backend.tearDown();
    await fake?.close();
    await h?.close();
    await Promise.all(warehouseDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  /** Runs the worker until the fake Slack gets its first post to `channel`, killing it at `instant`. */
  async function killMidPost(channel: string, instant: 'before' | 'after', workerId: string) {
    const warehouseDir = await mkdtemp(join(tmpdir(), 'alert-worker-warehouse-'));
    warehouseDirs.push(warehouseDir);
    const args: AlertWorkerArgs = {
      databaseUrl: backend.url(),
      warehouseDir,
      slackUrl: fake.url,
      sim: { baseUrl: h.sim.baseUrl, apiKey: h.sim.apiKey, workspaceId: h.sim.workspaceId },
      now: h.clock.now().toISOString(),
      workerId,
      leaseMs: LEASE_MS,
    };
    await runWorkerUntilKilled({
      worker,
      args,
      fake,
      killAt: { instant, isTarget: (call) => call.params.channel === channel },
    });
  }

  function alertsIn(channel: string) {
    return fake.messages(channel).map((m) => {
      const payload = (m.metadata as { event_payload?: { key?: string; period?: number } } | undefined)
        ?.event_payload;
      return { ts: m.ts, key: payload?.key, period: payload?.period };
    });
  }

  it.each([
    ['after Slack stored the post', 'after', 'C0KILLAFTER'],
    ['before Slack stored the post', 'before', 'C0KILLBEFORE'],
  ] as const)(
    'killed %s: the survivor and its restart post each period once',
    async (_, instant, channel) => {
      const rule = await store.alerts.create({
        teamId: 'T0TEAM0001',
        ownerUserId: 'U0ADMIN001',
        spec: {
          metric: 'credits',
          // Every closed day's credits pass it: several periods, so the survivor and the restart have
          // posts of their own beside the orphan's.
          condition: { kind: 'above', value: 1, per: 'day' },
          scope: { kind: 'workspace' },
          provisional: false,
        },
        destination: { kind: 'channel', channelId: channel },
      });
      await killMidPost(channel, instant, `doomed-${instant}`);
      const orphan = (await store.alerts.firings(rule.id, 100)).filter((f) => f.status === 'pending');
      expect(orphan).toHaveLength(1);
      expect(orphan[0]).toMatchObject({ claimedBy: `doomed-${instant}`, attempts: 1, messageTs: null });
      expect(alertsIn(channel)).toHaveLength(instant === 'after' ? 1 : 0);

      // The survivor, at once: the orphan's lease holds, every other period posts.
      const survivor = await runAlerts(deps('survivor'));
      expect(survivor.failed).toBe(0);
      // After the lease (or a restart): the orphan is taken over, looked up, and recorded or posted.
      const saved = h.clock.now();
      // The worker's own clock moved on while it synced: its lease ends at its claim's end, not ours + lease.
      h.clock.set(new Date((orphan[0]?.claimedUntil?.getTime() ?? 0) + 1));
      const restart = await runAlerts(deps('restarted'));
      h.clock.set(saved);
      expect(restart.failed).toBe(0);

      const firings = await store.alerts.firings(rule.id, 100);
      expect(firings.length).toBeGreaterThan(1);
      expect(firings.map((f) => [f.status, f.reason])).toEqual(firings.map(() => ['posted', null]));
      const posts = alertsIn(channel);
      // Exactly once per (rule, period): one message per firing, each carrying its key, none twice.
      expect(posts).toHaveLength(firings.length);
      expect(new Set(posts.map((p) => p.period)).size).toBe(firings.length);
      expect(posts.every((p) => p.key === rule.id)).toBe(true);
      const taken = firings.find((f) => f.periodStart === orphan[0]?.periodStart);
      expect(taken?.attempts).toBe(2);
      expect(posts.find((p) => p.period === taken?.periodStart)?.ts).toBe(taken?.messageTs);
      // Only the takeover read the channel, once; first claims read nothing.
      const reads = fake.calls.filter(
        (c) => c.method === 'conversations.history' && c.params.channel === channel,
      );
      expect(reads).toHaveLength(1);
      if (instant === 'after') {
        expect(h.logger.lines).toContainEqual(
          expect.objectContaining({
            msg: 'alert found already posted; recorded, not reposted',
            rule: rule.id,
          }),
        );
      }
    },
  );
});
