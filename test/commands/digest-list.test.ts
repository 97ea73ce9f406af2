import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodFor } from '../../src/domain/digest-schedule.js';
import { expectReplyWithinLimits } from './command-harness.js';
import { type DigestHarness, replyText, startDigestHarness } from './digest-harness.js';

const worker = 'test-worker';
const leaseMs = 60_000;

describe('/codex digest list and unsubscribe with the embedded store', () => {
  let h: DigestHarness;
  beforeAll(async () => {
    h = await startDigestHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('empty: says how to subscribe', async () => {
    const reply = await h.run('digest list', { isAdmin: true });
    expectReplyWithinLimits(reply);
    expect(replyText(reply)).toContain('No digest subscriptions yet.');
    expect(replyText(reply)).toContain('`/codex digest subscribe`');
  });

  it('everyone lists the team’s subscriptions with the last runs: delivered, skipped, failed + reason', async () => {
    const { subscriptions, deliveries } = h.store;
    const berlin = await subscriptions.create({
      teamId: 'T0TEAM0001',
      channelId: 'C0GENERAL1',
      ownerUserId: 'U0ADMIN001',
      day: 'mon',
      time: '09:00',
      timeZone: 'Europe/Berlin',
      style: 'standard',
      cadence: 'weekly',
    });
    await subscriptions.create({
      teamId: 'T0OTHER001',
      channelId: 'C0ELSEWHERE',
      ownerUserId: 'U0OTHER001',
      day: 'tue',
      time: '08:00',
      timeZone: 'UTC',
      style: 'leadership',
      cadence: 'weekly',
    });
    // Three weeks of history, oldest first: delivered on Mon 9 Nov, missed on the 16th, failed on the 23rd.
    const dues = ['2026-11-09T08:00:00Z', '2026-11-16T08:00:00Z', '2026-11-23T08:00:00Z'].map(
      (d) => new Date(d),
    );
    const keys = dues.map((dueAt) => ({
      subscriptionId: berlin.id,
      periodStart: periodFor(dueAt, 'weekly'),
    }));
    const [first, second, third] = keys;
    if (!first || !second || !third) throw new Error('three keys');
    h.clock.set(dues[0] as Date);
    await deliveries.claim({
      ...first,
      dueAt: dues[0] as Date,
      workerId: worker,
      now: h.clock.now(),
      leaseMs,
    });
    await deliveries.recordPart(first, worker, 0, '1700000000.000100');
    await deliveries.finish(first, worker, 'delivered');
    h.clock.set(new Date('2026-11-16T20:00:00Z'));
    await deliveries.recordSkipped(second, dues[1] as Date, 'missed');
    h.clock.set(dues[2] as Date);
    await deliveries.claim({
      ...third,
      dueAt: dues[2] as Date,
      workerId: worker,
      now: h.clock.now(),
      leaseMs,
    });
    await deliveries.finish(third, worker, 'failed', 'not_in_channel');
    await subscriptions.setStatus(berlin.id, 'paused', 'not_in_channel');

    const reply = await h.run('digest list');
    expect(reply).toMatchObject({ kind: 'message', visibility: 'ephemeral' });
    expectReplyWithinLimits(reply);
    const text = replyText(reply);
    expect(text).toContain(`\`${berlin.id}\`* · <#C0GENERAL1> · every Monday at 09:00 Europe/Berlin`);
    expect(text).toContain('paused: the bot isn’t in the channel');
    const failed = text.indexOf(
      'failed: the bot isn’t in the channel — `/invite @Codex Pulse` there · Mon 23 Nov, 09:00',
    );
    const skipped = text.indexOf('skipped: missed its slot');
    const delivered = text.indexOf('delivered · Mon 9 Nov, 09:00 (week of Mon 2 Nov)');
    // Newest first.
    expect(failed).toBeGreaterThan(0);
    expect(skipped).toBeGreaterThan(failed);
    expect(delivered).toBeGreaterThan(skipped);
    expect(text).not.toContain('C0ELSEWHERE');
    expect(text).toContain('Admins (ADMIN_USER_IDS / ADMIN_USERGROUP_ID) subscribe and unsubscribe');
    h.clock.set(new Date('2026-11-24T10:00:00Z'));
  });

  it('unsubscribe: admins only; unknown and other-team ids are friendly; history is kept', async () => {
    const [mine] = await h.store.subscriptions.list('T0TEAM0001');
    const [theirs] = await h.store.subscriptions.list('T0OTHER001');
    if (!mine || !theirs) throw new Error('both subscriptions exist');

    const refused = await h.run(`digest unsubscribe ${mine.id}`);
    expect(replyText(refused)).toContain('Only Codex Pulse admins');
    expect(await h.store.subscriptions.get(mine.id)).not.toBeNull();

    for (const id of ['zzzzz', theirs.id]) {
      const unknown = await h.run(`digest unsubscribe ${id}`, { isAdmin: true });
      expectReplyWithinLimits(unknown);
      expect(replyText(unknown)).toContain(
        `No digest subscription \`${id}\`. \`/codex digest list\` shows the ids.`,
      );
    }
    expect(await h.store.subscriptions.get(theirs.id)).not.toBeNull();

    const done = await h.run(`digest unsubscribe ${mine.id.toUpperCase()}`, { isAdmin: true });
    expectReplyWithinLimits(done);
    expect(replyText(done)).toContain(`Unsubscribed \`${mine.id}\`: <#C0GENERAL1> no longer gets the digest`);
    expect(await h.store.subscriptions.get(mine.id)).toBeNull();
    expect(await h.store.deliveries.recent(mine.id, 10)).toHaveLength(3);
    expect(replyText(await h.run('digest list'))).toContain('No digest subscriptions yet.');
  });
});
