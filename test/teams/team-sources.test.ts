import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/env.js';
import { type FakeSlack, startFakeSlack } from '../../src/dev/fake-slack/fake-slack.js';
import { createSlackDirectory, slackTierDefaults } from '../../src/teams/create-slack-directory.js';
import type { SlackDirectory } from '../../src/teams/slack-directory.js';
import type { TeamDefinition } from '../../src/teams/team-source.js';
import { teamSourcesFor } from '../../src/teams/team-sources-for.js';
import type { UploadedRoster } from '../../src/warehouse/warehouse-roster.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { TEST_NOW } from '../helpers/test-clock.js';

const ROSTER = 'email,team,cost_centre\nana@example.com,Licensed,CC-1\nben@example.com,Payments,\n';
const UPLOADED: UploadedRoster = {
  uploadedAt: TEST_NOW,
  uploadedBy: 'U0ADMIN001',
  fileName: 'roster.json',
  entries: [
    { email: 'cat@example.com', team: 'Design', manager: 'ana@example.com', costCentre: null },
    { email: 'dan@example.com', team: 'licensed', manager: null, costCentre: 'CC-9' },
  ],
};

describe('team sources from the configuration (issue 12)', () => {
  let fake: FakeSlack;
  let directory: SlackDirectory;
  let uploaded: UploadedRoster | null;
  beforeEach(async () => {
    uploaded = null;
    fake = await startFakeSlack();
    fake.usergroups.set('S1', { id: 'S1', handle: 'platform', name: 'Platform' });
    fake.usergroups.set('S9', { id: 'S9', handle: 'codex-licensed', name: 'Codex licensed' });
    fake.usergroups.set('S8', { id: 'S8', handle: 'old-seats', name: 'Old seats', disabled: true });
    fake.usergroupMembers.set('S1', ['U1', 'U2']);
    fake.usergroupMembers.set('S9', ['U1']);
    fake.usergroupMembers.set('S8', ['U2']);
    fake.channels.set('C5', { id: 'C5', name: 'codex-seats' });
    fake.channelMembers.set('C5', ['U2']);
    const logger = createMemoryLogger();
    directory = createSlackDirectory({
      api: new webApi.WebClient('xoxb-test', { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger }),
      clock: createManualClock(TEST_NOW),
      logger,
      ...slackTierDefaults,
    });
  });
  afterEach(async () => {
    await fake.close();
  });

  const load = async (env: Record<string, string>): Promise<TeamDefinition[]> => {
    const sources = teamSourcesFor(loadConfig(env).teams, {
      directory,
      readText: async () => ROSTER,
      uploadedRoster: { current: async () => uploaded },
    });
    const teams: TeamDefinition[] = [];
    for (const source of sources) teams.push(...(await source.load()));
    return teams;
  };
  const summary = (teams: TeamDefinition[]) => teams.map((t) => [t.id, t.name, t.seats, t.members.length]);

  it('makes every enabled user group a team by default', async () => {
    expect(summary(await load({}))).toEqual([
      ['S1', '@platform', false, 2],
      ['S9', '@codex-licensed', false, 1],
    ]);
  });

  it('takes the seats group out of the teams, named by handle or by id, even when disabled', async () => {
    expect(summary(await load({ SEATS_GROUP: '@codex-licensed' }))).toEqual([
      ['S1', '@platform', false, 2],
      ['S9', '@codex-licensed', true, 1],
    ]);
    expect(summary(await load({ SEATS_GROUP: 'S8' }))).toEqual([
      ['S1', '@platform', false, 2],
      ['S9', '@codex-licensed', false, 1],
      ['S8', 'S8', true, 1],
    ]);
    expect(summary(await load({ TEAM_SOURCES: 'roster', ROSTER_FILE: 'r.csv', SEATS_GROUP: 'C5' }))).toEqual([
      ['roster:licensed', 'Licensed', false, 1],
      ['roster:payments', 'Payments', false, 1],
      ['C5', '#codex-seats', true, 1],
    ]);
  });

  it("reads seats from the roster team SEATS_GROUP names, with each person's cost centre", async () => {
    const teams = await load({ TEAM_SOURCES: 'roster', ROSTER_FILE: 'r.csv', SEATS_GROUP: 'licensed' });
    expect(summary(teams)).toEqual([
      ['roster:licensed', 'Licensed', true, 1],
      ['roster:payments', 'Payments', false, 1],
    ]);
    expect(teams[0]?.members).toEqual([
      { kind: 'email', email: 'ana@example.com', manager: null, costCentre: 'CC-1' },
    ]);
  });

  it('refuses a seats handle no group has', async () => {
    await expect(load({ SEATS_GROUP: '@nobody' })).rejects.toMatchObject({
      code: 'config_invalid',
      message: 'SEATS_GROUP @nobody: no enabled user group has that handle',
    });
  });

  it('reads an uploaded roster in place of ROSTER_FILE, with its seats team', async () => {
    uploaded = UPLOADED;
    const teams = await load({ TEAM_SOURCES: 'roster', ROSTER_FILE: 'r.csv', SEATS_GROUP: 'Licensed' });
    expect(summary(teams)).toEqual([
      ['roster:design', 'Design', false, 1],
      ['roster:licensed', 'licensed', true, 1],
    ]);
    expect(teams[0]?.members).toEqual([
      { kind: 'email', email: 'cat@example.com', manager: 'ana@example.com', costCentre: null },
    ]);
  });

  it('reads an uploaded roster beside Slack groups even when TEAM_SOURCES leaves the roster out', async () => {
    expect(summary(await load({}))).toHaveLength(2);
    uploaded = UPLOADED;
    expect(summary(await load({}))).toEqual([
      ['S1', '@platform', false, 2],
      ['S9', '@codex-licensed', false, 1],
      ['roster:design', 'Design', false, 1],
      ['roster:licensed', 'licensed', false, 1],
    ]);
  });
});
