/**
 * The teams part of the warehouse contract (issue 12), on both engines: the tables match what bulk
 * inserts write, Codex actors keep their newest known email, a snapshot replaces the last one whole or
 * not at all, and refreshes read back.
 */
import { describe, expect, it } from 'vitest';
import type { UsageRow } from '../../src/codex/schemas.js';
import { createSurfaceMapper } from '../../src/codex/surface-mapper.js';
import type { TeamFiguresResult } from '../../src/figures/figure-types.js';
import { computeTeamFigures } from '../../src/figures/team-figures.js';
import { summariseUserActivity } from '../../src/figures/user-activity.js';
import { summariseUserSpend } from '../../src/figures/user-spend.js';
import { identitiesTable, membersTable, teamsTable } from '../../src/warehouse/create-warehouse-teams.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { warehouseMigrations } from '../../src/warehouse/warehouse-migrations.js';
import type { TeamMembership, TeamRefresh, TeamSnapshot } from '../../src/warehouse/warehouse-teams.js';
import { active, sec, usageRow } from '../figures/fixture-rows.js';
import { warehouseEachTest } from '../helpers/warehouse-each-test.js';
import { backends } from './warehouse-backends.js';

const NOVEMBER = { start: sec('2026-11-01'), end: sec('2026-12-01') };

const withCost = (row: UsageRow, cost: { cost_usd?: number; estimated_cost_usd?: number }): UsageRow => ({
  ...row,
  totals: { ...row.totals, ...cost },
});

/** Team figures with every group's top surface null, as teamFiguresPair gives the previous period. */
const withoutTopSurfaces = (r: TeamFiguresResult): TeamFiguresResult => ({
  teams: r.teams.map((t) => ({ ...t, topSurface: null })),
  workspace: { ...r.workspace, topSurface: null },
  seats: r.seats === null ? null : { ...r.seats, topSurface: null },
  otherTeams: { ...r.otherTeams, topSurface: null },
  largeTeams: { ...r.largeTeams, topSurface: null },
});

const snapshot = (teamName: string): TeamSnapshot => ({
  identities: [{ codexUserId: 'u1', email: 'ana@example.com', slackUserId: 'U1' }],
  teams: [{ id: 'S1', name: teamName, origin: 'usergroup', seats: false }],
  memberships: [
    {
      teamId: 'S1',
      memberKey: 'U1',
      slackUserId: 'U1',
      email: 'ana@example.com',
      codexUserId: 'u1',
      manager: null,
      costCentre: 'CC-7',
    },
  ],
});

describe.each(backends())('warehouse teams on $kind', (backend) => {
  let warehouse: Warehouse;
  const { reopen } = warehouseEachTest(backend, (opened) => {
    warehouse = opened;
  });

  it.skipIf(!backend.available)('creates the team tables with the columns bulk inserts write', async () => {
    await warehouse.close();
    for (const table of [identitiesTable, teamsTable, membersTable]) {
      expect(await backend.columns(table.name)).toEqual(table.columns.map((c) => c.name));
    }
    warehouse = await reopen();
  });

  it.skipIf(!backend.available)("lists Codex actors with each one's newest known email", async () => {
    const row = (user: string, day: string, email: string | null) =>
      usageRow({ user, day, email, clients: [{ client: 'CODEX_CLI', threads: 1 }] });
    await warehouse.replaceUserUsage(NOVEMBER, [
      row('u1', '2026-11-02', 'old@example.com'),
      row('u1', '2026-11-10', 'new@example.com'),
      row('u1', '2026-11-20', null),
      row('u2', '2026-11-05', null),
    ]);
    expect(await warehouse.teams.codexActors()).toEqual([
      { userId: 'u1', email: 'new@example.com' },
      { userId: 'u2', email: null },
    ]);
  });

  it.skipIf(!backend.available)(
    'replaces a snapshot whole, or keeps the last one when a write fails',
    async () => {
      await warehouse.teams.replaceSnapshot(snapshot('@platform'));
      await warehouse.teams.replaceSnapshot(snapshot('@platform-renamed'));
      expect(await warehouse.teams.teams()).toEqual([
        { id: 'S1', name: '@platform-renamed', origin: 'usergroup', seats: false },
      ]);
      expect(await warehouse.teams.memberships()).toEqual(snapshot('x').memberships);
      // name is NOT NULL: the insert fails after the deletes, and the transaction takes them back.
      await expect(
        warehouse.teams.replaceSnapshot(snapshot(null as unknown as string)),
      ).rejects.toMatchObject({
        code: 'store_query_failed',
      });
      expect((await warehouse.teams.teams())[0]?.name).toBe('@platform-renamed');
      expect(await warehouse.teams.identities()).toEqual(snapshot('x').identities);
      expect(await warehouse.teams.memberships()).toHaveLength(1);
    },
  );

  it.skipIf(!backend.available)(
    'summarises user activity in SQL exactly as the pure function does',
    async () => {
      const rows = [
        active('u1', '2026-09-03'),
        active('u1', '2026-11-20', 'CODEX_CLI', 5.5),
        active('u1', '2026-11-21', 'CODEX_IDE_VSCODE', 0.25),
        active('u2', '2026-11-05', 'CODEX_CLI', 3),
        active('u3', '2026-10-01'),
        // Active on a client only (no credits), inactive altogether, and active after the window.
        usageRow({ user: 'u4', day: '2026-11-10', clients: [{ client: 'CODEX_CLI', turns: 2 }] }),
        usageRow({ user: 'u5', day: '2026-11-11', clients: [{ client: 'CODEX_CLI' }] }),
        active('u6', '2026-12-02', 'CODEX_CLI', 4),
      ];
      await warehouse.replaceUserUsage({ start: sec('2026-09-01'), end: sec('2026-12-31') }, rows);
      const activity = await warehouse.teams.userActivity(NOVEMBER);
      expect(activity).toEqual(summariseUserActivity(rows, NOVEMBER));
      expect(activity.map((a) => [a.userId, a.activeInWindow, a.credits])).toEqual([
        ['u1', true, 5.75],
        ['u2', true, 3],
        ['u3', false, 0],
        ['u4', true, 0],
      ]);
      // Both periods in one scan equal the pure summary of each (issue 12: `/codex teams` compares).
      const OCTOBER = { start: sec('2026-10-01'), end: sec('2026-11-01') };
      const pair = await warehouse.teams.userActivityPair(OCTOBER, NOVEMBER);
      expect(pair.current).toEqual(summariseUserActivity(rows, NOVEMBER));
      expect(pair.previous).toEqual(summariseUserActivity(rows, OCTOBER));
      expect(pair.previous.map((a) => [a.userId, a.activeInWindow])).toEqual([
        ['u1', false],
        ['u3', true],
      ]);
    },
  );

  it.skipIf(!backend.available)(
    'computes team figures in SQL exactly as the pure function does on the same rows',
    async () => {
      const OCTOBER = { start: sec('2026-10-01'), end: sec('2026-11-01') };
      const rows = [
        active('u1', '2026-09-03'),
        active('u1', '2026-11-25', 'CODEX_CLI', 5.5),
        active('u2', '2026-10-20', 'CODEX_CLI', 3),
        active('u2', '2026-11-02', 'CODEX_IDE_VSCODE', 0.25),
        active('u3', '2026-10-01', 'CODEX_CLI', 2),
        active('u4', '2026-11-10', 'CODEX_CLI', 1.5),
        active('u5', '2026-08-01'),
        active('u7', '2026-11-30', 'CODEX_CLI', 8),
        active('u8', '2026-10-31'),
        active('u9', '2026-11-29'),
        // On the bounds: first active on the window's first day, last active on each lapse bound.
        active('u4', '2026-11-01'),
        active('u8', '2026-11-17'),
        active('u9', '2026-10-18'),
        // Inactive (no activity at all), after the window, and a user in no team.
        usageRow({ user: 'u6', day: '2026-11-11', clients: [{ client: 'CODEX_CLI' }] }),
        active('u1', '2026-12-02', 'CODEX_CLI', 4),
        active('outsider', '2026-11-12', 'CODEX_CLI', 9),
        // USD and surfaces (issue 12 §2): the API's cost first, then its estimate, else credits × price;
        // a row on two surfaces, one without clients[] (Other), and an inactive row with a cost (none).
        withCost(active('u7', '2026-11-03', 'CODEX_WEB', 2), { cost_usd: 10 }),
        withCost(active('u3', '2026-10-05', 'CODEX_WEB', 6), { estimated_cost_usd: 1.25 }),
        usageRow({
          user: 'u2',
          day: '2026-11-04',
          clients: [
            { client: 'CODEX_WEB', threads: 1, credits: 3 },
            { client: 'CODEX_IDE_VSCODE', threads: 1, credits: 0.5 },
          ],
        }),
        usageRow({ user: 'u9', day: '2026-11-06', totals: { threads: 1, credits: 20 } }),
        withCost(usageRow({ user: 'u8', day: '2026-11-07', clients: [{ client: 'CODEX_CLI' }] }), {
          cost_usd: 5,
        }),
      ];
      await warehouse.replaceUserUsage({ start: sec('2026-08-01'), end: sec('2026-12-31') }, rows);
      const member = (
        teamId: string,
        memberKey: string,
        codexUserId: string | null,
        email: string | null = `${memberKey.toLowerCase()}@example.com`,
      ): TeamMembership => ({
        teamId,
        memberKey,
        slackUserId: memberKey,
        email,
        codexUserId,
        manager: null,
        costCentre: null,
      });
      const teams = [
        { id: 'S1', name: '@platform', origin: 'usergroup' as const, seats: false },
        { id: 'S2', name: '@design', origin: 'usergroup' as const, seats: false },
        { id: 'S3', name: '@empty', origin: 'usergroup' as const, seats: false },
        { id: 'S4', name: '@codex-licensed', origin: 'usergroup' as const, seats: true },
        { id: 'S5', name: '@mobile', origin: 'usergroup' as const, seats: false },
      ];
      const memberships = [
        // Five matched (one of them, U6, never active) and one unmatched: at the privacy threshold.
        ...['1', '2', '3', '4', '6'].map((n) => member('S1', `U${n}`, `u${n}`)),
        member('S1', 'U10', null),
        // Under the threshold; U1 and U2 are in @platform too, U2 unmatched here (matched there).
        member('S2', 'U1', 'u1'),
        member('S2', 'U2', null),
        member('S2', 'email:x@example.com', null, 'x@example.com'),
        // No email on U13's Slack profile as @mobile read it, one as @design's source did: unknown in
        // @mobile and "large teams", never started in "other teams" and the workspace, where a row knew it.
        member('S2', 'U13', null),
        member('S4', 'U1', 'u1'),
        member('S4', 'U7', 'u7'),
        member('S4', 'U11', null),
        ...['5', '7', '8', '9'].map((n) => member('S5', `U${n}`, `u${n}`)),
        member('S5', 'U4', 'u4'),
        // Matched to another Codex user here than in @platform: across teams the later team's one counts.
        member('S5', 'U3', 'u8'),
        // No email and no match (a profile hiding its email): a member, but not one who never started.
        member('S5', 'U12', null, null),
        member('S5', 'U13', null, null),
      ];
      await warehouse.teams.replaceSnapshot({ identities: [], teams, memberships });
      // 0.5 USD a credit: sums of halves are exact whichever order each engine adds them in.
      const pricing = { creditPriceUsd: 0.5, surfaceOf: createSurfaceMapper() };
      const pair = await warehouse.teams.teamFiguresPair(OCTOBER, NOVEMBER, pricing);
      const pure = (window: typeof NOVEMBER) =>
        computeTeamFigures({
          activity: summariseUserActivity(rows, window),
          spend: summariseUserSpend(rows, window, pricing),
          teams,
          members: memberships,
          window,
        });
      expect(pair.current).toEqual(pure(NOVEMBER));
      // The previous period's top surfaces are left out (the report compares adoption only).
      expect(pair.previous).toEqual(withoutTopSurfaces(pure(OCTOBER)));
      // The figures the equality rests on, so a fixture that exercised nothing would fail here.
      const platform = pair.current.teams.find((t) => t.teamId === 'S1');
      expect(platform).toMatchObject({
        members: 6,
        matchedMembers: 5,
        active: 3,
        neverStarted: 2,
        credits: 11.75,
      });
      // USD at 0.5 a credit: u1 2.75, u2 0.125 + 1.75, u4 0.5 + 0.75; CLI 8 credits, cloud 3, IDE 0.75.
      expect(platform).toMatchObject({ usd: 5.875, topSurface: 'cli' });
      // @mobile: u7's cost_usd 10 over its 2 credits, U3 and U8 both u8 (each counted), u9's 20 credits
      // without clients[] make Other its top surface; u8's inactive row costs nothing.
      expect(pair.current.teams.find((t) => t.teamId === 'S5')).toMatchObject({
        usd: 26.75,
        topSurface: 'other',
      });
      // @mobile: 8 members, 6 matched, all active at some time (none never started), U12 and U13 unknown.
      expect(pair.current.teams.find((t) => t.teamId === 'S5')).toMatchObject({
        members: 8,
        matchedMembers: 6,
        neverStarted: 0,
        withoutEmail: 2,
      });
      expect(platform).toMatchObject({ lapsed: 3, newThisPeriod: 1, belowPrivacyThreshold: false });
      // Never started: U6 (matched, never active), U10 and x@ (emails no Codex user has), and U13.
      expect(pair.current.workspace).toMatchObject({
        members: 13,
        matchedMembers: 9,
        active: 7,
        neverStarted: 4,
        withoutEmail: 1,
      });
      expect(pair.current.largeTeams).toMatchObject({ neverStarted: 2, withoutEmail: 2 });
      expect(pair.previous.workspace).toMatchObject({ withoutEmail: 1 });
      // Other teams: U2 (unmatched in @design, its only team there), x@ and U13 never started.
      expect(pair.current.otherTeams).toMatchObject({
        teams: 2,
        members: 4,
        neverStarted: 3,
        withoutEmail: 0,
        matchedMembers: 1,
        usd: 2.75,
        topSurface: 'cli',
      });
      expect(pair.current.seats).toMatchObject({
        members: 3,
        active: 2,
        credits: 15.5,
        usd: 16.75,
        topSurface: 'cli',
      });
      // u3's estimated_cost_usd (1.25) over its 6 cloud credits (cloud 6 beat CLI 5: the top surface the
      // previous period no longer gets).
      expect(pure(OCTOBER).teams.find((t) => t.teamId === 'S1')?.topSurface).toBe('cloud');
      expect(pair.previous.teams.find((t) => t.teamId === 'S1')).toMatchObject({
        active: 2,
        credits: 11,
        usd: 3.75,
        topSurface: null,
      });
      expect(pair.current.teams.find((t) => t.teamId === 'S3')).toMatchObject({
        members: 0,
        adoptionRate: null,
      });
    },
  );

  it.skipIf(!backend.available)(
    "keeps each user's first active day through syncs that replace it, and short periods",
    async () => {
      const member = (n: string): TeamMembership => ({
        teamId: 'S1',
        memberKey: `U${n}`,
        slackUserId: `U${n}`,
        email: null,
        codexUserId: `u${n}`,
        manager: null,
        costCentre: null,
      });
      const teams = [{ id: 'S1', name: '@platform', origin: 'usergroup' as const, seats: false }];
      const memberships = ['1', '2', '3', '4', '5', '6'].map(member);
      await warehouse.teams.replaceSnapshot({ identities: [], teams, memberships });
      const pricing = { creditPriceUsd: 0.5, surfaceOf: createSurfaceMapper() };
      // Every row synced so far, by day and user: what the pure function reads.
      const stored = new Map<string, UsageRow>();
      const sync = async (days: { start: number; end: number }, rows: UsageRow[]) => {
        for (const [key, row] of stored) {
          if (row.start_time >= days.start && row.start_time < days.end) stored.delete(key);
        }
        for (const row of rows) stored.set(`${row.start_time}|${row.user_id}`, row);
        await warehouse.replaceUserUsage(days, rows);
      };
      const figures = async (previous: typeof NOVEMBER, window: typeof NOVEMBER) => {
        const rows = [...stored.values()];
        const pure = (w: typeof NOVEMBER) =>
          computeTeamFigures({
            activity: summariseUserActivity(rows, w),
            spend: summariseUserSpend(rows, w, pricing),
            teams,
            members: memberships,
            window: w,
          });
        const pair = await warehouse.teams.teamFiguresPair(previous, window, pricing);
        expect(pair.current).toEqual(pure(window));
        expect(pair.previous).toEqual(withoutTopSurfaces(pure(previous)));
        return pair;
      };
      const OCTOBER = { start: sec('2026-10-01'), end: sec('2026-11-01') };
      await sync({ start: sec('2026-09-01'), end: sec('2026-12-31') }, [
        active('u1', '2026-09-03'),
        active('u1', '2026-11-20', 'CODEX_CLI', 2),
        active('u2', '2026-10-20'),
        usageRow({ user: 'u3', day: '2026-10-05', clients: [{ client: 'CODEX_CLI' }] }),
        active('u3', '2026-11-05'),
        active('u4', '2026-11-03'),
        active('u6', '2026-12-03'),
      ]);
      expect((await figures(OCTOBER, NOVEMBER)).previous.workspace).toMatchObject({
        newThisPeriod: 1,
        active: 1,
      });
      // October again: u2's only day goes (never started now), u3 starts earlier (inactive row now
      // active), u5 starts; u1's first day stays in September.
      await sync(OCTOBER, [
        active('u1', '2026-10-10'),
        active('u3', '2026-10-05'),
        active('u5', '2026-10-15'),
      ]);
      expect((await figures(OCTOBER, NOVEMBER)).previous.workspace).toMatchObject({
        newThisPeriod: 2,
        active: 3,
        neverStarted: 3,
      });
      // September emptied: u1's first day moves to October, so u1 is new there too.
      await sync({ start: sec('2026-09-01'), end: sec('2026-10-01') }, []);
      expect((await figures(OCTOBER, NOVEMBER)).previous.workspace.newThisPeriod).toBe(3);
      // A week and the week before: the previous week's lapse bound (Nov 1) lies before its start (Nov 8),
      // so u3's Nov 5 keeps it from lapsing there (its first day, Oct 5, would not) and u4's Nov 3 too,
      // while u1 (Oct 10) and u5 (Oct 15) lapsed; u2 and u6 (Dec 3, after the window) never started.
      const week = { start: sec('2026-11-15'), end: sec('2026-11-22') };
      const pair = await figures({ start: sec('2026-11-08'), end: week.start }, week);
      expect(pair.previous.workspace).toMatchObject({ active: 0, lapsed: 2, neverStarted: 2 });
    },
  );

  it.skipIf(!backend.available)(
    'the team figures migration builds its tables from the rows already stored',
    async () => {
      const rows = [
        active('u1', '2026-09-03'),
        active('u1', '2026-11-20', 'CODEX_CLI', 2),
        active('u2', '2026-10-20'),
        usageRow({ user: 'u3', day: '2026-10-05', clients: [{ client: 'CODEX_CLI' }] }),
        active('u3', '2026-11-05', 'CODEX_WEB', 3),
        active('u4', '2026-11-03'),
      ];
      await warehouse.replaceUserUsage({ start: sec('2026-09-01'), end: sec('2026-12-01') }, rows);
      const teams = [{ id: 'S1', name: '@platform', origin: 'usergroup' as const, seats: false }];
      const memberships = ['1', '2', '3', '4', '5'].map(
        (n): TeamMembership => ({
          teamId: 'S1',
          memberKey: `U${n}`,
          slackUserId: `U${n}`,
          email: null,
          codexUserId: `u${n}`,
          manager: null,
          costCentre: null,
        }),
      );
      await warehouse.teams.replaceSnapshot({ identities: [], teams, memberships });
      const pricing = { creditPriceUsd: 0.5, surfaceOf: createSurfaceMapper() };
      const OCTOBER = { start: sec('2026-10-01'), end: sec('2026-11-01') };
      const before = await warehouse.teams.teamFiguresPair(OCTOBER, NOVEMBER, pricing);
      expect(before.current.workspace).toMatchObject({ active: 3, newThisPeriod: 2, neverStarted: 1 });
      await warehouse.close();
      // Back to the schema before the migration, with the rows a sync of the version before wrote.
      const migration = warehouseMigrations.find((m) => m.name === 'team_figure_aggregates');
      await backend.execute([
        'DROP TABLE usage_user_spend_daily',
        'DROP TABLE usage_user_first_active',
        `DELETE FROM warehouse_migrations WHERE version = ${migration?.version}`,
      ]);
      warehouse = await reopen();
      expect(await warehouse.teams.teamFiguresPair(OCTOBER, NOVEMBER, pricing)).toEqual(before);
    },
  );

  it.skipIf(!backend.available)('reads back the newest refresh', async () => {
    expect(await warehouse.teams.lastRefresh()).toBeNull();
    const refresh = (id: string, at: string): TeamRefresh => ({
      id,
      startedAt: new Date(`${at}T03:00:00Z`),
      finishedAt: new Date(`${at}T03:05:00Z`),
      status: 'ok',
      slackUsers: 20_000,
      codexUsers: 18_000,
      matched: 17_000,
      unmatched: 700,
      codexWithoutEmail: 300,
      teams: 500,
      memberships: 24_000,
      requests: 103,
      detail: null,
    });
    await warehouse.teams.recordRefresh(refresh('b', '2026-11-24'));
    await warehouse.teams.recordRefresh(refresh('a', '2026-11-23'));
    expect(await warehouse.teams.lastRefresh()).toEqual(refresh('b', '2026-11-24'));
  });
});
