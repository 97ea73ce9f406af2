/**
 * The daily identity refresh (issue 12): N Slack users (the simulator's people, a share unmatched or
 * without email) in G user groups, against the fake Slack enforcing Slack's documented tiers (Tier 2:
 * 20 a minute, Tier 3: 50, Tier 4: 100), into a fresh DuckDB warehouse holding one usage row per Codex
 * user. The clock is a manual one: "Slack time" is how long the refresh would take against real Slack
 * within its tiers (every pacing wait and Retry-After lands on it), "compute" the real time it took here.
 *
 * Run: node bin/run-ts.js bench/identity-refresh.ts [--users 20000] [--groups 500]
 */
import { parseArgs } from 'node:util';
import { createManualClock } from '../src/clock.js';
import { startFakeSlack } from '../src/dev/fake-slack/fake-slack.js';
import { seedFakeSlack, simulatedSlackPeople } from '../src/dev/fake-slack/simulated-slack-people.js';
import { createSimulatedOrg } from '../src/dev/simulator/simulated-org.js';
import { buildUserProfile } from '../src/dev/simulator/user-profiles.js';
import { createLogger } from '../src/logger.js';
import { createDirectoryClient, createIdentityRefreshJob } from '../src/teams/create-identity-refresh-job.js';
import { sec, usageRow } from '../test/figures/fixture-rows.js';
import { freshWarehouse } from './lib/fresh-warehouse.js';

const { values } = parseArgs({
  options: { users: { type: 'string', default: '20000' }, groups: { type: 'string', default: '500' } },
});
const users = Number(values.users);
const groups = Number(values.groups);
const seed = 'codex-pulse';
const start = new Date('2026-11-24T03:00:00Z');
const clock = createManualClock(start);
const logger = createLogger({ level: 'warn' });
const fresh = await freshWarehouse({
  name: 'identity-refresh',
  memoryLimitMb: 128,
  threads: 2,
  clock,
  logger,
});
const fake = await startFakeSlack({ tierLimits: { 1: 1, 2: 20, 3: 50, 4: 100 }, now: clock.now });
try {
  const people = simulatedSlackPeople({
    seed,
    people: users,
    unmatchedShare: 0.05,
    withoutEmailShare: 0.03,
    slackOnly: Math.round(users * 0.1),
    groups: Array.from({ length: groups }, (_, g) => `team-${g + 1}`),
  });
  seedFakeSlack(fake, people);
  const warehouse = await fresh.open();
  const org = createSimulatedOrg({ seed, users, now: () => start });
  const day = '2026-11-23';
  const rows = Array.from({ length: users }, (_, i) =>
    usageRow({
      user: buildUserProfile(org, i).userId,
      day,
      email: buildUserProfile(org, i).email,
      clients: [{ client: 'CODEX_CLI', threads: 1, credits: 1 }],
    }),
  );
  await warehouse.replaceUserUsage({ start: sec(day), end: sec(day) + 86_400 }, rows);

  const job = createIdentityRefreshJob({
    config: { sources: ['usergroups'], channels: [] },
    api: createDirectoryClient({ token: 'xoxb-bench', apiUrl: fake.url, logger }),
    warehouse: warehouse.teams,
    clock,
    logger,
    readText: async () => '',
    uploadedRoster: warehouse.roster,
    newId: () => 'bench',
  });
  const cpuBefore = process.cpuUsage();
  const began = performance.now();
  const result = await job.run();
  const computeMs = performance.now() - began;
  const { user, system } = process.cpuUsage(cpuBefore);
  const byMethod: Record<string, number> = {};
  for (const call of fake.calls) byMethod[call.method] = (byMethod[call.method] ?? 0) + 1;
  const slackSeconds = (clock.now().getTime() - start.getTime()) / 1000;
  console.table([
    {
      'slack users': result.slackUsers,
      groups,
      'codex users': result.codexUsers,
      matched: result.matched,
      unmatched: result.unmatched,
      'no email': result.codexWithoutEmail,
      memberships: result.memberships,
      requests: result.requests,
      'slack time s': slackSeconds,
      'compute ms': Math.round(computeMs),
      'cpu ms': Math.round((user + system) / 1000),
    },
  ]);
  console.log('requests by method:', byMethod);
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  console.log(
    JSON.stringify({ bench: 'identity-refresh', users, groups, ...result, slackSeconds, computeMs }),
  );
  await warehouse.close();
} finally {
  await fake.close();
  await fresh.tearDown();
}
