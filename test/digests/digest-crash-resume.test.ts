import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Subscription } from '../../src/store/store-types.js';
import { type Harness, type LogLine, PERIOD, startHarness } from './digest-harness.js';

const LEASE_MS = 10 * 60_000;

/** Runs `act` once, when the service logs that `part` of `sub`'s thread was posted and recorded. */
function onPartPosted(h: Harness, sub: Subscription, part: number, act: () => void): void {
  let done = false;
  h.logger.hooks.push((line: LogLine) => {
    if (done || line.msg !== 'digest part posted' || line.subscription !== sub.id || line.part !== part)
      return;
    done = true;
    act();
  });
}

/** `rejected`: posts the fake refused (they reached it, so it recorded them, but nothing was posted). */
async function expectResumedThread(
  h: Harness,
  sub: Subscription,
  parentTs: string | null | undefined,
  rejected = 0,
) {
  const posts = h.posts(sub.channelId);
  const parents = posts.filter((p) => p.params.thread_ts === undefined);
  expect(parents).toHaveLength(1);
  const delivery = await h.store.deliveries.get({ subscriptionId: sub.id, periodStart: PERIOD });
  expect(delivery).toMatchObject({ status: 'delivered', postedParts: 6, parentTs, attempts: 2 });
  // Every reply, before and after the crash, hangs under the one parent; each reply text appears once.
  const replies = posts.filter((p) => p.params.thread_ts !== undefined);
  for (const reply of replies) expect(reply.params.thread_ts).toBe(parentTs);
  const texts = replies.map((r) => String(r.params.text));
  expect(new Set(texts).size).toBe(5);
  expect(texts).toHaveLength(5 + rejected);
}

describe('kill and restart mid-delivery', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('aborted after reply #1: a new replica resumes after the lease, no duplicate, nothing lost', async () => {
    const sub = await h.subscribe({ channelId: 'C0CRASH001' });
    const controller = new AbortController();
    onPartPosted(h, sub, 1, () => controller.abort(new Error('killed')));
    const now = h.clock.now();
    const first = await h
      .service('replica-1', { leaseMs: LEASE_MS })
      .runDue(now, { signal: controller.signal });
    expect(first.results[0]?.outcome).toEqual({
      status: 'failed',
      reason: 'interrupted: resumes once its lease expires',
    });
    const half = await h.store.deliveries.get({ subscriptionId: sub.id, periodStart: PERIOD });
    expect(half).toMatchObject({ status: 'pending', postedParts: 2, claimedBy: 'replica-1' });
    expect(h.posts(sub.channelId)).toHaveLength(2);

    // While the dead replica's lease holds, nobody touches it.
    const restarted = h.service('replica-2', { leaseMs: LEASE_MS });
    const during = await restarted.runDue(h.clock.now());
    expect(during.results[0]?.outcome.status).toBe('already');
    expect(h.posts(sub.channelId)).toHaveLength(2);

    h.clock.advance(LEASE_MS + 1);
    const after = await restarted.runDue(h.clock.now());
    expect(after.results[0]?.outcome.status).toBe('delivered');
    expect(h.posts(sub.channelId)).toHaveLength(6);
    await expectResumedThread(h, sub, half?.parentTs);
  });

  it('a hard Slack error on reply #2 leaves it pending; the next run after the lease finishes it', async () => {
    const sub = await h.subscribe({ channelId: 'C0CRASH002', time: '10:00' });
    h.clock.set(new Date('2026-11-23T09:00:00Z'));
    onPartPosted(h, sub, 1, () => h.fake.failNext('chat.postMessage', { error: 'fatal_error' }));
    const first = await h.service('replica-1', { leaseMs: LEASE_MS }).runDue(h.clock.now());
    const mine = first.results.find((r) => r.subscriptionId === sub.id);
    expect(mine?.outcome).toEqual({
      status: 'failed',
      reason: 'fatal_error: resumes once its lease expires',
    });
    const half = await h.store.deliveries.get({ subscriptionId: sub.id, periodStart: PERIOD });
    expect(half).toMatchObject({ status: 'pending', postedParts: 2 });

    h.clock.advance(LEASE_MS + 1);
    const after = await h.service('replica-2', { leaseMs: LEASE_MS }).runDue(h.clock.now());
    expect(after.results.find((r) => r.subscriptionId === sub.id)?.outcome.status).toBe('delivered');
    // 2 before, the failed attempt at reply #2, then replies #2–#5.
    expect(h.posts(sub.channelId)).toHaveLength(2 + 1 + 4);
    await expectResumedThread(h, sub, half?.parentTs, 1);
  });
});
