import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/clock.js';
import { type FakeSlack, startFakeSlack } from '../../../src/dev/fake-slack/fake-slack.js';
import { seedFakeSlack, simulatedSlackPeople } from '../../../src/dev/fake-slack/simulated-slack-people.js';
import { createSimulatedOrg } from '../../../src/dev/simulator/simulated-org.js';
import { buildUserProfile } from '../../../src/dev/simulator/user-profiles.js';
import { TEST_NOW } from '../../helpers/test-clock.js';

const post = async (fake: FakeSlack, method: string, body: Record<string, string>) => {
  const res = await fetch(`${fake.url}${method}`, {
    method: 'POST',
    headers: { authorization: 'Bearer xoxb-test', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body).toString(),
  });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as Record<string, unknown>,
  };
};

describe('fake Slack directory methods for teams (issue 12)', () => {
  let fake: FakeSlack;
  afterEach(async () => {
    await fake.close();
  });

  it('pages users.list by cursor and limit, with emails, deleted users and bots', async () => {
    fake = await startFakeSlack();
    for (let i = 1; i <= 5; i += 1)
      fake.users.set(`U${i}`, { id: `U${i}`, name: `p${i}`, email: `P${i}@example.com` });
    fake.users.set('U6', { id: 'U6', name: 'gone', deleted: true });
    fake.users.set('U7', { id: 'U7', name: 'bot', is_bot: true });
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
    const pages: Array<
      Array<{ id?: string; deleted?: boolean; is_bot?: boolean; profile?: { email?: string } }>
    > = [];
    let cursor: string | undefined;
    do {
      const page = await client.users.list({ limit: 3, ...(cursor ? { cursor } : {}) });
      pages.push(page.members ?? []);
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    expect(pages.map((p) => p.map((m) => m.id))).toEqual([['U1', 'U2', 'U3'], ['U4', 'U5', 'U6'], ['U7']]);
    const all = pages.flat();
    expect(all[0]?.profile?.email).toBe('P1@example.com');
    expect(all.find((m) => m.id === 'U6')).toMatchObject({ deleted: true, is_bot: false });
    expect(all.find((m) => m.id === 'U7')).toMatchObject({ deleted: false, is_bot: true });
    expect(all.find((m) => m.id === 'U7')?.profile).not.toHaveProperty('email');
    expect((await post(fake, 'users.list', { cursor: 'garbage' })).body).toEqual({
      ok: false,
      error: 'invalid_cursor',
    });
  });

  it('lists user groups (users on request, disabled ones hidden) and pages channel members', async () => {
    fake = await startFakeSlack();
    fake.usergroups.set('S1', { id: 'S1', handle: 'platform', name: 'Platform' });
    fake.usergroups.set('S2', { id: 'S2', handle: 'old', name: 'Old', disabled: true });
    fake.usergroupMembers.set('S1', ['U1', 'U2']);
    fake.channelMembers.set('C1', ['U1', 'U2', 'U3']);
    const plain = await post(fake, 'usergroups.list', {});
    expect(plain.body.usergroups).toEqual([
      expect.objectContaining({ id: 'S1', handle: 'platform', name: 'Platform', user_count: 2 }),
    ]);
    expect((plain.body.usergroups as object[])[0]).not.toHaveProperty('users');
    const full = await post(fake, 'usergroups.list', { include_users: 'true', include_disabled: 'true' });
    expect(
      (full.body.usergroups as Array<{ id: string; users: string[] }>).map((g) => [g.id, g.users]),
    ).toEqual([
      ['S1', ['U1', 'U2']],
      ['S2', []],
    ]);
    expect((await post(fake, 'usergroups.users.list', { usergroup: 'S1' })).body).toEqual({
      ok: true,
      users: ['U1', 'U2'],
    });
    const first = await post(fake, 'conversations.members', { channel: 'C1', limit: '2' });
    const next = (first.body.response_metadata as { next_cursor: string }).next_cursor;
    const second = await post(fake, 'conversations.members', { channel: 'C1', limit: '2', cursor: next });
    expect([first.body.members, second.body.members, second.body.response_metadata]).toEqual([
      ['U1', 'U2'],
      ['U3'],
      { next_cursor: '' },
    ]);
    expect((await post(fake, 'conversations.members', { channel: 'C404' })).body).toEqual({
      ok: false,
      error: 'channel_not_found',
    });
  });

  it("answers 429 with Retry-After past a method's tier, per method, freeing as the minute slides", async () => {
    const clock = createManualClock(TEST_NOW);
    fake = await startFakeSlack({ tierLimits: { 2: 3, 4: 100 }, now: clock.now });
    fake.users.set('U1', { id: 'U1', name: 'a' });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      statuses.push((await post(fake, 'users.list', {})).status);
      clock.advance(10_000);
    }
    // Calls at 0 s, 10 s, 20 s; now 30 s: the first leaves the window at 60 s.
    const limited = await post(fake, 'users.list', {});
    expect([...statuses, limited.status, limited.retryAfter]).toEqual([200, 200, 200, 429, '30']);
    expect(limited.body).toEqual({ ok: false, error: 'ratelimited' });
    // Another Tier 2 method has its own budget; a method without a tier is never limited.
    expect((await post(fake, 'usergroups.list', {})).status).toBe(200);
    expect((await post(fake, 'auth.test', {})).status).toBe(200);
    clock.advance(30_000);
    expect((await post(fake, 'users.list', {})).status).toBe(200);
    expect((await post(fake, 'users.list', {})).status).toBe(429);
  });

  it("seeds people from the simulator's users: emails match its actors, with a share unmatched or without", async () => {
    const options = {
      seed: 'codex-pulse',
      people: 200,
      unmatchedShare: 0.1,
      withoutEmailShare: 0.05,
      slackOnly: 7,
      groups: ['platform', 'payments', 'mobile'],
    };
    const people = simulatedSlackPeople(options);
    expect(simulatedSlackPeople(options)).toEqual(people);
    const org = createSimulatedOrg({ seed: 'codex-pulse', users: 200, now: () => TEST_NOW });
    const actorEmails = new Set(
      Array.from({ length: 200 }, (_, i) => buildUserProfile(org, i).email).filter((e) => e !== null),
    );
    const humans = people.users.filter((u) => !u.deleted && !u.is_bot);
    const matching = humans.filter((u) => u.email && actorEmails.has(u.email.toLowerCase()));
    const withoutEmail = humans.filter((u) => !u.email);
    expect(humans).toHaveLength(207);
    // ~85% of actors show an email, less the unmatched and email-less shares.
    expect(matching.length).toBeGreaterThan(120);
    expect(matching.length).toBeLessThan(170);
    expect(withoutEmail.length).toBeGreaterThan(2);
    expect(matching.some((u) => u.email !== u.email?.toLowerCase())).toBe(true);
    expect(people.users.filter((u) => u.deleted || u.is_bot)).toHaveLength(2);
    const grouped = people.usergroups.flatMap((g) => g.members);
    expect(new Set(grouped).size).toBe(207);
    expect(grouped.length).toBeGreaterThan(207);

    fake = await startFakeSlack();
    seedFakeSlack(fake, people);
    const groups = await post(fake, 'usergroups.list', {});
    expect((groups.body.usergroups as Array<{ handle: string }>).map((g) => g.handle)).toEqual(
      options.groups,
    );
    const channel = people.channels[0];
    expect(channel?.name).toBe('team-platform');
    const members = await post(fake, 'conversations.members', { channel: channel?.id ?? '', limit: '1000' });
    expect(members.body.members).toEqual(people.usergroups[0]?.members);
  });
});
