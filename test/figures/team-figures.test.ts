import { describe, expect, it } from 'vitest';
import { createSurfaceMapper } from '../../src/codex/surface-mapper.js';
import { findInactiveMembers } from '../../src/figures/inactive-members.js';
import { computeTeamFigures, LAPSED_DAYS, TEAM_PRIVACY_MIN_MEMBERS } from '../../src/figures/team-figures.js';
import { summariseUserActivity } from '../../src/figures/user-activity.js';
import { summariseUserSpend } from '../../src/figures/user-spend.js';
import { active, sec, usageRow } from './fixture-rows.js';

/**
 * November 2026 as the period; "lapsed" = no activity since 17 Nov (14 days before 1 Dec). Every figure
 * below is counted by hand from this table:
 *
 *   user  active days (credits)        in window  first ever   lapsed  new
 *   u1    1 Oct (1), 20 Nov (5)        yes        1 Oct        no      no
 *   u2    5 Nov (3)                    yes        5 Nov        yes     yes
 *   u3    1 Sep (1)                    no         1 Sep        yes     no
 *   u4    28 Nov (2)                   yes        28 Nov       no      yes
 *   u5    a row on 10 Nov, all zeros   —          never        —       —
 *   u6    2 Dec (4), after the window  —          never (yet)  —       —
 *   u7    12 Nov (9), in no team
 *
 * Spend at 0.5 USD a credit (no row gives a cost): u1 2.5 (CLI), u2 1.5 (CODEX_VSCODE is no known
 * client: Other), u4 1 (CLI), u7 4.5 — so every group below spends most on the CLI.
 */
const rows = [
  active('u1', '2026-10-01'),
  active('u1', '2026-11-20', 'CODEX_CLI', 5),
  active('u2', '2026-11-05', 'CODEX_VSCODE', 3),
  active('u3', '2026-09-01'),
  active('u4', '2026-11-28', 'CODEX_CLI', 2),
  usageRow({ user: 'u5', day: '2026-11-10', clients: [{ client: 'CODEX_CLI' }] }),
  active('u6', '2026-12-02', 'CODEX_CLI', 4),
  active('u7', '2026-11-12', 'CODEX_CLI', 9),
];
const window = { start: sec('2026-11-01'), end: sec('2026-12-01') };
const activity = summariseUserActivity(rows, window);
const pricing = { surfaceOf: createSurfaceMapper(), creditPriceUsd: 0.5 };
const spend = summariseUserSpend(rows, window, pricing);
const teams = [
  { id: 'S1', name: '@alpha', seats: false },
  { id: 'S2', name: '@beta', seats: false },
  { id: 'S3', name: '@gamma', seats: false },
  { id: 'S9', name: '@codex-licensed', seats: true },
];
const member = (
  teamId: string,
  memberKey: string,
  codexUserId: string | null,
  email: string | null = memberKey.startsWith('email:') ? memberKey.slice(6) : `${memberKey}@example.com`,
) => ({
  teamId,
  memberKey,
  email,
  codexUserId,
});
const members = [
  member('S1', 'A1', 'u1'),
  member('S1', 'A1', 'u1'),
  member('S1', 'A2', 'u2'),
  member('S1', 'A3', 'u3'),
  member('S1', 'A4', 'u4'),
  member('S1', 'A5', 'u5'),
  member('S1', 'email:nobody@example.com', null),
  member('S2', 'A1', 'u1'),
  member('S2', 'B1', 'u6'),
  member('S9', 'A1', 'u1'),
  member('S9', 'A3', 'u3'),
  member('S9', 'B1', 'u6'),
];

describe('computeTeamFigures (issue 12)', () => {
  const result = computeTeamFigures({ activity, spend, teams, members, window });

  it('counts each team from its members, a person in two teams in both', () => {
    expect(LAPSED_DAYS).toBe(14);
    expect(result.teams).toEqual([
      {
        teamId: 'S1',
        name: '@alpha',
        members: 6,
        matchedMembers: 5,
        active: 3,
        adoptionRate: 0.5,
        neverStarted: 2,
        withoutEmail: 0,
        lapsed: 2,
        newThisPeriod: 2,
        credits: 10,
        usd: 5,
        topSurface: 'cli',
        belowPrivacyThreshold: false,
      },
      {
        teamId: 'S2',
        name: '@beta',
        members: 2,
        matchedMembers: 2,
        active: 1,
        adoptionRate: 0.5,
        neverStarted: 1,
        withoutEmail: 0,
        lapsed: 0,
        newThisPeriod: 0,
        credits: 5,
        usd: 2.5,
        topSurface: 'cli',
        belowPrivacyThreshold: true,
      },
      {
        teamId: 'S3',
        name: '@gamma',
        members: 0,
        matchedMembers: 0,
        active: 0,
        adoptionRate: null,
        neverStarted: 0,
        withoutEmail: 0,
        lapsed: 0,
        newThisPeriod: 0,
        credits: 0,
        usd: 0,
        topSurface: null,
        belowPrivacyThreshold: true,
      },
    ]);
  });

  it('counts every team member once in the workspace, and nobody outside the teams', () => {
    expect(result.workspace).toEqual({
      members: 7,
      matchedMembers: 6,
      active: 3,
      adoptionRate: 3 / 7,
      neverStarted: 3,
      withoutEmail: 0,
      lapsed: 2,
      newThisPeriod: 2,
      credits: 10,
      usd: 5,
      topSurface: 'cli',
    });
  });

  it('folds the teams under the privacy threshold into one "other teams" group, each person once', () => {
    // @beta (A1 = u1, B1 = u6) and @gamma (nobody): A1 active with 5 credits, B1 not started yet.
    expect(result.otherTeams).toEqual({
      teams: 2,
      members: 2,
      matchedMembers: 2,
      active: 1,
      adoptionRate: 0.5,
      neverStarted: 1,
      withoutEmail: 0,
      lapsed: 0,
      newThisPeriod: 0,
      credits: 5,
      usd: 2.5,
      topSurface: 'cli',
    });
  });

  it('counts the people of the teams at or above the threshold apart, each once', () => {
    // Only @alpha has 5 matched members.
    expect(result.largeTeams).toEqual({
      members: 6,
      matchedMembers: 5,
      active: 3,
      adoptionRate: 0.5,
      neverStarted: 2,
      withoutEmail: 0,
      lapsed: 2,
      newThisPeriod: 2,
      credits: 10,
      usd: 5,
      topSurface: 'cli',
    });
  });

  it('reports the seats group as seats, not as a team', () => {
    expect(result.seats).toEqual({
      members: 3,
      matchedMembers: 3,
      active: 1,
      adoptionRate: 1 / 3,
      neverStarted: 1,
      withoutEmail: 0,
      lapsed: 1,
      newThisPeriod: 0,
      credits: 5,
      usd: 2.5,
      topSurface: 'cli',
    });
    expect(result.teams.map((t) => t.teamId)).not.toContain('S9');
  });

  it('counts a member with neither a Codex match nor an email apart, never as never started', () => {
    // N1 hides their email in @alpha and @beta; N2 hides it in @alpha, but @beta's source (a roster)
    // knew it: unknown in @alpha, never started in @beta and the workspace, where a row knew it.
    const withHidden = [
      ...members,
      member('S1', 'N1', null, null),
      member('S2', 'N1', null, null),
      member('S1', 'N2', null, null),
      member('S2', 'N2', null),
    ];
    const figures = computeTeamFigures({ activity, spend, teams, members: withHidden, window });
    expect(figures.teams.find((t) => t.teamId === 'S1')).toMatchObject({
      members: 8,
      matchedMembers: 5,
      active: 3,
      adoptionRate: 3 / 8,
      neverStarted: 2,
      withoutEmail: 2,
    });
    expect(figures.teams.find((t) => t.teamId === 'S2')).toMatchObject({
      members: 4,
      neverStarted: 2,
      withoutEmail: 1,
    });
    expect(figures.workspace).toMatchObject({ members: 9, neverStarted: 4, withoutEmail: 1 });
    // What `/codex inactive` says as of the window's end over the same people: the same never started
    // and lapsed, and the same people left out for want of an email, team by team and across teams.
    const inactive = (teamIds: string[]) => {
      const found = findInactiveMembers({
        activity,
        members: withHidden.map((m) => ({ ...m, slackUserId: m.memberKey })),
        teamIds: new Set(teamIds),
        asOf: window.end,
        lapsedDays: LAPSED_DAYS,
      });
      const never = found.people.filter((p) => p.status === 'never_started').length;
      return { neverStarted: never, lapsed: found.people.length - never, withoutEmail: found.withoutEmail };
    };
    for (const team of figures.teams) {
      expect(inactive([team.teamId])).toEqual({
        neverStarted: team.neverStarted,
        lapsed: team.lapsed,
        withoutEmail: team.withoutEmail,
      });
    }
    const { neverStarted, lapsed, withoutEmail } = figures.workspace;
    expect(inactive(['S1', 'S2', 'S3'])).toEqual({ neverStarted, lapsed, withoutEmail });
  });

  it('marks a team below the privacy threshold by matched members, not by members', () => {
    expect(TEAM_PRIVACY_MIN_MEMBERS).toBe(5);
    const four = ['u1', 'u2', 'u3', 'u4'].map((u) => member('T', u, u));
    const unmatched = ['x1', 'x2', 'x3'].map((k) => member('T', k, null));
    const small = computeTeamFigures({
      activity,
      spend,
      teams: [{ id: 'T', name: '@t', seats: false }],
      members: [...four, ...unmatched],
      window,
    });
    expect(small.teams[0]).toMatchObject({ members: 7, matchedMembers: 4, belowPrivacyThreshold: true });
    const five = computeTeamFigures({
      activity,
      spend,
      teams: [{ id: 'T', name: '@t', seats: false }],
      members: [...four, member('T', 'u5', 'u5')],
      window,
    });
    expect(five.teams[0]).toMatchObject({ matchedMembers: 5, belowPrivacyThreshold: false });
    expect(small.seats).toBeNull();
  });

  it('summarises each user from their active rows before the window end', () => {
    expect(activity).toEqual([
      {
        userId: 'u1',
        firstActive: sec('2026-10-01'),
        lastActive: sec('2026-11-20'),
        activeInWindow: true,
        credits: 5,
      },
      {
        userId: 'u2',
        firstActive: sec('2026-11-05'),
        lastActive: sec('2026-11-05'),
        activeInWindow: true,
        credits: 3,
      },
      {
        userId: 'u3',
        firstActive: sec('2026-09-01'),
        lastActive: sec('2026-09-01'),
        activeInWindow: false,
        credits: 0,
      },
      {
        userId: 'u4',
        firstActive: sec('2026-11-28'),
        lastActive: sec('2026-11-28'),
        activeInWindow: true,
        credits: 2,
      },
      {
        userId: 'u7',
        firstActive: sec('2026-11-12'),
        lastActive: sec('2026-11-12'),
        activeInWindow: true,
        credits: 9,
      },
    ]);
  });

  it('sorts by adoption rate, highest first', () => {
    const sorted = computeTeamFigures({
      activity,
      spend,
      teams: [
        { id: 'L', name: '@low', seats: false },
        { id: 'H', name: '@high', seats: false },
      ],
      members: [member('L', 'a', 'u3'), member('L', 'b', 'u1'), member('H', 'a', 'u4')],
      window,
    });
    expect(sorted.teams.map((t) => [t.name, t.adoptionRate])).toEqual([
      ['@high', 1],
      ['@low', 0.5],
    ]);
  });

  it("estimates each team's USD by the API's cost first and names the surface with most credits", () => {
    // At 0.5 USD a credit. x1: CLI 2 + cloud 3 credits on one day, no cost → 2.5 USD. x2: a row without
    // clients[] (Other, 2 credits) with cost_usd 10 → 10. x3: CLI 1 with estimated_cost_usd 0.75 → 0.75,
    // and 100 cloud credits before the window. x4: all zeros but a cost of 5: not active, so no USD.
    const withCost = (
      row: ReturnType<typeof usageRow>,
      cost: { cost_usd?: number; estimated_cost_usd?: number },
    ) => ({
      ...row,
      totals: { ...row.totals, ...cost },
    });
    const spendRows = [
      usageRow({
        user: 'x1',
        day: '2026-11-03',
        clients: [
          { client: 'CODEX_CLI', threads: 1, credits: 2 },
          { client: 'CODEX_WEB', threads: 1, credits: 3 },
        ],
      }),
      withCost(usageRow({ user: 'x2', day: '2026-11-04', totals: { threads: 1, credits: 2 } }), {
        cost_usd: 10,
      }),
      withCost(active('x3', '2026-11-05', 'CODEX_CLI', 1), { estimated_cost_usd: 0.75 }),
      active('x3', '2026-10-30', 'CODEX_WEB', 100),
      withCost(usageRow({ user: 'x4', day: '2026-11-06', clients: [{ client: 'CODEX_CLI' }] }), {
        cost_usd: 5,
      }),
    ];
    const figures = computeTeamFigures({
      activity: summariseUserActivity(spendRows, window),
      spend: summariseUserSpend(spendRows, window, pricing),
      teams: ['T', 'U', 'V', 'W'].map((id) => ({ id, name: `@${id}`, seats: false })),
      members: [
        ...['x1', 'x2', 'x3', 'x4'].map((x) => member('T', x, x)),
        member('U', 'x1', 'x1'),
        member('V', 'x2', 'x2'),
        member('W', 'x4', 'x4'),
      ],
      window,
    });
    const byTeam = Object.fromEntries(figures.teams.map((t) => [t.teamId, [t.usd, t.topSurface]]));
    // T: CLI 3 and cloud 3 tie (CLI comes first among surfaces), Other 2.
    expect(byTeam).toEqual({
      T: [13.25, 'cli'],
      U: [2.5, 'cloud'],
      V: [10, 'other'],
      W: [0, null],
    });
    // The folded teams' USD and surface go into "other teams" with their adoption figures.
    expect(figures.otherTeams).toMatchObject({ teams: 4, usd: 13.25, topSurface: 'cli' });
  });
});
