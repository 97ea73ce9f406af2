/**
 * The teams part of the warehouse contract (issue 12), on both engines: the tables match what bulk
 * inserts write, Codex actors keep their newest known email, a snapshot replaces the last one whole or
 * not at all, and refreshes read back.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { summariseUserActivity } from '../../src/figures/user-activity.js';
import { identitiesTable, membersTable, teamsTable } from '../../src/warehouse/create-warehouse-teams.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import type { TeamRefresh, TeamSnapshot } from '../../src/warehouse/warehouse-teams.js';
import { active, sec, usageRow } from '../figures/fixture-rows.js';
import { backends } from './warehouse-backends.js';

const NOVEMBER = { start: sec('2026-11-01'), end: sec('2026-12-01') };

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
  beforeEach(async () => {
    if (!backend.available) return;
    await backend.setUp();
    warehouse = await backend.open();
  });
  afterEach(async () => {
    if (!backend.available) return;
    await warehouse.close();
    await backend.tearDown();
  });

  it.skipIf(!backend.available)('creates the team tables with the columns bulk inserts write', async () => {
    await warehouse.close();
    for (const table of [identitiesTable, teamsTable, membersTable]) {
      expect(await backend.columns(table.name)).toEqual(table.columns.map((c) => c.name));
    }
    warehouse = await backend.open();
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
