import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommandText } from '../../commands/args/parse-command.js';
import { noEmailText } from '../../commands/me-command.js';
import { formatCredits, formatInteger } from '../../reports/blocks/format.js';
import type { RankedUser } from '../../src/figures/figure-types.js';
import {
  type CommandHarness,
  expectReplyWithinLimits,
  fixedNow,
  messageOf,
  startCommandHarness,
} from './command-harness.js';

describe('/codex me against the simulator', () => {
  let h: CommandHarness;
  let ranked: RankedUser[];
  let totalUsers: number;
  beforeAll(async () => {
    h = await startCommandHarness();
    const parsed = parseCommandText('me', fixedNow);
    if (parsed.name !== 'me' || 'action' in parsed) throw new Error('expected me');
    const view = await h.analytics.ranking(parsed.window, { sortBy: 'credits', surface: null, topN: 1000 });
    ranked = view.ranking.users;
    totalUsers = view.ranking.totalUsers;
  });
  afterAll(async () => {
    await h.close();
  });

  function withEmail(offset: number): { user: RankedUser; rank: number; email: string } {
    const index = ranked.findIndex((u, i) => i >= offset && u.email !== null);
    const user = ranked[index];
    if (!user?.email) throw new Error('the simulator gave no user with an email');
    return { user, rank: index + 1, email: user.email };
  }

  it('matched: the caller’s own numbers and rank, ephemeral and never shareable', async () => {
    const { user, rank, email } = withEmail(3);
    // Slack and Codex may differ in case; the match must not.
    const reply = await h.run('me', { email: email.toUpperCase() });
    expect(reply).toMatchObject({ kind: 'message', visibility: 'ephemeral', shareable: false });
    expectReplyWithinLimits(reply);
    const message = messageOf(reply);
    expect(message.text).toContain(`${formatCredits(user.credits)} credits`);
    expect(message.text).toContain(`#${formatInteger(rank)} of ${formatInteger(totalUsers)} active users`);
    const serialized = JSON.stringify(reply);
    // Only the caller's data: nobody else's label, not even the top user's.
    for (const other of ranked.slice(0, 3)) expect(serialized).not.toContain(other.label);
  });

  it('admins get only their own data too, never shareable', async () => {
    const { email } = withEmail(10);
    const reply = await h.run('me 30d', { isAdmin: true, email });
    expect(reply).toMatchObject({ kind: 'message', visibility: 'ephemeral', shareable: false });
    expectReplyWithinLimits(reply);
    expect(messageOf(reply).text).toContain('Your Codex usage');
  });

  it('unmatched: says which email and window it looked for, and why it may differ', async () => {
    const reply = await h.run('me', { email: 'ghost@example.com' });
    expect(reply).toMatchObject({ kind: 'message', visibility: 'ephemeral', shareable: false });
    expectReplyWithinLimits(reply);
    const text = messageOf(reply).text;
    expect(text).toContain('No Codex usage found for ghost@example.com in the last 7 days (');
    expect(text).toContain('matches your Slack email to the Codex account email');
    const weekOf = messageOf(await h.run('me last-week', { email: 'ghost@example.com' })).text;
    expect(weekOf).toContain('No Codex usage found for ghost@example.com in the week of ');
    const yesterday = messageOf(await h.run('me 1d', { email: 'ghost@example.com' })).text;
    expect(yesterday).toContain('No Codex usage found for ghost@example.com yesterday (');
  });

  it.each([null, '', '  '])(
    'no email from Slack (%j): explains the users:read.email scope',
    async (email) => {
      const before = h.sim.stats().requests;
      const reply = await h.run('me', { email });
      expect(reply).toMatchObject({ kind: 'message', visibility: 'ephemeral', shareable: false });
      expect(messageOf(reply).text).toBe(noEmailText);
      expect(h.sim.stats().requests).toBe(before);
    },
  );
});
