import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommandText } from '../../commands/args/parse-command.js';
import { MIN_AGGREGATE_GROUP } from '../../commands/top-command.js';
import { formatLabel } from '../../reports/blocks/escape-mrkdwn.js';
import { formatInteger } from '../../reports/blocks/format.js';
import { adminOnlyRankingIntro } from '../../reports/top/aggregate-ranking-note.js';
import type { RankedUser } from '../../src/figures/figure-types.js';
import {
  type CommandHarness,
  expectReplyWithinLimits,
  fixedNow,
  messageOf,
  startCommandHarness,
} from './command-harness.js';

describe('/codex top against the simulator', () => {
  let h: CommandHarness;
  let everyone: RankedUser[];
  let totalUsers: number;
  beforeAll(async () => {
    h = await startCommandHarness();
    const parsed = parseCommandText('top', fixedNow);
    if (parsed.name !== 'top') throw new Error('expected top');
    const view = await h.analytics.ranking(parsed.window, { sortBy: 'credits', surface: null, topN: 1000 });
    everyone = view.ranking.users;
    totalUsers = view.ranking.totalUsers;
  });
  afterAll(async () => {
    await h.close();
  });

  it('admins get the ranking: ephemeral, shareable, the top N labels in rank order', async () => {
    const reply = await h.run('top 5', { isAdmin: true });
    expect(reply).toMatchObject({ kind: 'message', visibility: 'ephemeral', shareable: true });
    expectReplyWithinLimits(reply);
    const text = JSON.stringify(messageOf(reply).blocks);
    const top5 = everyone.slice(0, 5).map((u) => formatLabel(u.label));
    const positions = top5.map((label) => text.indexOf(JSON.stringify(label).slice(1, -1)));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(messageOf(reply).text).toContain(`Top 5 of ${formatInteger(totalUsers)} active users`);
    // What the Share button's confirm dialog states before names go to a channel.
    expect(reply).toMatchObject({ namedPeople: 5 });
  });

  it('non-admins get concentration only: no label, email or user id anywhere in the reply', async () => {
    const reply = await h.run('top 20');
    expect(reply).toMatchObject({ kind: 'message', visibility: 'ephemeral' });
    expectReplyWithinLimits(reply);
    const serialized = JSON.stringify(reply);
    expect(everyone.length).toBe(totalUsers);
    for (const user of everyone) {
      expect(serialized).not.toContain(user.label);
      expect(serialized).not.toContain(user.userId);
      if (user.email) expect(serialized).not.toContain(user.email);
    }
    expect(serialized).not.toContain('@');
    const message = messageOf(reply);
    expect(JSON.stringify(message.blocks)).toContain(adminOnlyRankingIntro);
    expect(message.text).toContain(`The top 20 of ${formatInteger(totalUsers)} active users`);
    expect(message.charts).toEqual([]);
    expect(reply).not.toHaveProperty('namedPeople');
  });

  it(`non-admins never see a group smaller than ${MIN_AGGREGATE_GROUP}, whatever N and key they ask for`, async () => {
    const reply = await h.run('top streak 1');
    const text = messageOf(reply).text;
    expect(text).toContain(`The top ${MIN_AGGREGATE_GROUP} of`);
    expect(text).not.toContain('streak');
  });
});
