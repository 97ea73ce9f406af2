import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandReply } from '../../commands/command-types.js';
import type { DigestFigures } from '../../src/figures/figure-types.js';
import type { Subscription } from '../../src/store/store-types.js';
import { expectReplyWithinLimits, fixedNow } from './command-harness.js';
import { type DigestHarness, replyText, startDigestHarness } from './digest-harness.js';

function threadOf(reply: CommandReply) {
  if (reply.kind !== 'thread') throw new Error(`expected a thread, got ${reply.kind}`);
  return reply.report;
}

describe('/codex digest preview <id> with the real store and digest service', () => {
  let h: DigestHarness;
  let standard: Subscription;
  let leadership: Subscription;
  let figures: DigestFigures;
  beforeAll(async () => {
    h = await startDigestHarness();
    const common = {
      teamId: 'T0TEAM0001',
      ownerUserId: 'U0ADMIN001',
      day: 'mon',
      time: '09:00',
      timeZone: 'Europe/Paris',
      cadence: 'weekly',
    } as const;
    standard = await h.store.subscriptions.create({ ...common, channelId: 'C0STANDARD', style: 'standard' });
    leadership = await h.store.subscriptions.create({
      ...common,
      channelId: 'C0LEADERS1',
      style: 'leadership',
    });
    figures = await h.base.analytics.digest(fixedNow, { topN: 10 });
  });
  afterAll(async () => {
    await h.close();
  });

  it('an admin sees the subscription’s digest thread now, ephemeral, and nothing is posted', async () => {
    const reply = await h.run(`digest preview ${standard.id}`, { isAdmin: true });
    expect(reply).toMatchObject({ kind: 'thread', visibility: 'ephemeral' });
    expectReplyWithinLimits(reply);
    const report = threadOf(reply);
    expect(JSON.stringify(report.parent.blocks)).toContain('Codex weekly digest');
    expect(JSON.stringify(report.parent)).toContain('Mon 16 Nov – Sun 22 Nov');
    expect(h.slack.calls).toEqual([]);
    expect(await h.store.deliveries.recent(standard.id, 5)).toEqual([]);
    // The standard digest names its top users: the Share button's confirm dialog says how many.
    expect(reply).toMatchObject({ namedPeople: Math.min(10, figures.ranking.users.length) });
  });

  it('a member previews a leadership subscription: aggregate only', async () => {
    const reply = await h.run(`digest preview ${leadership.id}`);
    expectReplyWithinLimits(reply);
    const serialized = JSON.stringify(threadOf(reply));
    expect(serialized).toContain('Codex leadership digest');
    for (const user of figures.ranking.users) expect(serialized).not.toContain(user.userId);
    expect(reply).not.toHaveProperty('namedPeople');
  });

  it('a member cannot preview a standard subscription (it names the top users)', async () => {
    const reply = await h.run(`digest preview ${standard.id}`);
    expect(reply).toMatchObject({ kind: 'message', visibility: 'ephemeral' });
    expect(replyText(reply)).toContain('its preview is for Codex Pulse admins');
  });

  it('an unknown id is answered kindly', async () => {
    const reply = await h.run('digest preview zzzzz', { isAdmin: true });
    expectReplyWithinLimits(reply);
    expect(replyText(reply)).toContain('No digest subscription `zzzzz`. `/codex digest list` shows the ids.');
  });
});
