import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, NOW, PERIOD, startHarness } from './digest-harness.js';

const HOUR = 3_600_000;

describe('digest service: scheduled delivery', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('posts the parent and every reply in its thread, records each part, finishes delivered', async () => {
    const sub = await h.subscribe({ channelId: 'C0DELIVER1' });
    const leadership = await h.subscribe({ channelId: 'C0DELIVER2', style: 'leadership' });
    const service = h.service('worker-a');
    const summary = await service.runDue(h.clock.now());

    const mine = summary.results.filter(
      (r) => r.subscriptionId === sub.id || r.subscriptionId === leadership.id,
    );
    expect(mine.map((r) => [r.outcome.status, r.periodStart])).toEqual([
      ['delivered', PERIOD],
      ['delivered', PERIOD],
    ]);
    for (const [s, replies] of [
      [sub, 5],
      [leadership, 4],
    ] as const) {
      const posts = h.posts(s.channelId);
      expect(posts).toHaveLength(1 + replies);
      const [parent, ...thread] = posts;
      expect(parent?.params.thread_ts).toBeUndefined();
      const delivery = await h.store.deliveries.get({ subscriptionId: s.id, periodStart: PERIOD });
      expect(delivery).toMatchObject({ status: 'delivered', postedParts: 1 + replies, claimedBy: null });
      expect(delivery?.parentTs).toMatch(/^\d+\.\d+$/);
      for (const reply of thread) expect(reply.params.thread_ts).toBe(delivery?.parentTs);
      // The parent's chart went into its own thread and the parent was updated to show it.
      const upload = h.fake.uploads.find(
        (u) => u.channelId === s.channelId && u.threadTs === delivery?.parentTs,
      );
      expect(upload?.bytes.length).toBeGreaterThan(0);
      expect(h.fake.calls.some((c) => c.method === 'chat.update' && c.params.ts === delivery?.parentTs)).toBe(
        true,
      );
    }
    // Leadership stays aggregate: no top-users reply, no user ids anywhere.
    const leadershipText = JSON.stringify(h.posts(leadership.channelId).map((c) => c.params));
    expect(leadershipText).not.toMatch(/top users/i);
    // A log line per delivery with the fields operators filter on.
    expect(h.logger.lines).toContainEqual(
      expect.objectContaining({
        msg: 'digest delivery',
        subscription: sub.id,
        status: 'delivered',
        period: PERIOD,
      }),
    );
  });

  it('a second run at the same time delivers nothing new', async () => {
    const before = h.fake.calls.length;
    const summary = await h.service('worker-a').runDue(h.clock.now());
    expect(summary.results.every((r) => r.outcome.status === 'already')).toBe(true);
    expect(h.fake.calls.length).toBe(before);
  });

  it('fetches the figures once for every subscription due at the same time', async () => {
    // Fresh window: a new UTC day, so nothing is cached from the tests above.
    h.clock.set(new Date(NOW.getTime() + 7 * 24 * HOUR));
    const channels = ['C0SHARED01', 'C0SHARED02', 'C0SHARED03', 'C0SHARED04'];
    for (const channelId of channels) await h.subscribe({ channelId, time: '09:00' });
    const before = h.sim.stats().requests;
    await h.service('worker-a').runDue(h.clock.now());
    const pulled = h.sim.stats().requests - before;
    // A week on, one subscription more (seven due at once): exactly as many API requests.
    h.clock.set(new Date(NOW.getTime() + 14 * 24 * HOUR));
    await h.subscribe({ channelId: 'C0SHARED05' });
    const single = h.sim.stats().requests;
    const service = h.service('worker-a');
    await service.runDue(h.clock.now());
    expect(pulled).toBeGreaterThan(0);
    expect(h.sim.stats().requests - single).toBe(pulled);
    for (const channelId of channels) expect(h.posts(channelId)).toHaveLength(6 * 2);
  });

  it('catches up a delivery missed by 3 h; records one missed by 30 h as skipped', async () => {
    // Tuesday 10:00 UTC due times: one due 3 h before "now", one 30 h before.
    const now = new Date('2026-12-15T13:00:00Z');
    h.clock.set(now);
    const recent = await h.subscribe({ channelId: 'C0GRACE001', day: 'tue', time: '10:00', timeZone: 'UTC' });
    const old = await h.subscribe({ channelId: 'C0GRACE002', day: 'mon', time: '07:00', timeZone: 'UTC' });
    const summary = await h.service('worker-a').runDue(now);
    const outcome = (id: string) => summary.results.find((r) => r.subscriptionId === id)?.outcome;
    expect(outcome(recent.id)?.status).toBe('delivered');
    expect(outcome(old.id)).toEqual({ status: 'skipped', reason: 'missed: more than 24 h late' });
    expect(h.posts(old.channelId)).toHaveLength(0);
    const period = Date.UTC(2026, 11, 7) / 1000;
    expect(await h.store.deliveries.get({ subscriptionId: old.id, periodStart: period })).toMatchObject({
      status: 'skipped',
      reason: 'missed: more than 24 h late',
    });
    // Still nothing on the next run: the skip is recorded once and respected.
    const again = await h.service('worker-b').runDue(new Date(now.getTime() + 60_000));
    expect(again.results.find((r) => r.subscriptionId === old.id)?.outcome.status).toBe('already');
    expect(h.posts(old.channelId)).toHaveLength(0);
  });
});
