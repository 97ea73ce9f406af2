/**
 * The personal weekly DM at scale (issue 13 §4): N people subscribed for the same Monday 09:00, one
 * scheduler run. Each DM reads the person's email from Slack, their week (the same answer as `/codex
 * me`: everyone ranked by credits, from the warehouse), their teams' budgets, opens the DM and posts
 * once. Printed side by side in one process: the DM run against its baseline, N `/codex me` answers for
 * the same people and week (the figures alone), and the ratio — what delivery adds on top of the
 * figures. The simulator runs in-process without latency; the warehouse is topped up before timing.
 *
 * Run: node bin/run-ts.js bench/personal-dm.ts [--users 1000] [--subs 200]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Clock } from '../src/clock.js';
import { loadConfig } from '../src/config/env.js';
import { startFakeSlack } from '../src/dev/fake-slack/fake-slack.js';
import { startSimulator } from '../src/dev/simulator/start-simulator.js';
import { createDigestService } from '../src/digests/create-digest-service.js';
import { createDigestSlackClient } from '../src/digests/digest-slack-client.js';
import { lastClosedWeek } from '../src/domain/utc-days.js';
import { createLogger } from '../src/logger.js';
import { openComposition } from '../src/main/open-composition.js';
import { openStore } from '../src/store/open-store.js';
import { createTeamsOfMember } from '../src/teams/teams-of-member.js';

const { values } = parseArgs({
  options: { users: { type: 'string', default: '1000' }, subs: { type: 'string', default: '200' } },
});
/** Monday 23 Nov 2026 09:00 UTC: every subscription's slot. */
const NOW = new Date('2026-11-23T09:00:30Z');

/** Real time shifted to NOW: the per-channel pacer really waits, the dates stay fixed. */
function shiftedClock(): Clock {
  const offset = NOW.getTime() - Date.now();
  const now = () => new Date(Date.now() + offset);
  const sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(signal.reason);
      });
    });
  return { now, sleep, until: (at, signal) => sleep(Math.max(0, at.getTime() - now().getTime()), signal) };
}

const logger = createLogger({ level: 'error' });
const clock = shiftedClock();
const sim = await startSimulator({ users: Number(values.users), seed: 'bench', now: () => NOW });
const dataDir = await mkdtemp(join(tmpdir(), 'codex-pulse-bench-personal-'));
const fake = await startFakeSlack({ now: () => clock.now() });
const store = await openStore({
  dataDir: join(dataDir, 'store'),
  logger,
  clock: { ...clock, now: () => new Date(NOW.getTime() - 7 * 86_400_000) },
});
const config = loadConfig({
  CODEX_API_BASE_URL: sim.baseUrl,
  CODEX_API_KEY: sim.apiKey,
  CODEX_WORKSPACE_ID: sim.workspaceId,
  CODEX_API_REQUESTS_PER_MINUTE: '0',
  LOG_LEVEL: 'error',
  DATA_DIR: join(dataDir, 'warehouse'),
});
const c = await openComposition(config, { clock, logger });
const week = lastClosedWeek(NOW);
const ranking = await c.analytics.ranking(week, { sortBy: 'credits', surface: null, topN: 100_000 });
const people = ranking.ranking.users.filter((u) => u.email !== null).slice(0, Number(values.subs));
for (const [i, person] of people.entries()) {
  const id = `U${String(i).padStart(9, '0')}`;
  fake.users.set(id, { id, name: person.label, email: person.email ?? '' });
  await store.subscriptions.create({
    teamId: 'T0FAKE0001',
    channelId: id,
    ownerUserId: id,
    kind: 'personal',
    day: 'mon',
    time: '09:00',
    timeZone: 'UTC',
    style: 'standard',
    cadence: 'weekly',
  });
}
await store.budgets.set({
  teamId: 'T0FAKE0001',
  team: 'platform',
  amount: 5_000,
  unit: 'credits',
  ownerUserId: 'U0',
});

async function baseline(): Promise<number> {
  const started = performance.now();
  for (const person of people) await c.analytics.personal(week, person.email ?? '');
  return performance.now() - started;
}

const before = await baseline();
const service = createDigestService({
  store,
  analytics: c.analytics,
  renderChart: c.renderChart,
  slack: createDigestSlackClient({ token: 'xoxb-bench', apiUrl: fake.url, logger, metrics: c.metrics }),
  clock,
  logger,
  metrics: c.metrics,
  workerId: 'bench',
  personalBudgets: {
    budgets: store.budgets,
    history: c.alertHistory,
    teamsOf: createTeamsOfMember(c.sync.warehouse),
  },
});
const started = performance.now();
const summary = await service.runDue(clock.now());
const run = performance.now() - started;
const after = await baseline();
const delivered = summary.results.filter((r) => r.outcome.status === 'delivered').length;
const dms = fake.calls.filter((call) => call.method === 'chat.postMessage').length;
const base = (before + after) / 2;
const per = (ms: number) => `${(ms / Math.max(1, people.length)).toFixed(1)} ms`;
console.log(
  `personal DMs: ${people.length} subscribers, ${values.users} simulated users, week ${week.start}`,
);
console.log(`  delivered ${delivered}, chat.postMessage ${dms}`);
console.log(`  DM run (runDue)            ${(run / 1000).toFixed(2)} s  (${per(run)} per DM)`);
console.log(`  /codex me figures (before) ${(before / 1000).toFixed(2)} s  (${per(before)} per person)`);
console.log(`  /codex me figures (after)  ${(after / 1000).toFixed(2)} s  (${per(after)} per person)`);
console.log(`  ratio DM run / figures     ${(run / base).toFixed(2)}×`);
console.log(
  `  load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

await c.close();
await store.close();
await fake.close();
await sim.close();
await rm(dataDir, { recursive: true, force: true });
