import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodFor } from '../../src/domain/digest-schedule.js';
import type { Subscription } from '../../src/store/store-types.js';
import { expectReplyWithinLimits } from './command-harness.js';
import { type DigestHarness, replyText, startDigestHarness } from './digest-harness.js';

describe('/codex digest send-now with the real store, digest service and fake Slack', () => {
  let h: DigestHarness;
  let ok: Subscription;
  let gone: Subscription;
  const subscribe = (channelId: string) =>
    h.store.subscriptions.create({
      teamId: 'T0TEAM0001',
      channelId,
      ownerUserId: 'U0ADMIN001',
      day: 'mon',
      time: '09:00',
      timeZone: 'Europe/Paris',
      style: 'standard',
      cadence: 'weekly',
    });
  const posts = (channel: string) =>
    h.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.params.channel === channel).length;

  beforeAll(async () => {
    h = await startDigestHarness();
    ok = await subscribe('C0DIGEST01');
    gone = await subscribe('C0NOTMEMBR');
    h.slack.channels.set('C0NOTMEMBR', { id: 'C0NOTMEMBR', name: 'locked', is_member: false });
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses non-admins and answers unknown ids without posting', async () => {
    const refused = await h.run(`digest send-now ${ok.id}`);
    expect(replyText(refused)).toContain('Only Codex Pulse admins');
    const unknown = await h.run('digest send-now zzzzz', { isAdmin: true });
    expect(replyText(unknown)).toContain('No digest subscription `zzzzz`.');
    expect(posts('C0DIGEST01')).toBe(0);
  });

  it('delivered: posts the thread to the channel and says where and for which week', async () => {
    const reply = await h.run(`digest send-now ${ok.id}`, { isAdmin: true });
    expect(reply).toMatchObject({ kind: 'message', visibility: 'ephemeral', shareable: false });
    expectReplyWithinLimits(reply);
    expect(replyText(reply)).toContain(
      `Posted the weekly standard digest \`${ok.id}\` to <#C0DIGEST01> (week of Mon 16 Nov – Sun 22 Nov)`,
    );
    expect(posts('C0DIGEST01')).toBeGreaterThan(1);
    const [run] = await h.store.deliveries.recent(ok.id, 1);
    expect(run).toMatchObject({ status: 'delivered' });
  });

  it('already: a second send-now for the same week posts nothing and says when it went out', async () => {
    const before = posts('C0DIGEST01');
    h.clock.advance(3_600_000);
    const reply = await h.run(`digest send-now ${ok.id}`, { isAdmin: true });
    expectReplyWithinLimits(reply);
    // Delivered at 10:00 UTC, read in the subscription's zone.
    expect(replyText(reply)).toContain(
      `\`${ok.id}\` was already posted to <#C0DIGEST01> for the week of Mon 16 Nov – Sun 22 Nov, on Tue 24 Nov, 11:00.`,
    );
    expect(posts('C0DIGEST01')).toBe(before);
  });

  it('failed: the bot is not in the channel → the reason and the fix; the subscription pauses', async () => {
    const reply = await h.run(`digest send-now ${gone.id}`, { isAdmin: true });
    expectReplyWithinLimits(reply);
    expect(replyText(reply)).toContain(
      `Posting \`${gone.id}\` to <#C0NOTMEMBR> failed: the bot isn’t in the channel — \`/invite @Codex Pulse\` there.`,
    );
    expect(await h.store.subscriptions.get(gone.id)).toMatchObject({
      status: 'paused',
      pausedReason: 'not_in_channel',
    });
  });

  it('paused: says it is paused and why, and posts nothing', async () => {
    const before = h.slack.calls.length;
    const reply = await h.run(`digest send-now ${gone.id}`, { isAdmin: true });
    expectReplyWithinLimits(reply);
    const text = replyText(reply);
    expect(text).toContain(`\`${gone.id}\` is paused: the bot isn’t in the channel`);
    expect(text).toContain('Nothing was posted.');
    expect(text).toContain(`\`/codex digest resume ${gone.id}\``);
    expect(h.slack.calls.length).toBe(before);
  });

  it('list then shows each run with its outcome', async () => {
    const text = replyText(await h.run('digest list'));
    expect(text).toContain('delivered · Tue 24 Nov, 11:00 (week of Mon 16 Nov)');
    expect(text).toContain('failed: the bot isn’t in the channel');
  });

  it('resume: refuses non-admins, explains unknown and active ids', async () => {
    expect(replyText(await h.run(`digest resume ${gone.id}`))).toContain('Only Codex Pulse admins');
    const unknown = await h.run('digest resume zzzzz', { isAdmin: true });
    expect(replyText(unknown)).toContain('No digest subscription `zzzzz`.');
    const active = await h.run(`digest resume ${ok.id}`, { isAdmin: true });
    expect(replyText(active)).toContain(`\`${ok.id}\` isn’t paused`);
    expect(await h.store.subscriptions.get(gone.id)).toMatchObject({ status: 'paused' });
  });

  it('after the bot is invited: resume, then send-now retries the week that failed', async () => {
    h.slack.channels.set('C0NOTMEMBR', { id: 'C0NOTMEMBR', name: 'locked', is_member: true });
    const resumed = await h.run(`digest resume ${gone.id}`, { isAdmin: true });
    expectReplyWithinLimits(resumed);
    expect(replyText(resumed)).toContain(`Resumed \`${gone.id}\``);
    expect(await h.store.subscriptions.get(gone.id)).toMatchObject({ status: 'active', pausedReason: null });

    const sent = await h.run(`digest send-now ${gone.id}`, { isAdmin: true });
    expect(replyText(sent)).toContain(`Posted the weekly standard digest \`${gone.id}\` to <#C0NOTMEMBR>`);
    expect(posts('C0NOTMEMBR')).toBeGreaterThan(1);
    expect((await h.store.deliveries.recent(gone.id, 1))[0]).toMatchObject({
      status: 'delivered',
      reason: null,
    });
    // Delivered now: the week is done, as for any other delivery.
    expect(replyText(await h.run(`digest send-now ${gone.id}`, { isAdmin: true }))).toContain(
      'already posted',
    );
  });

  it('a retried week keeps the parts already posted: the rest go under the same parent', async () => {
    const sub = await subscribe('C0RETRY001');
    const key = { subscriptionId: sub.id, periodStart: periodFor(h.clock.now(), 'weekly') };
    // A scheduled run posted the parent, then failed for good (e.g. the Codex API went down mid-way).
    await h.store.deliveries.claim({
      ...key,
      dueAt: h.clock.now(),
      workerId: 'replica-a',
      now: h.clock.now(),
      leaseMs: 60_000,
    });
    await h.store.deliveries.recordPart(key, 'replica-a', 0, '1732440000.000777');
    await h.store.deliveries.finish(key, 'replica-a', 'failed', 'codex_unavailable');

    const sent = await h.run(`digest send-now ${sub.id}`, { isAdmin: true });
    expect(replyText(sent)).toContain('Posted the weekly standard digest');
    const mine = h.slack.calls.filter(
      (c) => c.method === 'chat.postMessage' && c.params.channel === 'C0RETRY001',
    );
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c) => c.params.thread_ts === '1732440000.000777')).toBe(true);
    expect(await h.store.deliveries.get(key)).toMatchObject({
      status: 'delivered',
      parentTs: '1732440000.000777',
    });
  });
});
