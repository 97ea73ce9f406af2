/**
 * The team commands end to end over hand-built data (issue 12): the fake Slack Web API seeded with the
 * people and groups below, the real embedded warehouse holding the usage rows below, one real identity
 * refresh through createTeamsRuntime, and the real Bolt app (createSlackEdge, as `serve` wires it) with
 * the registry and the nudge Send button. The clock is ours and pinned: NOW is Tue 24 Nov 2026 10:00 UTC,
 * so `last-week` is Mon 16 – Sun 22 Nov and the period before it Mon 9 – Sun 15 Nov.
 *
 * Fixture (counted by hand in team-commands.test.ts):
 *
 *   Slack  email            Codex  active days (credits)       groups
 *   U01    ana@example.com  u1     10 Nov (1), 17 Nov (5)      @platform @payments seats
 *   U02    ben@example.com  u2     18 Nov (3)                  @platform @payments seats
 *   U03    cat@example.com  u3     2 Nov (2)                   @platform @design   seats
 *   U04    dan@example.com  u4     20 Nov (4)                  @platform           seats
 *   U05    eve@example.com  u5     11 Nov (1)                  @platform           seats
 *   U06    fay@example.com  u6     19 Nov (6)                  @payments           seats
 *   U07    gus@example.com  —      never                       @platform @design   seats
 *   U08    (no email)       u8 (hal@example.com: unmatched) 19 Nov (1)   none
 *   U09    ivy@example.com  u9     22 Nov (2)                  @payments
 *   U10    jon@example.com  u10    a row of zeros on 5 Nov     @payments
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/env.js';
import { type FakeSlack, startFakeSlack } from '../../src/dev/fake-slack/fake-slack.js';
import { createBotRegistry } from '../../src/main/bot-registry.js';
import { openComposition } from '../../src/main/open-composition.js';
import { createSlackEdge } from '../../src/main/slack-edge.js';
import { createTeamsRuntime } from '../../src/main/teams-runtime.js';
import { systemQuietTimer } from '../../src/slack/quiet-timer.js';
import { sec, usageRow } from '../figures/fixture-rows.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { sendSigned, signedAction, signedEvent, signedSlashCommand } from '../helpers/slack-signing.js';
import { fileShareStore } from '../helpers/test-share-store.js';

export const SECRET = 'teams-signing-secret-9a1e';
export const NOW = new Date('2026-11-24T10:00:00Z');
export const ADMIN = 'U0ADMIN001';
export const MEMBER = 'U0ALICE001';

const people: [string, string, string | null][] = [
  ['U01', 'ana', 'ana@example.com'],
  ['U02', 'ben', 'Ben@Example.com'],
  ['U03', 'cat', 'cat@example.com'],
  ['U04', 'dan', 'dan@example.com'],
  ['U05', 'eve', 'eve@example.com'],
  ['U06', 'fay', 'fay@example.com'],
  ['U07', 'gus', 'gus@example.com'],
  ['U08', 'hal', null],
  ['U09', 'ivy', 'ivy@example.com'],
  ['U10', 'jon', 'jon@example.com'],
];
const groups: [string, string, string[]][] = [
  ['S1', 'platform', ['U01', 'U02', 'U03', 'U04', 'U05', 'U07']],
  ['S2', 'payments', ['U01', 'U02', 'U06', 'U09', 'U10']],
  ['S3', 'design', ['U03', 'U07']],
  ['S9', 'codex-licensed', ['U01', 'U02', 'U03', 'U04', 'U05', 'U06', 'U07']],
];
const day = (user: string, email: string, date: string, credits: number) =>
  usageRow({
    user,
    day: date,
    email,
    clients: [{ client: 'CODEX_CLI', threads: credits > 0 ? 1 : 0, turns: credits > 0 ? 2 : 0, credits }],
  });
const rows = [
  day('u1', 'ana@example.com', '2026-11-10', 1),
  day('u1', 'ana@example.com', '2026-11-17', 5),
  day('u2', 'ben@example.com', '2026-11-18', 3),
  day('u3', 'cat@example.com', '2026-11-02', 2),
  day('u4', 'dan@example.com', '2026-11-20', 4),
  day('u5', 'eve@example.com', '2026-11-11', 1),
  day('u6', 'fay@example.com', '2026-11-19', 6),
  day('u8', 'hal@example.com', '2026-11-19', 1),
  day('u9', 'ivy@example.com', '2026-11-22', 2),
  day('u10', 'jon@example.com', '2026-11-05', 0),
];

export type TeamStack = Awaited<ReturnType<typeof startTeamStack>>;

export async function startTeamStack(env: Record<string, string> = {}) {
  const clock = createManualClock(NOW);
  const dataDir = await mkdtemp(join(tmpdir(), 'teams-commands-'));
  const fake: FakeSlack = await startFakeSlack({ now: clock.now });
  fake.users.set(ADMIN, { id: ADMIN, name: 'ada', email: 'ada@corp.example.org' });
  fake.users.set(MEMBER, { id: MEMBER, name: 'alice', email: 'alice@corp.example.org' });
  for (const [id, name, email] of people) fake.users.set(id, { id, name, ...(email ? { email } : {}) });
  for (const [id, handle, members] of groups) {
    fake.usergroups.set(id, { id, handle, name: handle });
    fake.usergroupMembers.set(id, members);
  }
  const config = loadConfig(
    {
      // No API request is made: team answers read the warehouse; a closed port proves it.
      CODEX_API_BASE_URL: 'http://127.0.0.1:9',
      CODEX_API_KEY: 'sk-unused',
      CODEX_WORKSPACE_ID: 'ws-teams',
      SLACK_BOT_TOKEN: 'xoxb-teams-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.url,
      SLACK_BOT_ID: 'B0FAKEBOT1',
      SLACK_BOT_USER_ID: 'U0FAKEBOT1',
      ADMIN_USER_IDS: ADMIN,
      SEATS_GROUP: '@codex-licensed',
      DATA_DIR: dataDir,
      WAREHOUSE_THREADS: '1',
      ...env,
    },
    ['codex', 'slack'],
  );
  const logger = createMemoryLogger('debug');
  const c = await openComposition(config, { clock, logger });
  const synced = { start: sec('2026-11-01'), end: sec('2026-11-24') };
  await c.sync.warehouse.replaceUserUsage(synced, rows);
  // Recorded as a sync that just finished, so answers read these rows as current (no top-up).
  await c.sync.warehouse.startSyncRun({ id: 'fixture', kind: 'backfill', startedAt: NOW, window: synced });
  await c.sync.warehouse.finishSyncRun('fixture', {
    finishedAt: NOW,
    requests: 0,
    rows: rows.length,
    outcome: 'ok',
  });
  const teams = createTeamsRuntime(c, config);
  if (!teams.refresh || !teams.nudges) throw new Error('teams runtime without Slack');
  const refresh = await teams.refresh.run();
  const edge = createSlackEdge(c, config.slack, {
    quietTimer: systemQuietTimer,
    host: '127.0.0.1',
    port: 0,
    registry: createBotRegistry(c, undefined, teams),
    nudges: teams.nudges,
    ...(teams.rosterImports ? { rosterImports: teams.rosterImports } : {}),
    shares: fileShareStore(),
    ready: async () => {},
  });
  const { port } = await edge.start();
  const events = `http://127.0.0.1:${port}/slack/events`;
  const answer = async (responseUrl: string, match: (b: Record<string, unknown>) => boolean) =>
    (await fake.waitForResponse((r) => r.url === responseUrl && match(r.body), 20_000)).body;

  return {
    c,
    fake,
    clock,
    dataDir,
    logger,
    refresh,
    /** Reads the fake Slack's people and groups again (after a test changed them). */
    refreshAgain: () => teams.refresh?.run(),
    /** `/codex {text}` as `user`; resolves with the final answer's body. */
    async slash(text: string, user = MEMBER) {
      const responseUrl = fake.responseUrl();
      const res = await sendSigned(
        events,
        signedSlashCommand({ text, response_url: responseUrl, user_id: user }, { secret: SECRET }),
      );
      await res.text();
      return answer(responseUrl, (b) => b.replace_original === true || b.delete_original === true);
    },
    /** Sends an Events API event (signed, over HTTP) to the Bolt app; resolves once Slack's ack is in. */
    async event(event: Record<string, unknown>) {
      const res = await sendSigned(events, signedEvent(event, { secret: SECRET }));
      await res.text();
      return res.status;
    },
    /** Clicks a button as `user`; resolves with the response_url the listener answers on. */
    async click(actionId: string, value: string, user = ADMIN) {
      const responseUrl = fake.responseUrl();
      const res = await sendSigned(
        events,
        signedAction({ actionId, value, responseUrl, userId: user }, { secret: SECRET }),
      );
      await res.text();
      return {
        responseUrl,
        next: (match: (b: Record<string, unknown>) => boolean) => answer(responseUrl, match),
      };
    },
    /** chat.postMessage calls to a person (their DMs). */
    dmsTo(user: string) {
      return fake.calls.filter((call) => call.method === 'chat.postMessage' && call.params.channel === user);
    },
    async close() {
      await edge.stop();
      await c.close();
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every text of a Slack payload, for "does the answer contain X" assertions. */
export function allText(body: Record<string, unknown>): string {
  return JSON.stringify([body.text, body.blocks]);
}
