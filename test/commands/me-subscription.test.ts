import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommandText } from '../../commands/args/parse-command.js';
import type { CommandReply } from '../../commands/command-types.js';
import { createCommandRegistry } from '../../commands/create-command-registry.js';
import { noEmailText } from '../../commands/me-command.js';
import { expectReplyWithinLimits, invocation } from './command-harness.js';
import { type DigestHarness, replyText, startDigestHarness } from './digest-harness.js';

describe('/codex me subscribe | unsubscribe with the embedded store', () => {
  let h: DigestHarness;
  let email: string;
  beforeAll(async () => {
    h = await startDigestHarness();
    const parsed = parseCommandText('me', h.clock.now());
    if (parsed.name !== 'me' || 'action' in parsed) throw new Error('expected me');
    const view = await h.base.analytics.ranking(parsed.window, {
      sortBy: 'credits',
      surface: null,
      topN: 50,
    });
    const user = view.ranking.users.find((u) => u.email !== null);
    if (!user?.email) throw new Error('the simulator gave no user with an email');
    email = user.email;
  });
  afterAll(async () => {
    await h.close();
  });

  const run = (text: string, who: { email?: string | null; zone?: string | null } = {}) => {
    const base = {
      ...invocation(text, { email: who.email === undefined ? email : who.email }),
      now: h.clock.now(),
    };
    if (who.zone === null) {
      const { userTimezone: _zone, ...withoutZone } = base;
      return h.registry.dispatch(withoutZone);
    }
    return h.registry.dispatch({ ...base, ...(who.zone ? { userTimezone: who.zone } : {}) });
  };
  const personalOf = (userId: string) => h.store.subscriptions.findPersonal('T0TEAM0001', userId);
  const ephemeral = (reply: CommandReply) =>
    expect(reply).toMatchObject({
      kind: 'message',
      visibility: 'ephemeral',
      audience: 'requester',
      shareable: false,
    });

  it('subscribes with Monday 09:00 in the caller’s Slack zone: a personal subscription to their DM', async () => {
    const reply = await run('me subscribe');
    ephemeral(reply);
    expectReplyWithinLimits(reply);
    const stored = await personalOf('U0MEMBER01');
    expect(stored).toMatchObject({
      kind: 'personal',
      channelId: 'U0MEMBER01',
      ownerUserId: 'U0MEMBER01',
      day: 'mon',
      time: '09:00',
      timeZone: 'Europe/Paris',
      cadence: 'weekly',
      status: 'active',
    });
    const text = replyText(reply);
    expect(text).toContain('Subscribed you to a weekly DM');
    // fixedNow is Tue 24 Nov 2026 10:00 UTC: the next Monday 09:00 in Paris is the 30th.
    expect(text).toContain('every Monday at 09:00 Europe/Paris (next: Mon 30 Nov, 09:00)');
    expect(text).toContain('/codex me unsubscribe');
    // No email is stored anywhere on the subscription.
    expect(JSON.stringify(stored)).not.toContain(email);
  });

  it('subscribing again updates the day and time in place, and says so', async () => {
    const before = await personalOf('U0MEMBER01');
    const reply = await run('me subscribe fri 16:30');
    expect(replyText(reply)).toContain('Updated your weekly DM');
    expect(replyText(reply)).toContain('every Friday at 16:30 Europe/Paris');
    const after = await personalOf('U0MEMBER01');
    expect(after).toMatchObject({ id: before?.id, day: 'fri', time: '16:30' });
    const personal = (await h.store.subscriptions.list('T0TEAM0001')).filter((s) => s.kind === 'personal');
    expect(personal).toHaveLength(1);
  });

  it('subscribing again restarts a DM that delivery paused (Slack could not message the person)', async () => {
    const paused = await personalOf('U0MEMBER01');
    if (paused === null) throw new Error('expected the subscription of the tests above');
    await h.store.subscriptions.setStatus(paused.id, 'paused', 'user_not_found');
    const reply = await run('me subscribe fri 16:30');
    expect(replyText(reply)).toContain('Updated your weekly DM');
    expect(await personalOf('U0MEMBER01')).toMatchObject({
      id: paused.id,
      status: 'active',
      pausedReason: null,
    });
  });

  it('unsubscribes; a second unsubscribe says there is none', async () => {
    const reply = await run('me unsubscribe');
    ephemeral(reply);
    expect(replyText(reply)).toContain('Unsubscribed: no more weekly DM');
    expect(await personalOf('U0MEMBER01')).toBeNull();
    expect(replyText(await run('me unsubscribe'))).toContain("You don't have a weekly DM");
  });

  it('without a Slack zone: UTC, and the reply says so', async () => {
    const reply = await run('me subscribe tue 08:00', { zone: null });
    expect(replyText(reply)).toContain('at 08:00 UTC');
    expect(replyText(reply)).toContain('Slack gave me no time zone for you, so that is UTC.');
    await run('me unsubscribe');
  });

  it('refuses people no Codex user matches, with `/codex me`’s explanation, and stores nothing', async () => {
    const reply = await run('me subscribe', { email: 'ghost@example.com' });
    const text = replyText(reply);
    expect(text).toContain('No Codex usage found for ghost@example.com');
    expect(text).toContain('matches your Slack email to the Codex account email');
    expect(await personalOf('U0MEMBER01')).toBeNull();
    expect(replyText(await run('me subscribe', { email: null }))).toContain(noEmailText.slice(0, 40));
    expect(await personalOf('U0MEMBER01')).toBeNull();
  });

  it('digest list: admins see a count of personal subscriptions, never who; members not even that', async () => {
    await run('me subscribe');
    const channelOnes = (await h.store.subscriptions.list('T0TEAM0001')).filter((s) => s.kind === 'channel');
    expect(channelOnes).toHaveLength(0);
    const admin = replyText(
      await h.registry.dispatch({ ...invocation('digest list', { isAdmin: true }), now: h.clock.now() }),
    );
    expect(admin).toContain('1 person gets their own week by DM');
    expect(admin).toContain('No digest subscriptions yet.');
    expect(admin).not.toContain('U0MEMBER01');
    const member = replyText(await run('digest list'));
    expect(member).not.toContain('own week by DM');
    expect(member).not.toContain('U0MEMBER01');
    // No digest action reaches a personal subscription, not even an admin's send-now into someone's DM.
    const mine = await personalOf('U0MEMBER01');
    for (const action of ['send-now', 'preview', 'unsubscribe', 'resume']) {
      const reply = await h.registry.dispatch({
        ...invocation(`digest ${action} ${mine?.id}`, { isAdmin: true }),
        now: h.clock.now(),
      });
      expect(replyText(reply)).toContain(`No digest subscription`);
    }
    expect(await personalOf('U0MEMBER01')).not.toBeNull();
    await run('me unsubscribe');
  });

  it('answers honestly where there is no store', async () => {
    const registry = createCommandRegistry({ analytics: h.base.analytics, logger: h.base.logger });
    const reply = await registry.dispatch({ ...invocation('me subscribe', { email }), now: h.clock.now() });
    expect(replyText(reply)).toContain("Weekly DMs aren't configured");
  });
});
