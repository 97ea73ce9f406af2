/**
 * A roster uploaded in the bot's DM (issue 12 §1b), end to end: a signed `message` event (subtype
 * file_share, channel type im) into the real Bolt app, files.info and the download from the fake Slack
 * with the bot token, the real warehouse, and the identity refresh that then reads the roster's teams.
 * The fixture is team-commands-harness.ts: ana, ben are Slack people with Codex use; hal@example.com is
 * a Codex user (u8) no Slack profile has; zed@example.com is in neither.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeSlackCall } from '../../src/dev/fake-slack/fake-slack.js';
import { MAX_ROSTER_BYTES } from '../../src/slack/roster-upload.js';
import { ADMIN, allText, MEMBER, startTeamStack, type TeamStack } from './team-commands-harness.js';

const DM = 'D0ROSTER01';
const CSV = [
  'email,team,manager,cost_centre',
  'ana@example.com,Data,boss@example.com,CC-1',
  'Ben@Example.com,Data,,',
  'hal@example.com,Data,,',
  'zed@example.com,Ops,,CC-7',
  '',
].join('\n');
const JSON_ROSTER = JSON.stringify(
  [
    { email: 'cat@example.com', team: 'Research', manager: 'ana@example.com' },
    { email: 'dan@example.com', team: 'Research', costCentre: 'CC-2' },
  ],
  null,
  2,
);

let s: TeamStack;
let seq = 0;
beforeAll(async () => {
  s = await startTeamStack();
});
afterAll(() => s.close());

const postsTo = (channel: string) =>
  s.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.params.channel === channel);
const methodCalls = (method: string) => s.fake.calls.filter((c) => c.method === method).length;

/** Drops `content` as `name` in the bot's DM as `user`; resolves with the bot's next reply there. */
async function upload(name: string, content: string | Uint8Array, user = ADMIN): Promise<FakeSlackCall> {
  const before = postsTo(DM).length;
  const file = s.fake.addUserFile({ name, content, user });
  seq += 1;
  const status = await s.event({
    type: 'message',
    subtype: 'file_share',
    channel: DM,
    channel_type: 'im',
    user,
    text: '',
    ts: `1764000000.00${seq}00`,
    files: [{ id: file.id, name, size: file.size }],
  });
  expect(status).toBe(200);
  return s.fake.waitFor(
    (c) => c.method === 'chat.postMessage' && c.params.channel === DM && postsTo(DM).length > before,
    20_000,
  );
}
const textOf = (call: FakeSlackCall) => allText(call.params);
const rosterTeams = async () =>
  (await s.c.sync.warehouse.teams.teams()).filter((t) => t.origin === 'roster').map((t) => t.name);

describe('a roster uploaded in the bot DM', () => {
  it('imports a good CSV, says how many emails match no Slack user, and the refresh uses its teams', async () => {
    const reply = await upload('roster.csv', CSV);
    expect(String(reply.params.text)).toContain(
      'Roster imported: 4 people in 2 teams; 2 emails match no Slack user',
    );
    // The download used the bot token.
    expect(s.fake.calls.find((c) => c.method === 'files.download')?.token).toBe('xoxb-teams-token');
    expect(await rosterTeams()).toEqual(['Data', 'Ops']);
    const members = (await s.c.sync.warehouse.teams.memberships()).filter((m) => m.teamId === 'roster:data');
    expect(members.map((m) => [m.memberKey, m.codexUserId, m.manager, m.costCentre])).toEqual([
      ['U01', 'u1', 'boss@example.com', 'CC-1'],
      ['U02', 'u2', null, null],
      // In Codex, not in Slack: still a member, matched to Codex by email.
      ['email:hal@example.com', 'u8', null, null],
    ]);
    // /codex teams (admins see teams under 5): Data is 3 of 3 active last week.
    expect(allText(await s.slash('teams last-week', ADMIN))).toContain(
      '*Data* :lock: 100% (3/3 active) · 9 credits',
    );
  });

  it('imports a good JSON roster in place of the CSV one', async () => {
    const reply = await upload('People.JSON', JSON_ROSTER);
    expect(String(reply.params.text)).toContain(
      'Roster imported: 2 people in 1 team; every email matches a Slack user',
    );
    expect(await rosterTeams()).toEqual(['Research']);
  });

  it('lists a bad file’s problems with line numbers (the first ten and a count) and imports nothing', async () => {
    const bad = ['email,team', ...Array.from({ length: 12 }, (_, i) => `not-an-email-${i},Data`)].join('\n');
    const reply = await upload('broken.csv', bad);
    const text = textOf(reply);
    expect(text).toContain('was not imported: 12 problems. Nothing was changed');
    expect(text).toContain('line 2: email: expected an email address');
    expect(text).toContain('line 11: email');
    expect(text).not.toContain('line 12:');
    expect(text).toContain('…and 2 more');
    const stored = await s.c.sync.warehouse.roster.current();
    expect(stored?.fileName).toBe('People.JSON');
    expect(await rosterTeams()).toEqual(['Research']);
  });

  it('refuses a non-admin politely, without downloading or importing anything', async () => {
    const downloads = methodCalls('files.download');
    const reply = await upload('roster.csv', CSV, MEMBER);
    expect(String(reply.params.text)).toContain('only Codex Pulse admins');
    expect(String(reply.params.text)).toContain('Nothing was imported');
    expect(methodCalls('files.download')).toBe(downloads);
    expect((await s.c.sync.warehouse.roster.current())?.fileName).toBe('People.JSON');
  });

  it('refuses a file over the size cap before downloading it, and a file that is not CSV or JSON', async () => {
    const downloads = methodCalls('files.download');
    const big = `email,team\n${'x'.repeat(MAX_ROSTER_BYTES)}\n`;
    expect(String((await upload('huge.csv', big)).params.text)).toContain('larger than 2 MB');
    expect(String((await upload('photo.png', 'png')).params.text)).toContain('I only read roster files');
    expect(methodCalls('files.download')).toBe(downloads);
    expect((await s.c.sync.warehouse.roster.current())?.fileName).toBe('People.JSON');
  });

  it('asks for one file at a time when several are shared at once', async () => {
    const before = postsTo(DM).length;
    const a = s.fake.addUserFile({ name: 'a.csv', content: CSV, user: ADMIN });
    const b = s.fake.addUserFile({ name: 'b.csv', content: CSV, user: ADMIN });
    seq += 1;
    await s.event({
      type: 'message',
      subtype: 'file_share',
      channel: DM,
      channel_type: 'im',
      user: ADMIN,
      ts: `1764000000.00${seq}00`,
      files: [{ id: a.id }, { id: b.id }],
    });
    const reply = await s.fake.waitFor(
      (c) => c.method === 'chat.postMessage' && c.params.channel === DM && postsTo(DM).length > before,
      20_000,
    );
    expect(String(reply.params.text)).toContain('one roster file at a time');
    expect((await s.c.sync.warehouse.roster.current())?.fileName).toBe('People.JSON');
  });

  it('stops reading a download past the cap even when files.info gave a smaller size', async () => {
    // Slack's size is its word; the bytes that arrive are what counts.
    const downloads = methodCalls('files.download');
    const lie = s.fake.intercept('files.info', 'after', (_call, result) => {
      const file = (result as { file?: { size?: number } } | undefined)?.file;
      if (file) file.size = 10;
      return 'answer';
    });
    try {
      const big = `email,team\n${'x'.repeat(MAX_ROSTER_BYTES)}\n`;
      expect(String((await upload('sneaky.csv', big)).params.text)).toContain('larger than 2 MB');
    } finally {
      lie();
    }
    expect(methodCalls('files.download')).toBe(downloads + 1);
    expect((await s.c.sync.warehouse.roster.current())?.fileName).toBe('People.JSON');
  });

  it('ignores ordinary DM messages, and removes the uploaded roster on `remove roster` from an admin', async () => {
    const before = postsTo(DM).length;
    seq += 1;
    await s.event({
      type: 'message',
      channel: DM,
      channel_type: 'im',
      user: ADMIN,
      text: 'hello',
      ts: `1764000001.00${seq}00`,
    });
    seq += 1;
    await s.event({
      type: 'message',
      channel: DM,
      channel_type: 'im',
      user: ADMIN,
      text: 'Remove roster',
      ts: `1764000001.00${seq}00`,
    });
    const reply = await s.fake.waitFor(
      (c) => c.method === 'chat.postMessage' && c.params.channel === DM && postsTo(DM).length > before,
      20_000,
    );
    expect(String(reply.params.text)).toContain('Uploaded roster removed');
    expect(postsTo(DM)).toHaveLength(before + 1);
    expect(await s.c.sync.warehouse.roster.current()).toBeNull();
    expect(await rosterTeams()).toEqual([]);
  });
});
