import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDigestScheduler } from '../../src/digests/digest-scheduler.js';
import { type Harness, NOW, PERIOD, startHarness } from './digest-harness.js';

const LEASE_MS = 5 * 60_000;

describe('digest scheduler', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('each tick delivers what is due at the clock’s time, and ticks do not overlap', async () => {
    const sub = await h.subscribe({ channelId: 'C0SCHED001' });
    const scheduler = startDigestScheduler({
      service: h.service('ticker'),
      clock: h.clock,
      logger: h.logger,
      manual: true,
    });
    // A minute early, the latest due instant is last week's, long missed: recorded skipped, not posted.
    h.clock.set(new Date(NOW.getTime() - 60_000));
    expect((await scheduler.tick())?.results.map((r) => r.outcome)).toEqual([
      { status: 'skipped', reason: 'missed: more than 24 h late' },
    ]);
    expect(h.posts(sub.channelId)).toHaveLength(0);
    h.clock.set(NOW);
    const first = scheduler.tick();
    // A tick while one is running joins it instead of starting a second delivery.
    expect(scheduler.tick()).toBe(first);
    expect((await first)?.results.map((r) => r.outcome.status)).toEqual(['delivered']);
    expect(h.posts(sub.channelId)).toHaveLength(6);
    await scheduler.stop();
    expect(await scheduler.tick()).toBeNull();
  });

  it('stop() lets the message being posted finish, waits for the tick; the rest is resumed later', async () => {
    const sub = await h.subscribe({ channelId: 'C0SCHED002', time: '09:10' });
    h.clock.set(new Date(NOW.getTime() + 10 * 60_000));
    const scheduler = startDigestScheduler({
      service: h.service('ticker-1', { leaseMs: LEASE_MS }),
      clock: h.clock,
      logger: h.logger,
      manual: true,
    });
    let stopped: Promise<void> | undefined;
    h.logger.hooks.push((line) => {
      if (line.msg === 'digest part posted' && line.subscription === sub.id && line.part === 0)
        stopped ??= scheduler.stop();
    });
    const summary = await scheduler.tick();
    await stopped;
    const mine = summary?.results.find((r) => r.subscriptionId === sub.id);
    expect(mine?.outcome).toEqual({
      status: 'failed',
      reason: 'interrupted: resumes once its lease expires',
    });
    expect(await h.store.deliveries.get({ subscriptionId: sub.id, periodStart: PERIOD })).toMatchObject({
      status: 'pending',
      postedParts: 1,
    });

    h.clock.advance(LEASE_MS + 1);
    const next = startDigestScheduler({
      service: h.service('ticker-2'),
      clock: h.clock,
      logger: h.logger,
      manual: true,
    });
    const resumed = await next.tick();
    expect(resumed?.results.find((r) => r.subscriptionId === sub.id)?.outcome.status).toBe('delivered');
    expect(h.posts(sub.channelId)).toHaveLength(6);
    await next.stop();
  });

  it('starts a real node-cron task (UTC, every minute) and stops it', async () => {
    const scheduler = startDigestScheduler({ service: h.service('cron'), clock: h.clock, logger: h.logger });
    await scheduler.stop();
    await scheduler.stop();
    expect(h.logger.lines.some((l) => l.level === 'error')).toBe(false);
  });
});
