/**
 * `/codex teams unmatched` over the warehouse (issue 12 §1a): the data side (TeamAnalytics.unmatchedUsers:
 * the unmatched identities and every user's last-30-days activity) plus the report, side by side in one run
 * with the `/codex teams 90d` answer on the same data as the baseline, p50/p95 over runs on DuckDB in a
 * temp dir. Rows: each user active on a seeded share of days, one client each; one user in twenty has no
 * Slack match.
 *
 * Run: node bin/run-ts.js bench/teams-unmatched.ts [--users 20000] [--days 365] [--active-share 0.2]
 *      [--runs 15]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { buildTeamsReport } from '../reports/teams/teams-report.js';
import { buildUnmatchedReport } from '../reports/teams/unmatched-report.js';
import { createManualClock } from '../src/clock.js';
import { type UsageRow, usageRowSchema } from '../src/codex/schemas.js';
import { createSurfaceMapper } from '../src/codex/surface-mapper.js';
import { DAY_SECONDS } from '../src/domain/utc-days.js';
import { computeFreshness } from '../src/figures/freshness.js';
import { createLogger } from '../src/logger.js';
import { createTeamAnalytics } from '../src/teams/create-team-analytics.js';
import type { CodexIdentity, TeamMembership } from '../src/warehouse/warehouse-teams.js';
import { freshWarehouse } from './lib/fresh-warehouse.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '20000' },
    days: { type: 'string', default: '365' },
    'active-share': { type: 'string', default: '0.2' },
    runs: { type: 'string', default: '15' },
  },
});
const users = Number(values.users);
const days = Number(values.days);
const activeShare = Number(values['active-share']);
const runs = Number(values.runs);

const now = new Date('2026-11-24T10:00:00Z');
const today = Math.floor(now.getTime() / 1000 / DAY_SECONDS) * DAY_SECONDS;
const firstDay = today - days * DAY_SECONDS;
const clock = createManualClock(now);
const logger = createLogger({ level: 'warn' });
const fresh = await freshWarehouse({
  name: 'teams-unmatched',
  memoryLimitMb: 128,
  threads: 2,
  clock,
  logger,
});

const draw = (user: number, day: number) => {
  let h = Math.imul(user + 1, 0x9e3779b1) ^ Math.imul(day + 7, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return ((h ^ (h >>> 12)) >>> 0) / 2 ** 32;
};
const template = usageRowSchema.parse({
  start_time: 0,
  end_time: DAY_SECONDS,
  user_id: 'x',
  totals: { threads: 1, turns: 4, credits: 2.5 },
  clients: [{ client_id: 'CODEX_CLI', threads: 1, turns: 4, credits: 2.5 }],
});
const pctOf = (list: number[], p: number) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
async function time(fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs + 2; i += 1) {
    const began = performance.now();
    await fn();
    if (i >= 2) out.push(performance.now() - began);
  }
  return out;
}

try {
  const warehouse = await fresh.open();
  let rowCount = 0;
  for (let d = 0; d < days; d += 1) {
    const start = firstDay + d * DAY_SECONDS;
    const rows: UsageRow[] = [];
    for (let u = 0; u < users; u += 1) {
      if (draw(u, d) >= activeShare) continue;
      rows.push({ ...template, start_time: start, end_time: start + DAY_SECONDS, user_id: `user-${u}` });
    }
    rowCount += await warehouse.replaceUserUsage({ start, end: start + DAY_SECONDS }, rows);
  }
  const identities: CodexIdentity[] = [];
  const memberships: TeamMembership[] = [];
  for (let u = 0; u < users; u += 1) {
    const matched = u % 20 !== 19;
    identities.push({
      codexUserId: `user-${u}`,
      email: `user-${u}@example.com`,
      slackUserId: matched ? `U${u}` : null,
    });
    if (matched) {
      memberships.push({
        teamId: `S${u % 500}`,
        memberKey: `U${u}`,
        slackUserId: `U${u}`,
        email: null,
        codexUserId: `user-${u}`,
        manager: null,
        costCentre: null,
      });
    }
  }
  await warehouse.teams.replaceSnapshot({
    identities,
    teams: Array.from({ length: 500 }, (_, g) => ({
      id: `S${g}`,
      name: `@team-${g}`,
      origin: 'usergroup',
      seats: false,
    })),
    memberships,
  });
  await warehouse.teams.recordRefresh({
    id: 'bench',
    startedAt: now,
    finishedAt: now,
    status: 'ok',
    slackUsers: users,
    codexUsers: users,
    matched: memberships.length,
    unmatched: users - memberships.length,
    codexWithoutEmail: 0,
    teams: 500,
    memberships: memberships.length,
    requests: 0,
    detail: null,
  });
  const analytics = createTeamAnalytics({
    warehouse,
    clock,
    pricing: { creditPriceUsd: 0.04, surfaceOf: createSurfaceMapper() },
  });
  const window = { start: today - 90 * DAY_SECONDS, end: today };
  let listed = 0;
  const unmatched = await time(async () => {
    const answer = await analytics.unmatchedUsers();
    listed = answer.people.length;
    buildUnmatchedReport(answer);
  });
  const teams = await time(async () => {
    const answer = await analytics.teamFigures(window);
    buildTeamsReport({
      ...answer,
      freshness: { ...computeFreshness(window, now), stored: answer.stored },
      isAdmin: false,
    });
  });
  const p50 = (l: number[]) => Number(pctOf(l, 50).toFixed(1));
  const p95 = (l: number[]) => Number(pctOf(l, 95).toFixed(1));
  console.table([
    {
      answer: 'teams unmatched (new)',
      users,
      rows: rowCount,
      listed,
      'p50 ms': p50(unmatched),
      'p95 ms': p95(unmatched),
    },
    {
      answer: 'teams 90d (baseline)',
      users,
      rows: rowCount,
      listed: '',
      'p50 ms': p50(teams),
      'p95 ms': p95(teams),
    },
  ]);
  console.log(`unmatched / teams p50 ratio: ${(pctOf(unmatched, 50) / pctOf(teams, 50)).toFixed(2)}`);
  console.log(
    `load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  await warehouse.close();
} finally {
  await fresh.tearDown();
}
