/**
 * A team's own digest (issue 12 §3) delivered end to end through the digest delivery harness: the
 * simulator's rows synced into the warehouse, teams written into the warehouse as an identity refresh
 * would, the real digest service posting to the fake Slack. The team's KPIs are checked against the
 * per-user activity the `/codex teams` figures read (another query), and a team that fell under five
 * matched members since subscribing posts nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastClosedWeek } from '../../src/domain/utc-days.js';
import { createTeamAnalytics } from '../../src/teams/create-team-analytics.js';
import type { TeamMembership } from '../../src/warehouse/warehouse-teams.js';
import { type Harness, NOW, PERIOD, startHarness } from './digest-harness.js';

const member = (teamId: string, codexUserId: string): TeamMembership => ({
  teamId,
  memberKey: `U-${codexUserId}`,
  slackUserId: `U-${codexUserId}`,
  email: null,
  codexUserId,
  manager: null,
  costCentre: null,
});

describe('a team digest through the digest service', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it("posts the team's figures under the team's name; refuses a team now under five members", async () => {
    // The digest's weeks synced into the warehouse, as the first delivery would.
    const workspace = await h.c.analytics.digest(NOW, { topN: 10 });
    const week = lastClosedWeek(NOW);
    const activity = await h.c.sync.warehouse.teams.userActivity(week);
    const active = activity.filter((user) => user.activeInWindow).map((user) => user.userId);
    const idle = activity.filter((user) => !user.activeInWindow).map((user) => user.userId);
    expect(active.length).toBeGreaterThan(8);
    // Five active people and one who was not this week; two people in a team too small to report.
    const platform = [...active.slice(0, 5), ...idle.slice(0, 1)];
    const tiny = active.slice(0, 2);
    await h.c.sync.warehouse.teams.replaceSnapshot({
      identities: [],
      teams: [
        { id: 'S0PLAT', name: '@platform', origin: 'usergroup', seats: false },
        { id: 'S0TINY', name: '@tiny', origin: 'usergroup', seats: false },
      ],
      memberships: [...platform.map((id) => member('S0PLAT', id)), ...tiny.map((id) => member('S0TINY', id))],
    });
    const teamSub = await h.subscribe({ channelId: 'C0TEAMPLT1', team: { id: 'S0PLAT', name: '@platform' } });
    const tinySub = await h.subscribe({ channelId: 'C0TEAMTNY1', team: { id: 'S0TINY', name: '@tiny' } });
    const service = h.service('worker-team', {
      teams: createTeamAnalytics({ warehouse: h.c.sync.warehouse, clock: h.clock, pricing: h.c.teamPricing }),
    });

    const summary = await service.runDue(h.clock.now());
    const outcome = (id: string) => summary.results.find((r) => r.subscriptionId === id)?.outcome;
    expect(outcome(teamSub.id)).toMatchObject({ status: 'delivered' });
    expect(outcome(tinySub.id)).toMatchObject({ status: 'failed', reason: 'team_unavailable' });
    expect(h.posts('C0TEAMTNY1')).toHaveLength(0);

    const [parent, ...thread] = h.posts('C0TEAMPLT1');
    const header = JSON.stringify(parent?.params.blocks);
    expect(header).toContain('Codex weekly digest · team @platform');
    const credits = activity
      .filter((user) => platform.includes(user.userId))
      .reduce((sum, user) => sum + user.credits, 0);
    expect(header).toContain(`*Active users*\\n5\\n`);
    // Shown to one decimal: the sums are of the same floats in another order, so compare to a tenth.
    const shown = /\*Credits\*\\n([\d,.]+)\\n/.exec(header)?.[1]?.replaceAll(',', '');
    expect(Math.abs(Number(shown) - credits)).toBeLessThanOrEqual(0.1);
    expect(credits).toBeGreaterThan(0);
    // The workspace's digest counts everyone active: more than the team.
    expect(workspace.adoption.activeUsers).toBe(active.length);
    expect(header).toContain('PRs reviewed (workspace)');
    expect(JSON.stringify(thread.map((p) => p.params.blocks))).toContain('workspace-wide');
    const delivery = await h.store.deliveries.get({ subscriptionId: teamSub.id, periodStart: PERIOD });
    expect(delivery).toMatchObject({ status: 'delivered', postedParts: 1 + thread.length });
  }, 120_000);
});
