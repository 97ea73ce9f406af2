/**
 * The identity refresh against the fake Slack Web API (over HTTP, through a real WebClient) and the
 * real warehouse on both engines (issue 12).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/env.js';
import { type FakeSlack, startFakeSlack } from '../../src/dev/fake-slack/fake-slack.js';
import { computeTeamFigures } from '../../src/figures/team-figures.js';
import {
  createDirectoryClient,
  createIdentityRefreshJob,
} from '../../src/teams/create-identity-refresh-job.js';
import { RosterError } from '../../src/teams/parse-roster.js';
import { EMAILS_HIDDEN_EXPLANATION } from '../../src/teams/refresh-identities.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { active, DAY, sec, usageRow } from '../figures/fixture-rows.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { TEST_NOW } from '../helpers/test-clock.js';
import { backends } from '../warehouse/warehouse-backends.js';

const NOVEMBER = { start: sec('2026-11-01'), end: sec('2026-12-01') };
const withEmail = (user: string, day: string, email: string | null) =>
  usageRow({ user, day, email, clients: [{ client: 'CODEX_CLI', threads: 1, credits: 2 }] });

/** Codex: u1…u4 with emails (u4's Slack account is deactivated), u5 whose rows never show an email. */
const codexRows = [
  withEmail('u1', '2026-11-03', null),
  withEmail('u1', '2026-11-20', 'ana@example.com'),
  withEmail('u2', '2026-11-21', 'ben@example.com'),
  withEmail('u3', '2026-11-22', 'chen@example.com'),
  withEmail('u4', '2026-11-23', 'dan@example.com'),
  withEmail('u5', '2026-11-24', null),
];

const ROSTER =
  'email,team,manager\nCHEN@example.com,Data Science,ana@example.com\ndana@example.com,Data Science,\n';

function seedSlack(fake: FakeSlack): void {
  fake.users.set('U1', { id: 'U1', name: 'ana', email: 'Ana@Example.com' });
  fake.users.set('U2', { id: 'U2', name: 'ben', email: 'ben@example.com' });
  fake.users.set('U3', { id: 'U3', name: 'eve' });
  fake.users.set('U4', { id: 'U4', name: 'chen', email: 'chen.alias@corp.example.org' });
  fake.users.set('U5', { id: 'U5', name: 'dan', email: 'dan@example.com', deleted: true });
  fake.users.set('U6', { id: 'U6', name: 'deploybot', is_bot: true });
  fake.usergroups.set('S1', { id: 'S1', handle: 'platform', name: 'Platform' });
  fake.usergroups.set('S2', { id: 'S2', handle: 'payments', name: 'Payments' });
  fake.usergroups.set('S9', { id: 'S9', handle: 'codex-licensed', name: 'Codex licensed' });
  fake.usergroupMembers.set('S1', ['U1', 'U2', 'U3', 'U5', 'U6']);
  fake.usergroupMembers.set('S2', ['U1', 'U4']);
  fake.usergroupMembers.set('S9', ['U1', 'U2']);
  fake.channels.set('C1', { id: 'C1', name: 'team-data' });
  fake.channelMembers.set('C1', ['U2', 'U3']);
}

describe.each(backends())('identity refresh on $kind', (backend) => {
  let warehouse: Warehouse;
  let fake: FakeSlack;
  let clock: ReturnType<typeof createManualClock>;
  let logger: ReturnType<typeof createMemoryLogger>;
  let roster: string;
  let ids: number;

  beforeEach(async () => {
    if (!backend.available) return;
    clock = createManualClock(TEST_NOW);
    logger = createMemoryLogger();
    await backend.setUp();
    warehouse = await backend.open({ clock });
    // Slack's Tier 2 made stricter than the directory's pacing (2 a minute): 429s must be honoured.
    fake = await startFakeSlack({ tierLimits: { 2: 2, 4: 100 }, now: clock.now });
    seedSlack(fake);
    roster = ROSTER;
    ids = 0;
  });
  afterEach(async () => {
    if (!backend.available) return;
    await warehouse.close();
    await fake.close();
    await backend.tearDown();
  });

  // The job as the composition root builds it: Slack's documented tiers, the configured sources.
  const refresh = (env: Record<string, string>) =>
    createIdentityRefreshJob({
      config: loadConfig(env).teams,
      api: createDirectoryClient({ token: 'xoxb-test', apiUrl: fake.url, logger }),
      warehouse: warehouse.teams,
      clock,
      logger,
      readText: async () => roster,
      uploadedRoster: warehouse.roster,
      newId: () => `refresh-${++ids}`,
    }).run();
  const allSources = {
    TEAM_SOURCES: 'usergroups,channels,roster',
    TEAM_CHANNELS: 'C1',
    ROSTER_FILE: 'roster.csv',
    SEATS_GROUP: 'S9',
  };

  it.skipIf(!backend.available)(
    'joins Slack emails to Codex actors case-insensitively and stores identities, teams and members',
    async () => {
      await warehouse.replaceUserUsage(NOVEMBER, codexRows);
      const result = await refresh(allSources);

      expect(result).toMatchObject({
        status: 'ok',
        slackUsers: 4,
        codexUsers: 5,
        matched: 2,
        unmatched: 2,
        codexWithoutEmail: 1,
        teams: 5,
        memberships: 11,
        detail: null,
      });
      expect(await warehouse.teams.lastRefresh()).toEqual(result);
      expect(await warehouse.teams.identities()).toEqual([
        { codexUserId: 'u1', email: 'ana@example.com', slackUserId: 'U1' },
        { codexUserId: 'u2', email: 'ben@example.com', slackUserId: 'U2' },
        { codexUserId: 'u3', email: 'chen@example.com', slackUserId: null },
        { codexUserId: 'u4', email: 'dan@example.com', slackUserId: null },
        { codexUserId: 'u5', email: null, slackUserId: null },
      ]);
      expect((await warehouse.teams.unmatchedCodexUsers()).map((i) => i.codexUserId)).toEqual([
        'u3',
        'u4',
        'u5',
      ]);
      expect(await warehouse.teams.teams()).toEqual([
        { id: 'C1', name: '#team-data', origin: 'channel', seats: false },
        { id: 'S1', name: '@platform', origin: 'usergroup', seats: false },
        { id: 'S2', name: '@payments', origin: 'usergroup', seats: false },
        { id: 'S9', name: '@codex-licensed', origin: 'usergroup', seats: true },
        { id: 'roster:data science', name: 'Data Science', origin: 'roster', seats: false },
      ]);
      const members = await warehouse.teams.memberships();
      expect(members.map((m) => [m.teamId, m.memberKey, m.codexUserId])).toEqual([
        ['C1', 'U2', 'u2'],
        ['C1', 'U3', null],
        ['S1', 'U1', 'u1'],
        ['S1', 'U2', 'u2'],
        ['S1', 'U3', null],
        ['S2', 'U1', 'u1'],
        ['S2', 'U4', null],
        ['S9', 'U1', 'u1'],
        ['S9', 'U2', 'u2'],
        ['roster:data science', 'email:chen@example.com', 'u3'],
        ['roster:data science', 'email:dana@example.com', null],
      ]);
      expect(members.find((m) => m.memberKey === 'email:chen@example.com')).toMatchObject({
        slackUserId: null,
        manager: 'ana@example.com',
        costCentre: null,
      });

      // The figures join straight onto what the refresh stored.
      const figures = computeTeamFigures({
        activity: await warehouse.teams.userActivity(NOVEMBER),
        // Spend is not what this test is about: team USD and surfaces have their own tests.
        spend: [],
        teams: await warehouse.teams.teams(),
        members,
        window: NOVEMBER,
      });
      expect(figures.teams.find((t) => t.teamId === 'S1')).toMatchObject({
        members: 3,
        active: 2,
        credits: 6,
      });
      expect(figures.workspace).toMatchObject({ members: 6, active: 3 });
      expect(figures.seats).toMatchObject({ members: 2, active: 2 });
    },
  );

  it.skipIf(!backend.available)(
    'pages users.list and honours Retry-After on the injected clock',
    async () => {
      for (let i = 0; i < 450; i += 1) {
        const id = `UX${String(i).padStart(4, '0')}`;
        fake.users.set(id, { id, name: `x${i}`, email: `x${i}@example.com` });
      }
      const result = await refresh({});
      const calls = (method: string) => fake.calls.filter((c) => c.method === method);
      // 456 people at 200 a page: 3 pages, the third refused once (Tier 2 at 2 a minute) and retried.
      expect(calls('users.list').map((c) => c.params.cursor === undefined)).toEqual([
        true,
        false,
        false,
        false,
      ]);
      expect(calls('users.list').every((c) => Number(c.params.limit) === 200)).toBe(true);
      const waits = logger.lines.filter((l) => l.msg === 'teams: Slack rate limited a directory call');
      expect(waits.length).toBeGreaterThan(0);
      expect(result.requests).toBe(fake.calls.length);
      expect(result).toMatchObject({ status: 'ok', slackUsers: 454, teams: 3 });
      // Every 429 was waited out on the clock, never by sleeping: a minute passed at least once.
      expect(clock.now().getTime() - TEST_NOW.getTime()).toBeGreaterThanOrEqual(60_000);
    },
  );

  it.skipIf(!backend.available)(
    'explains a workspace whose analytics hide emails, and still stores the teams',
    async () => {
      await warehouse.replaceUserUsage(NOVEMBER, [active('u1', '2026-11-20'), active('u2', '2026-11-21')]);
      const result = await refresh({});
      expect(result).toMatchObject({
        status: 'emails_hidden',
        codexUsers: 2,
        matched: 0,
        unmatched: 0,
        codexWithoutEmail: 2,
        teams: 3,
        detail: EMAILS_HIDDEN_EXPLANATION,
      });
      expect((await warehouse.teams.memberships()).every((m) => m.codexUserId === null)).toBe(true);
    },
  );

  it.skipIf(!backend.available)(
    'keeps the last teams when a source fails, and records the failure',
    async () => {
      await warehouse.replaceUserUsage(NOVEMBER, codexRows);
      const good = await refresh(allSources);
      roster = 'email,team\nnot-an-email,Data\n';
      clock.advance(DAY * 1000);
      const failure = await refresh(allSources).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(RosterError);
      expect((failure as RosterError).problems).toEqual([
        { line: 2, message: 'email: expected an email address' },
      ]);
      expect(await warehouse.teams.teams()).toHaveLength(good.teams);
      expect(await warehouse.teams.memberships()).toHaveLength(good.memberships);
      expect(await warehouse.teams.lastRefresh()).toMatchObject({
        id: 'refresh-2',
        status: 'failed',
        detail: expect.stringContaining('config_invalid: The roster has 1 problem'),
      });
    },
  );
});
