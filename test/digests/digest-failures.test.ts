import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, OWNER, PERIOD, startHarness } from './digest-harness.js';

const OWNER_DM = `D${OWNER.slice(1)}`;

describe('digest failures are visible', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('not_in_channel: pauses the subscription, DMs the owner the reason and the fix, records the failure', async () => {
    h.fake.channels.set('C0NOTMEMB1', { id: 'C0NOTMEMB1', name: 'private-stuff', is_member: false });
    const sub = await h.subscribe({ channelId: 'C0NOTMEMB1' });
    const summary = await h.service('worker-a').runDue(h.clock.now());
    expect(summary.results.find((r) => r.subscriptionId === sub.id)?.outcome).toEqual({
      status: 'failed',
      reason: 'not_in_channel',
    });
    expect(await h.store.subscriptions.get(sub.id)).toMatchObject({
      status: 'paused',
      pausedReason: 'not_in_channel',
    });
    expect(await h.store.deliveries.get({ subscriptionId: sub.id, periodStart: PERIOD })).toMatchObject({
      status: 'failed',
      reason: 'not_in_channel',
      postedParts: 0,
    });
    expect(h.fake.calls).toContainEqual(
      expect.objectContaining({ method: 'conversations.open', params: { users: OWNER } }),
    );
    const dm = h.posts(OWNER_DM).at(-1);
    expect(String(dm?.params.text)).toContain("I'm not a member of <#C0NOTMEMB1>");
    expect(String(dm?.params.text)).toContain('/invite @Codex Pulse');
    // The fix keeps the subscription: invite, then resume it by id.
    expect(String(dm?.params.text)).toMatch(/`\/codex digest resume [a-z0-9]{5}`/);
    // Paused: later runs leave it alone (no new attempts, no new DMs).
    const calls = h.fake.calls.length;
    const later = await h.service('worker-a').runDue(new Date(h.clock.now().getTime() + 60_000));
    expect(later.results.some((r) => r.subscriptionId === sub.id)).toBe(false);
    expect(h.fake.calls.length).toBe(calls);
  });

  it('is_archived in the middle of the thread: pauses, DMs, keeps what was posted recorded', async () => {
    const sub = await h.subscribe({ channelId: 'C0ARCHIVE1', time: '09:30' });
    h.clock.set(new Date('2026-11-23T08:30:00Z'));
    h.logger.hooks.push((line) => {
      if (line.msg === 'digest part posted' && line.subscription === sub.id && line.part === 0)
        h.fake.failNext('chat.postMessage', { error: 'is_archived' });
    });
    const summary = await h.service('worker-a').runDue(h.clock.now());
    expect(summary.results.find((r) => r.subscriptionId === sub.id)?.outcome).toEqual({
      status: 'failed',
      reason: 'is_archived',
    });
    expect(await h.store.deliveries.get({ subscriptionId: sub.id, periodStart: PERIOD })).toMatchObject({
      status: 'failed',
      reason: 'is_archived',
      postedParts: 1,
    });
    expect(await h.store.subscriptions.get(sub.id)).toMatchObject({
      status: 'paused',
      pausedReason: 'is_archived',
    });
    expect(String(h.posts(OWNER_DM).at(-1)?.params.text)).toContain('is archived');
  });

  it('a 429 is honoured: the post waits Retry-After on the clock, then goes through once', async () => {
    const sub = await h.subscribe({ channelId: 'C0RATELIM1', time: '10:00' });
    h.clock.set(new Date('2026-11-23T09:00:00Z'));
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const started = h.clock.now().getTime();
    const summary = await h.service('worker-a').runDue(h.clock.now());
    expect(summary.results.find((r) => r.subscriptionId === sub.id)?.outcome.status).toBe('delivered');
    // 7 s for the 429, then at least 1 s between each of the 6 posts.
    expect(h.clock.now().getTime() - started).toBeGreaterThanOrEqual(7_000 + 5_000);
    const posts = h.posts(sub.channelId);
    expect(posts).toHaveLength(7);
    expect(posts.filter((p) => p.params.thread_ts === undefined)).toHaveLength(2); // the 429 and the parent
  });

  it('a reply whose chart image Slack refuses (invalid_blocks) goes out once more, without the image', async () => {
    const sub = await h.subscribe({ channelId: 'C0REFUSED1', time: '11:00' });
    h.clock.set(new Date('2026-11-23T10:00:00Z'));
    let armed = true;
    h.logger.hooks.push((line) => {
      // Part 2 (usage) is the first reply with a chart: refuse its post once.
      if (armed && line.msg === 'digest part posted' && line.subscription === sub.id && line.part === 1) {
        armed = false;
        h.fake.failNext('chat.postMessage', { error: 'invalid_blocks' });
      }
    });
    const summary = await h.service('worker-a').runDue(h.clock.now());
    expect(summary.results.find((r) => r.subscriptionId === sub.id)?.outcome.status).toBe('delivered');
    const replies = h.posts(sub.channelId).filter((p) => p.params.thread_ts !== undefined);
    const hasImage = (p: (typeof replies)[number]) => JSON.stringify(p.params.blocks).includes('"image"');
    const partOf = (p: (typeof replies)[number]) =>
      JSON.stringify(p.params.metadata).match(/"part":(\d+)/)?.[1];
    const part2 = replies.filter((p) => partOf(p) === '2');
    expect(part2).toHaveLength(2);
    expect(part2.map(hasImage)).toEqual([true, false]);
    expect(
      h.logger.lines.some((l) => l.msg === 'message with chart images rejected; sending it without images'),
    ).toBe(true);
    const delivery = await h.store.deliveries.get({ subscriptionId: sub.id, periodStart: PERIOD });
    // The parent and each reply once: the refused post is not counted as a part.
    expect(delivery).toMatchObject({
      status: 'delivered',
      postedParts: 1 + new Set(replies.map(partOf)).size,
    });
  });

  it('Codex API down: retries with backoff, then a short "delayed" notice instead of a digest', async () => {
    // A new UTC day: nothing cached, so the digest needs the (failing) API.
    h.clock.set(new Date('2026-11-30T08:00:00Z'));
    const sub = await h.subscribe({ channelId: 'C0CODEXDN1', day: 'mon', time: '08:00', timeZone: 'UTC' });
    h.sim.failNext({ status: 503, count: 200 });
    const before = h.sim.stats().requests;
    const summary = await h.service('worker-a').runDue(h.clock.now());
    const outcome = summary.results.find((r) => r.subscriptionId === sub.id)?.outcome;
    expect(outcome).toEqual({ status: 'failed', reason: 'codex_unavailable' });
    const retries = h.logger.lines.filter((l) => l.msg === 'digest figures unavailable; retrying');
    expect(retries.map((l) => l.retryInMs)).toEqual([1_000, 2_000]);
    expect(h.sim.stats().requests - before).toBeGreaterThanOrEqual(3);
    const posts = h.posts(sub.channelId);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.params.blocks).toBeUndefined();
    expect(String(posts[0]?.params.text)).toMatch(
      /digest is delayed: the Codex Analytics API is unavailable/,
    );
    const period = Date.UTC(2026, 10, 23) / 1000;
    expect(await h.store.deliveries.get({ subscriptionId: sub.id, periodStart: period })).toMatchObject({
      status: 'failed',
      reason: 'codex_unavailable',
      postedParts: 0,
    });
    // The subscription itself stays active: next week's digest goes out as usual.
    expect((await h.store.subscriptions.get(sub.id))?.status).toBe('active');
  });
});
