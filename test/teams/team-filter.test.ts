/**
 * The `team` filter (issue 12 §3–4) on `/codex usage`, `top`, `reviews`, `export` and `digest subscribe`,
 * through the real Bolt app (slash commands) or the real command registry (files, subscriptions) over the
 * warehouse and the hand-built fixture of team-commands-harness.ts. Last week is Mon 16 – Sun 22 Nov:
 *
 *   @platform (U01–U05 matched, U07 not: 5 matched): u1 17 Nov 5 cr, u2 18 Nov 3 cr, u4 20 Nov 4 cr
 *     → 3 active, 12 credits, 3 threads; the week before: u1 10 Nov, u5 11 Nov → 2 active.
 *   @payments (U01 U02 U06 U09 U10: 5 matched): u1 5, u2 3, u6 6, u9 2 → 4 active, 16 credits.
 *   The workspace: those, u8 (1 cr) too → 6 active, 21 credits. U01 and U02 count in both teams
 *   (3 + 4 > 6): a team's figures are its members' distinct users, never a share of the workspace's.
 *   @design (U03 matched, U07 not: 1 matched) is under the 5-member rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandInvocation, CommandReply } from '../../commands/command-types.js';
import { createBotRegistry } from '../../src/main/bot-registry.js';
import { openDigestRuntime } from '../../src/main/digest-runtime.js';
import { ADMIN, allText, MEMBER, NOW, startTeamStack, type TeamStack } from './team-commands-harness.js';

let s: TeamStack;
beforeAll(async () => {
  s = await startTeamStack();
});
afterAll(() => s.close());

/** The mrkdwn of every section and header, in order. */
const texts = (body: Record<string, unknown>): string =>
  (body.blocks as { type: string; text?: { text: string }; fields?: { text: string }[] }[])
    .map((b) => [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)].join('\n'))
    .join('\n');

const invocation = (text: string, userId: string): CommandInvocation => ({
  text,
  userId,
  teamId: 'T0FAKE0001',
  channelId: 'C0ASKED001',
  isAdmin: userId === ADMIN,
  now: NOW,
  lookupEmail: async () => null,
});

const noteText = (reply: CommandReply): string =>
  reply.kind === 'message' ? JSON.stringify(reply.message.blocks) : JSON.stringify(reply);

describe('/codex usage team …', () => {
  it("shows the team's own figures, the team in the header, shareable; a person in two teams counts in both", async () => {
    const platform = await s.slash('usage last-week team @platform');
    expect(texts(platform)).toContain('Codex usage · team @platform · ');
    expect(texts(platform)).toContain('*Active users*\n3');
    expect(texts(platform)).toContain('*Credits*\n12');
    expect(texts(platform)).toContain('*Threads*\n3');
    expect(allText(platform)).toContain('codex_pulse_share');
    const payments = await s.slash('usage last-week <!subteam^S2|@payments>');
    expect(texts(payments)).toContain('*Active users*\n4');
    expect(texts(payments)).toContain('*Credits*\n16');
    const workspace = await s.slash('usage last-week');
    expect(texts(workspace)).toContain('*Active users*\n6');
    expect(texts(workspace)).toContain('*Credits*\n21');
    expect(texts(workspace)).not.toContain('team @');
  });

  it('refuses a team under 5 matched members to a non-admin, saying why, with no figures', async () => {
    const body = await s.slash('usage 30d team @design', MEMBER);
    const all = allText(body);
    expect(all).toContain('@design has fewer than 5 members matched to a Codex user');
    expect(all).not.toContain('Active users');
    expect(all).not.toMatch(/credits|\b[0-46-9]\b/i);
    expect(all).not.toContain('codex_pulse_share');
  });

  it("shows an admin the small team's figures, to them alone and not shareable", async () => {
    // Last 30 days (25 Oct – 23 Nov): u3 on 2 Nov (2 credits); U07 never.
    const body = await s.slash('usage 30d team @design', ADMIN);
    expect(texts(body)).toContain('Codex usage · team @design');
    expect(texts(body)).toContain('*Active users*\n1');
    expect(texts(body)).toContain('*Credits*\n2');
    expect(allText(body)).not.toContain('codex_pulse_share');
  });

  it('answers an unknown team with the known teams and a did-you-mean', async () => {
    const all = allText(await s.slash('usage team @platfrom'));
    expect(all).toContain('No team called `@platfrom`. Did you mean `@platform`?');
    expect(all).not.toContain('codex-licensed');
  });
});

describe('/codex top team …', () => {
  it("ranks only the team's members for an admin, the team in the header", async () => {
    const body = await s.slash('top last-week team @platform', ADMIN);
    const text = texts(body);
    expect(text).toContain('Top Codex users by credits · team @platform · ');
    // ana 5, dan 4, ben 3; fay (6, @payments only) and hal are not in @platform.
    expect(text.indexOf('ana')).toBeGreaterThan(-1);
    expect(text.indexOf('ana')).toBeLessThan(text.indexOf('dan'));
    expect(text.indexOf('dan')).toBeLessThan(text.indexOf('ben'));
    expect(text).not.toContain('fay');
    expect(text).not.toContain('hal');
  });

  it('gives a non-admin the concentration within the team, no names; refuses a small team', async () => {
    const body = await s.slash('top last-week team @platform', MEMBER);
    const all = allText(body);
    expect(texts(body)).toContain('How concentrated Codex usage is · team @platform');
    expect(texts(body)).toContain('All 3 active users (all surfaces) used 12 credits.');
    for (const name of ['ana', 'ben', 'dan', 'example.com']) expect(all).not.toContain(name);
    const small = allText(await s.slash('top 30d team @design', MEMBER));
    expect(small).toContain('fewer than 5 members');
    expect(small).not.toContain('cat');
  });

  it("gives an admin a small team's ranking, not shareable (sharing would show it to the channel)", async () => {
    const body = await s.slash('top 30d team @design', ADMIN);
    expect(texts(body)).toContain('team @design');
    expect(texts(body)).toContain('cat');
    expect(allText(body)).not.toContain('codex_pulse_share');
  });
});

describe('/codex reviews team …', () => {
  it('says Code Review figures are workspace-wide rather than ignoring the team', async () => {
    const all = allText(await s.slash('reviews team @platform'));
    expect(all).toContain('Code Review figures are workspace-wide');
    expect(all).toContain('cannot be filtered by team');
    expect(all).not.toContain('PRs reviewed');
  });
});

describe('/codex export … team …', () => {
  const registry = () => createBotRegistry(s.c);

  it("exports the team's usage per day for anyone, named in the file", async () => {
    const reply = await registry().dispatch(invocation('export usage csv last-week team @platform', MEMBER));
    if (reply.kind !== 'file') throw new Error(`expected a file, got ${reply.kind}`);
    expect(reply.filename).toBe('codex-usage-team-platform-2026-11-16_2026-11-22.csv');
    expect(reply.audience).toBe('channel');
    expect(reply.title).toContain('team @platform');
    const lines = reply.content.trim().split('\n');
    // day, active_users, threads, turns, credits, …: one active member a day on 17, 18 and 20 Nov, and
    // (as the workspace's export) up to the team's last day with rows.
    const credits = lines.slice(1).map((line) => line.split(',').slice(0, 5).join(','));
    expect(credits).toEqual([
      '2026-11-16,0,0,0,0',
      '2026-11-17,1,1,2,5',
      '2026-11-18,1,1,2,3',
      '2026-11-19,0,0,0,0',
      '2026-11-20,1,1,2,4',
    ]);
  });

  it("keeps the users export admin-only; an admin's lists only the team's members", async () => {
    const refused = await registry().dispatch(invocation('export users last-week team @platform', MEMBER));
    expect(noteText(refused)).toContain('Per-user exports are limited to Codex Pulse admins');
    const reply = await registry().dispatch(invocation('export users json last-week team @payments', ADMIN));
    if (reply.kind !== 'file') throw new Error(`expected a file, got ${reply.kind}`);
    expect(reply.audience).toBe('requester');
    const rows = JSON.parse(reply.content) as { user_id: string }[];
    expect(rows.map((r) => r.user_id).sort()).toEqual(['u1', 'u2', 'u6', 'u9']);
  });

  it('refuses a small team to a non-admin, an unknown team, and a team on the reviews export', async () => {
    const small = await registry().dispatch(invocation('export usage 30d team @design', MEMBER));
    expect(small.kind).toBe('message');
    expect(noteText(small)).toContain('fewer than 5 members');
    const adminSmall = await registry().dispatch(invocation('export usage 30d team @design', ADMIN));
    expect(adminSmall).toMatchObject({ kind: 'file', audience: 'requester' });
    const unknown = await registry().dispatch(invocation('export usage team @nobody', MEMBER));
    expect(noteText(unknown)).toContain('No team called');
    const reviews = await registry().dispatch(invocation('export reviews team @platform', MEMBER));
    expect(noteText(reviews)).toContain('Code Review figures are workspace-wide');
  });
});

describe('/codex digest subscribe … team …', () => {
  it("stores the team, lists it, and delivers the team's own digest with the team's figures", async () => {
    const runtime = await openDigestRuntime(s.c, {
      store: { dataDir: s.dataDir },
      slack: { botToken: 'xoxb-teams-token', apiUrl: s.fake.url },
    });
    try {
      const registry = createBotRegistry(s.c, runtime.deps);
      const ask = (text: string, user = ADMIN) => registry.dispatch(invocation(text, user));

      const refusedSmall = noteText(await ask('digest subscribe <#C0DESIGN1|design> team @design'));
      expect(refusedSmall).toContain('fewer than 5 members');
      expect(refusedSmall).toContain('No digest was subscribed');
      expect(noteText(await ask('digest subscribe team @nobody'))).toContain('No team called');
      expect(noteText(await ask('digest subscribe team @platform', MEMBER))).toContain('admins');
      expect(await runtime.store.subscriptions.list()).toEqual([]);

      const confirmed = noteText(await ask('digest subscribe <#C0PLATFRM|platform> team @platform'));
      expect(confirmed).toContain('standard digest of team @platform');
      const [sub] = await runtime.store.subscriptions.list();
      expect(sub?.team).toEqual({ id: 'S1', name: '@platform' });
      expect(noteText(await ask('digest list', MEMBER))).toContain('standard digest of team @platform');

      if (!sub) throw new Error('no subscription');
      const outcome = await runtime.service.sendNow(sub.id, NOW);
      expect(outcome.status).toBe('delivered');
      const posts = s.fake.calls.filter(
        (call) => call.method === 'chat.postMessage' && call.params.channel === 'C0PLATFRM',
      );
      const parent = JSON.stringify(posts[0]?.params.blocks);
      expect(parent).toContain('Codex weekly digest · team @platform');
      // 3 active this week (u1 u2 u4) against 2 the week before (u1 u5); 12 credits.
      expect(parent).toMatch(/\*Active users\*\\n3\\n[^"]*2/);
      expect(parent).toContain('*Credits*\\n12');
      expect(parent).toContain('PRs reviewed (workspace)');
      const thread = JSON.stringify(posts.slice(1).map((p) => p.params.blocks));
      expect(thread).toContain('workspace-wide: reviews cannot be split by team');
      // The top users are the team's: fay (6 credits, @payments only) is not among them.
      expect(thread).toContain('ana');
      expect(thread).not.toContain('fay');
    } finally {
      await runtime.close();
    }
    // The store is opened and charts rendered: slow on a shared machine.
  }, 120_000);
});
