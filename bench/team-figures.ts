/**
 * Team figures over the warehouse (issue 12 §5: 20,000 users, 500 user groups, 365 days; target
 * `/codex teams 90d` p50 ≤ 500 ms on DuckDB, PostgreSQL within 2×), on DuckDB and PostgreSQL side by
 * side, each engine in its own child process (no shared heap or warm cache). Per engine, both periods'
 * figures (the 90 days and the 90 before) two ways, equal or the bench fails:
 * - `sql`: WarehouseTeams.teamFiguresPair, one statement returning ~500 team rows (what the app runs);
 * - `old`: the path before it — userActivityPair (every user's activity), teams and memberships read
 *   into TypeScript, computeTeamFigures twice;
 * then the whole answer as `/codex teams 90d` builds it (TeamAnalytics.teamFigures: last refresh,
 * figures, freshness; then the Block Kit report), with the warehouse calls it makes.
 *
 * Rows are written straight into usage_user_daily by INSERT … SELECT (no API, no sync): a fifth of the
 * users never start, the others are active on a seeded --active-share of days; each row's `raw` is 600
 * bytes, as a synced row's JSON is, so PostgreSQL's heap is as wide as in production. Memberships: every
 * person in one group, one in ten in a second, one in twenty matched to no Codex user (one in a hundred
 * with no email on their profile). PostgreSQL runs in a fresh schema (dropped afterwards) at
 * --database-url, VACUUM ANALYZEd after the load as autovacuum would have; skipped with a note when not
 * reachable.
 *
 * Run: node bin/run-ts.js bench/team-figures.ts [--users 20000] [--groups 500] [--days 365]
 *      [--active-share 0.2] [--runs 15] [--old-runs 5] [--engines embedded,postgres]
 *      [--database-url postgres://…] [--threads 2] [--memory-limit-mb 128]
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { buildTeamsReport } from '../reports/teams/teams-report.js';
import { createManualClock } from '../src/clock.js';
import { createSurfaceMapper } from '../src/codex/surface-mapper.js';
import { DAY_SECONDS } from '../src/domain/utc-days.js';
import type { TeamFiguresResult } from '../src/figures/figure-types.js';
import { computeFreshness } from '../src/figures/freshness.js';
import { computeTeamFigures } from '../src/figures/team-figures.js';
import { createLogger } from '../src/logger.js';
import type { EngineStatement } from '../src/store/sql-engine.js';
import { createTeamAnalytics } from '../src/teams/create-team-analytics.js';
import { bulkRebuildDerivedTables, derivedTableNames } from '../src/warehouse/derived-tables.js';
import type { Warehouse } from '../src/warehouse/warehouse.js';
import type { TeamMembership } from '../src/warehouse/warehouse-teams.js';
import { postgresReachable } from '../test/helpers/postgres-reachable.js';
import { freshWarehouse } from './lib/fresh-warehouse.js';
import { percentile } from './lib/percentile.js';
import { rerunArgs } from './lib/rerun.js';

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'orchestrator' },
    engine: { type: 'string', default: 'embedded' },
    engines: { type: 'string', default: 'embedded,postgres' },
    users: { type: 'string', default: '20000' },
    groups: { type: 'string', default: '500' },
    days: { type: 'string', default: '365' },
    'active-share': { type: 'string', default: '0.2' },
    runs: { type: 'string', default: '15' },
    'old-runs': { type: 'string', default: '5' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    'memory-limit-mb': { type: 'string', default: '128' },
    threads: { type: 'string', default: '2' },
  },
});
const users = Number(values.users);
const groups = Number(values.groups);
const days = Number(values.days);
const activeShare = Number(values['active-share']);
const runs = Number(values.runs);
const oldRuns = Number(values['old-runs']);
// A fixed "now" (10:00 UTC: today is a partial day) keeps the data, and so the figures, stable.
const NOW = new Date('2026-11-24T10:00:00Z');
const TODAY = Math.floor(NOW.getTime() / 1000 / DAY_SECONDS) * DAY_SECONDS;
const WINDOW_90D = { start: TODAY - 90 * DAY_SECONDS, end: TODAY };
const PREVIOUS_90D = { start: WINDOW_90D.start - 90 * DAY_SECONDS, end: WINDOW_90D.start };
const logger = createLogger({ level: 'warn' });
// Team USD and top surface (issue 12 §2): the default price and surface map, as the app runs them.
const pricing = { creditPriceUsd: 0.04, surfaceOf: createSurfaceMapper() };
/** The clients each user's rows mirror into usage_user_client_daily, by user: CLI, IDE, cloud. */
const BENCH_CLIENTS = ['CODEX_CLI', 'CODEX_IDE_VSCODE', 'CODEX_WEB'];

interface Timing {
  p50: number;
  p95: number;
}
interface EngineResult {
  engine: string;
  rows: number;
  loadSeconds: number;
  sql: Timing;
  old: Timing;
  same: boolean;
  answer: Timing;
  answerCalls: number;
  reportChars: number;
  adoption: number;
  peakRssMb: number;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

async function orchestrate(): Promise<void> {
  console.log(
    `team figures: ${users} users, ${groups} groups, ${days} days, ${runs} runs (old path ${oldRuns}), load ${load()}`,
  );
  const results: EngineResult[] = [];
  for (const engine of values.engines.split(',')) {
    if (engine === 'postgres' && !(await postgresReachable(values['database-url']))) {
      console.log(`postgres: not reachable at ${values['database-url']}, skipped`);
      continue;
    }
    const args = [
      ...rerunArgs(import.meta.url),
      ...process.argv.slice(2),
      '--role',
      'engine',
      '--engine',
      engine,
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let result: EngineResult | null = null;
    for await (const line of createInterface({ input: child.stdout })) {
      if (line.startsWith('RESULT ')) result = JSON.parse(line.slice(7)) as EngineResult;
      else console.log(line);
    }
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    if (result === null || code !== 0) throw new Error(`${engine} engine run failed (exit ${code})`);
    results.push(result);
  }
  const ms = (t: Timing) => `${t.p50.toFixed(0)} / ${t.p95.toFixed(0)}`;
  console.log(
    '\n| engine | rows | load | figures SQL p50/p95 ms | old path p50/p95 ms | old/SQL p50 | same | answer + report p50/p95 ms | warehouse calls | peak RSS |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.engine} | ${r.rows} | ${r.loadSeconds.toFixed(0)} s | ${ms(r.sql)} | ${ms(r.old)} | ${(r.old.p50 / r.sql.p50).toFixed(1)}× | ${r.same} | ${ms(r.answer)} | ${r.answerCalls} | ${r.peakRssMb} MB |`,
    );
  }
  const embedded = results.find((r) => r.engine === 'embedded');
  const postgres = results.find((r) => r.engine === 'postgres');
  if (embedded !== undefined && postgres !== undefined) {
    console.log(`postgres / embedded answer p50: ${(postgres.answer.p50 / embedded.answer.p50).toFixed(2)}×`);
  }
  console.log(`load average at the end: ${load()}`);
  console.log(JSON.stringify({ bench: 'team-figures', users, groups, days, results }));
  if (results.some((r) => !r.same)) {
    console.error('SQL team figures differ from the old path');
    process.exitCode = 1;
  }
}

async function engineRole(engine: string): Promise<void> {
  const clock = createManualClock(NOW);
  const fresh = await freshWarehouse({
    name: 'team-figures',
    databaseUrl: engine === 'embedded' ? undefined : values['database-url'],
    memoryLimitMb: Number(values['memory-limit-mb']),
    threads: Number(values.threads),
    loadMemoryLimitMb: Number(values['memory-limit-mb']) * 4,
    clock,
    logger,
  });
  // Migrations first, then the load with the warehouse closed, then the warehouse as the app opens it.
  await (await fresh.open()).close();
  const started = performance.now();
  await fresh.load(loadStatements(TODAY - days * DAY_SECONDS), {
    // The derived tables' statistics too, as autovacuum would have them after a sync: without them
    // PostgreSQL planned the spend rows' aggregate for 5,000 rows (575,000 read) and ran it serially.
    postgres: [
      'VACUUM ANALYZE usage_user_daily',
      'VACUUM ANALYZE usage_user_client_daily',
      ...derivedTableNames.map((table) => `ANALYZE ${table}`),
    ],
  });
  const warehouse = await fresh.open();
  try {
    await warehouse.teams.replaceSnapshot({
      identities: [],
      teams: Array.from({ length: groups }, (_, g) => ({
        id: `S${g}`,
        name: `@team-${g}`,
        origin: 'usergroup',
        seats: false,
      })),
      memberships: memberships(),
    });
    const rows = (await warehouse.counts()).userUsage;
    const loadSeconds = (performance.now() - started) / 1000;
    console.log(`${engine}: ${rows} rows and the teams in ${loadSeconds.toFixed(0)} s, load ${load()}`);

    const sql = await time(() => warehouse.teams.teamFiguresPair(PREVIOUS_90D, WINDOW_90D, pricing), runs);
    const old = await time(() => oldPath(warehouse), oldRuns);
    await warehouse.teams.recordRefresh({
      id: 'bench',
      startedAt: NOW,
      finishedAt: NOW,
      status: 'ok',
      slackUsers: users,
      codexUsers: users,
      matched: users,
      unmatched: 0,
      codexWithoutEmail: 0,
      teams: groups,
      memberships: 0,
      requests: 0,
      detail: null,
    });
    const counted = countingCalls(warehouse);
    const teamAnalytics = createTeamAnalytics({ warehouse: counted.warehouse, clock, pricing });
    let reportChars = 0;
    const answer = await time(async () => {
      const reply = await teamAnalytics.teamFigures(WINDOW_90D);
      const message = buildTeamsReport({
        ...reply,
        freshness: { ...computeFreshness(WINDOW_90D, NOW), stored: reply.stored },
        isAdmin: false,
      });
      reportChars = JSON.stringify(message.blocks).length;
    }, runs);
    const result: EngineResult = {
      engine,
      rows,
      loadSeconds,
      sql: sql.timing,
      old: old.timing,
      same:
        sameFigures(sql.last.current, old.last.current) && sameFigures(sql.last.previous, old.last.previous),
      answer: answer.timing,
      answerCalls: counted.calls() / (runs + 1),
      reportChars,
      adoption: sql.last.current.workspace.adoptionRate ?? 0,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    console.log(
      `${engine}: figures SQL p50 ${result.sql.p50.toFixed(0)} ms, old ${result.old.p50.toFixed(0)} ms, answer p50 ${result.answer.p50.toFixed(0)} ms, load ${load()}`,
    );
    console.log(`RESULT ${JSON.stringify(result)}`);
  } finally {
    await warehouse.close();
    await fresh.tearDown();
  }
}

/**
 * Every person in one group, one in ten in a second; one in twenty matched to no Codex user, and of
 * those one in five with no email on their Slack profile (neither never started nor active).
 */
function memberships(): TeamMembership[] {
  const list: TeamMembership[] = [];
  for (let u = 0; u < users; u += 1) {
    const member = (g: number): TeamMembership => ({
      teamId: `S${g}`,
      memberKey: `U${u}`,
      slackUserId: `U${u}`,
      email: u % 100 === 99 ? null : `person-${u}@example.com`,
      codexUserId: u % 20 === 19 ? null : `user-${u}`,
      manager: null,
      costCentre: null,
    });
    list.push(member(u % groups));
    if (u % 10 === 0) list.push(member(((u % groups) + 1) % groups));
  }
  return list;
}

/** `/codex teams` before teamFiguresPair: each user's activity, teams and memberships joined in TS. */
async function oldPath(warehouse: Warehouse) {
  const [teams, members, activity] = await Promise.all([
    warehouse.teams.teams(),
    warehouse.teams.memberships(),
    warehouse.teams.userActivityPair(PREVIOUS_90D, WINDOW_90D),
  ]);
  return {
    // No spend: this path predates USD and top surface, so sameFigures compares the adoption figures.
    current: computeTeamFigures({
      activity: activity.current,
      spend: [],
      teams,
      members,
      window: WINDOW_90D,
    }),
    previous: computeTeamFigures({
      activity: activity.previous,
      spend: [],
      teams,
      members,
      window: PREVIOUS_90D,
    }),
  };
}

/** Equal adoption figures (credits to 1e-9: the engines add them in another order; USD and top surface aside). */
function sameFigures(a: TeamFiguresResult, b: TeamFiguresResult): boolean {
  const credits = (r: TeamFiguresResult) => [
    ...r.teams.map((t) => t.credits),
    r.workspace.credits,
    r.otherTeams.credits,
    r.largeTeams.credits,
  ];
  const [ca, cb] = [credits(a), credits(b)];
  const close =
    ca.length === cb.length &&
    ca.every((x, i) => Math.abs(x - (cb[i] ?? Number.NaN)) <= 1e-9 * Math.max(1, x));
  const strip = (r: TeamFiguresResult) =>
    JSON.stringify(r, (key, value) =>
      key === 'credits' || key === 'usd' || key === 'topSurface' ? undefined : value,
    );
  return close && strip(a) === strip(b);
}

/** The warehouse with its teams part and freshness counting their calls (a call is one SQL statement or a few). */
function countingCalls(warehouse: Warehouse): { warehouse: Warehouse; calls: () => number } {
  let calls = 0;
  const counting = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, key, receiver) {
        const value = Reflect.get(object, key, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls += 1;
          return value.apply(object, args);
        };
      },
    });
  const teams = counting(warehouse.teams);
  const freshness = () => {
    calls += 1;
    return warehouse.freshness();
  };
  return { warehouse: { ...warehouse, teams, freshness }, calls: () => calls };
}

/** `count` timed calls after one warm-up (connections, plans, first-touch pages). */
async function time<T>(fn: () => Promise<T>, count: number): Promise<{ timing: Timing; last: T }> {
  let last = await fn();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const began = performance.now();
    last = await fn();
    samples.push(performance.now() - began);
  }
  return { timing: { p50: percentile(samples, 50), p95: percentile(samples, 95) }, last };
}

/** INSERT … SELECT statements writing the history, 30 days a statement, in SQL both engines run. */
function loadStatements(firstDay: number): EngineStatement[] {
  const statements: EngineStatement[] = [];
  const share = Math.round(activeShare * 1000);
  for (let from = 0; from < days; from += 30) {
    const to = Math.min(days, from + 30) - 1;
    statements.push(`INSERT INTO usage_user_daily
      SELECT ${firstDay} + d.i * ${DAY_SECONDS}, ${firstDay} + (d.i + 1) * ${DAY_SECONDS}, 'user-' || u.j, NULL,
        TRUE, 1, 1, 4, 2.5, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, repeat('x', 600)
      FROM generate_series(${from}, ${to}) AS d(i) CROSS JOIN generate_series(0, ${users - 1}) AS u(j)
      WHERE u.j % 5 <> 4 AND (u.j * 7919 + d.i * 104729 + u.j * d.i * 31) % 1000 < ${share}`);
  }
  // Each row's credits on one client (one of BENCH_CLIENTS by user), as the sync writes clients[] items.
  const index = `CAST(SUBSTR(d.user_id, 6) AS INTEGER) % ${BENCH_CLIENTS.length}`;
  const clients = BENCH_CLIENTS.map((id, i) => `WHEN ${index} = ${i} THEN '${id}'`);
  statements.push(`INSERT INTO usage_user_client_daily
    SELECT d.start_time, d.user_id, CASE ${clients.join(' ')} END, d.threads, d.turns, d.credits, d.cost_usd,
      d.estimated_cost_usd, NULL, NULL, NULL, NULL
    FROM usage_user_daily d`);
  // The derived tables, as the sync would have written them beside the rows: the team figures map the
  // client keys there to surfaces, and read the spend rows and first active days built from them.
  statements.push(...bulkRebuildDerivedTables());
  return statements;
}

// Last: the functions above use module constants declared after them.
if (values.role === 'engine') await engineRole(values.engine);
else await orchestrate();
