import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestNotConfiguredText } from '../../commands/digest-command.js';
import {
  type CommandHarness,
  expectReplyWithinLimits,
  messageOf,
  startCommandHarness,
} from './command-harness.js';
import { type DigestHarness, replyText, startDigestHarness } from './digest-harness.js';

describe('/codex digest subscribe with the embedded store', () => {
  let h: DigestHarness;
  beforeAll(async () => {
    h = await startDigestHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('defaults: this channel, Monday 09:00, the caller’s Slack zone, standard, the caller as owner', async () => {
    const reply = await h.run('digest subscribe', { isAdmin: true });
    expect(reply).toMatchObject({ kind: 'message', visibility: 'ephemeral', shareable: false });
    expectReplyWithinLimits(reply);
    const [stored] = await h.store.subscriptions.list('T0TEAM0001');
    expect(stored).toMatchObject({
      teamId: 'T0TEAM0001',
      channelId: 'C0GENERAL1',
      ownerUserId: 'U0ADMIN001',
      day: 'mon',
      time: '09:00',
      timeZone: 'Europe/Paris',
      style: 'standard',
      status: 'active',
    });
    const text = replyText(reply);
    expect(text).toContain(`\`${stored?.id}\``);
    expect(text).toContain('<#C0GENERAL1>');
    // fixedNow is Tue 24 Nov 2026 10:00 UTC: the next Monday 09:00 in Paris is the 30th.
    expect(text).toContain('every Monday at 09:00 Europe/Paris (next: Mon 30 Nov, 09:00)');
    expect(text).toContain('`/invite @Codex Pulse`');
    await h.store.subscriptions.remove(stored?.id ?? '');
  });

  it('monthly and quarterly: stored with their cadence, confirmed with the first slot of the next period', async () => {
    const reply = await h.run('digest subscribe leadership monthly', { isAdmin: true });
    expectReplyWithinLimits(reply);
    const [stored] = await h.store.subscriptions.list('T0TEAM0001');
    expect(stored).toMatchObject({ cadence: 'monthly', style: 'leadership', day: 'mon' });
    // fixedNow is Tue 24 Nov 2026: the first Monday of December is the 7th.
    expect(replyText(reply)).toContain('to the monthly leadership digest');
    expect(replyText(reply)).toContain(
      'the first Monday of each month at 09:00 Europe/Paris (next: Mon 7 Dec, 09:00)',
    );
    await h.store.subscriptions.remove(stored?.id ?? '');
    const quarterly = replyText(await h.run('digest subscribe quarterly fri 16:30 UTC', { isAdmin: true }));
    expect(quarterly).toContain('the first Friday of each quarter at 16:30 UTC (next: Fri 1 Jan, 16:30)');
    const [q] = await h.store.subscriptions.list('T0TEAM0001');
    await h.store.subscriptions.remove(q?.id ?? '');
  });

  it('explicit channel, day, time, zone and style, in any order; the channel is stored by id', async () => {
    const reply = await h.run(
      'digest subscribe leadership 16:30 <#C0LEADERS1|eng-leads> America/New_York fri',
      {
        isAdmin: true,
      },
    );
    expectReplyWithinLimits(reply);
    const [stored] = await h.store.subscriptions.list('T0TEAM0001');
    expect(stored).toMatchObject({
      channelId: 'C0LEADERS1',
      day: 'fri',
      time: '16:30',
      timeZone: 'America/New_York',
      style: 'leadership',
    });
    const text = replyText(reply);
    expect(text).toContain('<#C0LEADERS1> to the weekly leadership digest');
    expect(text).toContain('every Friday at 16:30 America/New_York (next: Fri 27 Nov, 16:30)');
    await h.store.subscriptions.remove(stored?.id ?? '');
  });

  it('refuses non-admins, naming who can, and stores nothing', async () => {
    const plain = await h.run('digest subscribe fri');
    expect(plain).toMatchObject({ kind: 'message', visibility: 'ephemeral' });
    expect(replyText(plain)).toContain('Only Codex Pulse admins (ADMIN_USER_IDS / ADMIN_USERGROUP_ID)');
    expect(replyText(plain)).toContain('`/codex digest list`');
    expectReplyWithinLimits(plain);
    expect(await h.store.subscriptions.list()).toEqual([]);
  });
});

describe('/codex digest without the store (deps.digests absent)', () => {
  let base: CommandHarness;
  beforeAll(async () => {
    base = await startCommandHarness();
  });
  afterAll(async () => {
    await base.close();
  });

  it.each([
    'digest subscribe',
    'digest list',
    'digest unsubscribe d7k3q',
    'digest send-now d7k3q',
    'digest preview d7k3q',
  ])('%s: says scheduling isn’t configured, without calling the API', async (text) => {
    const before = base.sim.stats().requests;
    const reply = await base.run(text, { isAdmin: true });
    expect(reply).toMatchObject({ kind: 'message', visibility: 'ephemeral', shareable: false });
    expect(messageOf(reply).text).toBe(digestNotConfiguredText);
    expect(base.sim.stats().requests).toBe(before);
  });
});
