/**
 * Team figures over the warehouse (issue 12's bench: 20,000 users, 500 user groups, 365 days): the
 * data side of `/codex teams 90d` — WarehouseTeams.userActivity (one SQL aggregate, one row per user),
 * the memberships read, and the pure computeTeamFigures — p50 and p95 over runs, on DuckDB in a temp dir;
 * then the whole answer as the command builds it: TeamAnalytics.teamFigures (this window and the one
 * before, freshness, the last refresh) and the Block Kit report (buildTeamsReport, non-admin view).
 * Rows: each user active on a seeded share of days (--active-share), one client each.
 *
 * Run: node bin/run-ts.js bench/team-figures.ts [--users 20000] [--groups 500] [--days 365]
 *      [--active-share 0.2] [--runs 15]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildTeamsReport } from '../reports/teams/teams-report.js';
import { createManualClock } from '../src/clock.js';
import { type UsageRow, usageRowSchema } from '../src/codex/schemas.js';
import { DAY_SECONDS } from '../src/domain/utc-days.js';
import { computeFreshness } from '../src/figures/freshness.js';
import { computeTeamFigures } from '../src/figures/team-figures.js';
import { createLogger } from '../src/logger.js';
import { createTeamAnalytics } from '../src/teams/create-team-analytics.js';
import { openWarehouse } from '../src/warehouse/open-warehouse.js';
import type { TeamMembership } from '../src/warehouse/warehouse-teams.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '20000' },
    groups: { type: 'string', default: '500' },
    days: { type: 'string', default: '365' },
    'active-share': { type: 'string', default: '0.2' },
    runs: { type: 'string', default: '15' },
  },
});
const users = Number(values.users);
const groups = Number(values.groups);
const days = Number(values.days);
const activeShare = Number(values['active-share']);
const runs = Number(values.runs);

const now = new Date('2026-11-24T10:00:00Z');
const today = Math.floor(now.getTime() / 1000 / DAY_SECONDS) * DAY_SECONDS;
const firstDay = today - days * DAY_SECONDS;
const clock = createManualClock(now);
const logger = createLogger({ level: 'warn' });
const dir = await mkdtemp(join(tmpdir(), 'codex-pulse-team-bench-'));

/** A deterministic draw in [0, 1) per (user, day). */
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

try {
  const warehouse = await openWarehouse({ dataDir: dir, memoryLimitMb: 128, threads: 2 }, { clock, logger });
  const loadStart = performance.now();
  let rowCount = 0;
  for (let d = 0; d < days; d += 1) {
    const start = firstDay + d * DAY_SECONDS;
    const rows: UsageRow[] = [];
    // A fifth of the users never start; the others are active on `activeShare` of days.
    for (let u = 0; u < users; u += 1) {
      if (u % 5 === 4 || draw(u, d) >= activeShare) continue;
      rows.push({ ...template, start_time: start, end_time: start + DAY_SECONDS, user_id: `user-${u}` });
    }
    rowCount += await warehouse.replaceUserUsage({ start, end: start + DAY_SECONDS }, rows);
  }
  const loadMs = performance.now() - loadStart;
  // Every person in one group, one in ten in a second; groups of ~48.
  const memberships: TeamMembership[] = [];
  for (let u = 0; u < users; u += 1) {
    const group = u % groups;
    const member = (g: number): TeamMembership => ({
      teamId: `S${g}`,
      memberKey: `U${u}`,
      slackUserId: `U${u}`,
      email: null,
      codexUserId: u % 20 === 19 ? null : `user-${u}`,
      manager: null,
      costCentre: null,
    });
    memberships.push(member(group));
    if (u % 10 === 0) memberships.push(member((group + 1) % groups));
  }
  await warehouse.teams.replaceSnapshot({
    identities: [],
    teams: Array.from({ length: groups }, (_, g) => ({
      id: `S${g}`,
      name: `@team-${g}`,
      origin: 'usergroup',
      seats: false,
    })),
    memberships,
  });

  const window = { start: today - 90 * DAY_SECONDS, end: today };
  const times: number[] = [];
  const parts = { activity: [] as number[], memberships: [] as number[], compute: [] as number[] };
  let result: ReturnType<typeof computeTeamFigures> | undefined;
  for (let i = 0; i < runs + 2; i += 1) {
    const began = performance.now();
    const activity = await warehouse.teams.userActivity(window);
    const read = performance.now();
    const [teams, members] = [await warehouse.teams.teams(), await warehouse.teams.memberships()];
    const joined = performance.now();
    result = computeTeamFigures({ activity, teams, members, window });
    const done = performance.now();
    if (i < 2) continue;
    times.push(done - began);
    parts.activity.push(read - began);
    parts.memberships.push(joined - read);
    parts.compute.push(done - joined);
  }
  // The whole `/codex teams 90d` answer: both periods' figures and the report.
  await warehouse.teams.recordRefresh({
    id: 'bench',
    startedAt: now,
    finishedAt: now,
    status: 'ok',
    slackUsers: users,
    codexUsers: users,
    matched: users,
    unmatched: 0,
    codexWithoutEmail: 0,
    teams: groups,
    memberships: memberships.length,
    requests: 0,
    detail: null,
  });
  const teamAnalytics = createTeamAnalytics({ warehouse, clock });
  const answers: number[] = [];
  let reportChars = 0;
  for (let i = 0; i < runs + 2; i += 1) {
    const began = performance.now();
    const answer = await teamAnalytics.teamFigures(window);
    const message = buildTeamsReport({
      ...answer,
      freshness: { ...computeFreshness(window, now), stored: answer.stored },
      isAdmin: false,
    });
    reportChars = JSON.stringify(message.blocks).length;
    if (i >= 2) answers.push(performance.now() - began);
  }
  const pctOf = (list: number[], p: number) => {
    const sorted = [...list].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  };
  const pct = (p: number) => pctOf(times, p);
  console.table([
    {
      users,
      groups,
      days,
      rows: rowCount,
      'load s': Number((loadMs / 1000).toFixed(1)),
      'teams 90d p50 ms': Number(pct(50).toFixed(1)),
      'teams 90d p95 ms': Number(pct(95).toFixed(1)),
      'activity SQL p50': Number(pctOf(parts.activity, 50).toFixed(1)),
      'memberships p50': Number(pctOf(parts.memberships, 50).toFixed(1)),
      'compute p50': Number(pctOf(parts.compute, 50).toFixed(1)),
      'answer (2 periods + report) p50 ms': Number(pctOf(answers, 50).toFixed(1)),
      'answer p95 ms': Number(pctOf(answers, 95).toFixed(1)),
      'report chars': reportChars,
      'workspace adoption': Number((result?.workspace.adoptionRate ?? 0).toFixed(3)),
    },
  ]);
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  await warehouse.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
