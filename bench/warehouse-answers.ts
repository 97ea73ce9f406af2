/**
 * Answers from the usage warehouse (issue 11, part 7): from a warehouse of N users × D days (default
 * 20,000 × 365, synthetic rows written straight into the warehouse, no API), `top 90d` (ranking by
 * credits, top 10) and `me 90d` (personal) p50/p95 on DuckDB and PostgreSQL side by side, each beside
 * the path before SQL: the window's rows read from the same warehouse, JSON-parsed into the columnar
 * store, then the pure figure functions.
 *
 * One child process per engine (`--role engine`), so neither shares a heap, an RSS figure or a warm
 * cache with the other; the orchestrator prints the table and a JSON line. PostgreSQL runs in a fresh
 * schema (dropped afterwards) at --database-url, default the local test database; skipped with a note
 * when it is not reachable. PostgreSQL is VACUUM ANALYZEd after the load, as autovacuum would have.
 *
 * Run: node bin/run-ts.js bench/warehouse-answers.ts [--users 20000] [--days 365] [--runs 15]
 *      [--old-runs 3] [--database-url postgres://…] [--engines embedded,postgres] [--threads 2]
 *      [--memory-limit-mb 128]
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createWorkspaceAnalytics } from '../src/analytics/create-workspace-analytics.js';
import { warehouseWindowRows } from '../src/analytics/warehouse-window-rows.js';
import type { WorkspaceAnalytics } from '../src/analytics/workspace-analytics.js';
import { createManualClock } from '../src/clock.js';
import type { UsageRow } from '../src/codex/schemas.js';
import { createSurfaceMapper } from '../src/codex/surface-mapper.js';
import { createLogger } from '../src/logger.js';
import type { SyncJob } from '../src/sync/create-sync-job.js';
import { openWarehouse } from '../src/warehouse/open-warehouse.js';
import type { Warehouse } from '../src/warehouse/warehouse.js';
import { percentile } from './lib/percentile.js';
import { rerunArgs } from './lib/rerun.js';

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'orchestrator' },
    engine: { type: 'string', default: 'embedded' },
    engines: { type: 'string', default: 'embedded,postgres' },
    users: { type: 'string', default: '20000' },
    days: { type: 'string', default: '365' },
    runs: { type: 'string', default: '15' },
    'old-runs': { type: 'string', default: '3' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    'memory-limit-mb': { type: 'string', default: '128' },
    threads: { type: 'string', default: '2' },
  },
});
// A fixed "now" (10:00 UTC: today is a partial day) keeps the data, and so the figures, stable.
const NOW = new Date('2026-11-24T10:00:00Z');
const DAY = 86_400;
const TODAY = Math.floor(NOW.getTime() / 1000 / DAY) * DAY;
/** `90d`: the last 90 complete days, ending at 00:00 today (commands/args/parse-range.ts). */
const WINDOW_90D = { start: TODAY - 90 * DAY, end: TODAY };
const users = Number(values.users);
const days = Number(values.days);
const runs = Number(values.runs);
const oldRuns = Number(values['old-runs']);
const logger = createLogger({ level: 'warn' });
const surfaceOf = createSurfaceMapper();

interface Timing {
  p50: number;
  p95: number;
  runs: number;
}
interface EngineResult {
  engine: string;
  rows: number;
  ingestSeconds: number;
  top: { sql: Timing; old: Timing; same: boolean };
  me: { sql: Timing; old: Timing; same: boolean };
  peakRssMb: number;
}

async function orchestrate(): Promise<void> {
  console.log(
    `warehouse answers: ${users} users × ${days} days, ${runs} runs (old path ${oldRuns}), load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
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
    '\n| engine | rows | ingest | top 90d SQL p50/p95 ms | old path | me 90d SQL p50/p95 ms | old path | peak RSS |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.engine} | ${r.rows} | ${r.ingestSeconds.toFixed(0)} s | ${ms(r.top.sql)} | ${ms(r.top.old)} | ${ms(r.me.sql)} | ${ms(r.me.old)} | ${r.peakRssMb} MB |`,
    );
  }
  const embedded = results.find((r) => r.engine === 'embedded');
  const postgres = results.find((r) => r.engine === 'postgres');
  if (embedded !== undefined && postgres !== undefined) {
    console.log(
      `postgres / embedded p50: top ${(postgres.top.sql.p50 / embedded.top.sql.p50).toFixed(2)}×, me ${(postgres.me.sql.p50 / embedded.me.sql.p50).toFixed(2)}×`,
    );
  }
  console.log(JSON.stringify({ bench: 'warehouse-answers', users, days, results }));
  if (results.some((r) => !r.top.same || !r.me.same)) {
    console.error('SQL answers differ from the old path');
    process.exitCode = 1;
  }
}

async function engineRole(engine: string): Promise<void> {
  const clock = createManualClock(NOW);
  const { warehouse, tearDown } = await freshWarehouse(engine, clock);
  try {
    const started = performance.now();
    let rows = 0;
    const firstDay = TODAY - (days - 1) * DAY;
    for (let day = firstDay; day <= TODAY; day += DAY) {
      rows += await warehouse.replaceUserUsage({ start: day, end: day + DAY }, syntheticDay(day));
    }
    // The answers' readiness reads the newest successful sync: one that pulled through today.
    await warehouse.startSyncRun({
      id: 'bench',
      kind: 'backfill',
      startedAt: NOW,
      window: { start: firstDay, end: TODAY + DAY },
    });
    await warehouse.finishSyncRun('bench', { finishedAt: NOW, requests: 0, rows, outcome: 'ok' });
    if (engine === 'postgres') await vacuum();
    const ingestSeconds = (performance.now() - started) / 1000;
    console.log(`${engine}: ${rows} rows in ${ingestSeconds.toFixed(0)} s`);

    const sql = analyticsOver(warehouse, clock, true);
    const old = analyticsOver(warehouse, clock, false);
    const email = 'first.last11@example.com';
    const top = (a: WorkspaceAnalytics) =>
      a.ranking(WINDOW_90D, { sortBy: 'credits', surface: null, topN: 10 });
    const me = (a: WorkspaceAnalytics) => a.personal(WINDOW_90D, email);
    const topSql = await time(() => top(sql), runs);
    const meSql = await time(() => me(sql), runs);
    const topOld = await time(() => top(old), oldRuns);
    const meOld = await time(() => me(old), oldRuns);
    const result: EngineResult = {
      engine,
      rows,
      ingestSeconds,
      top: { sql: topSql.timing, old: topOld.timing, same: sameRanking(topSql.last, topOld.last) },
      me: { sql: meSql.timing, old: meOld.timing, same: samePersonal(meSql.last, meOld.last) },
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    console.log(`RESULT ${JSON.stringify(result)}`);
  } finally {
    await warehouse.close();
    await tearDown();
  }
}

type Ranking = Awaited<ReturnType<WorkspaceAnalytics['ranking']>>;
type Personal = Awaited<ReturnType<WorkspaceAnalytics['personal']>>;

/** Same users in the same order with the same numbers (to 1e-9: sums in another order). */
function sameRanking(a: Ranking, b: Ranking): boolean {
  const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
  return (
    a.ranking.totalUsers === b.ranking.totalUsers &&
    close(a.ranking.totalCredits, b.ranking.totalCredits) &&
    a.ranking.users.length === b.ranking.users.length &&
    a.ranking.users.every((user, i) => {
      const other = b.ranking.users[i];
      return other !== undefined && user.label === other.label && close(user.credits, other.credits);
    })
  );
}

function samePersonal(a: Personal, b: Personal): boolean {
  if (a === null || b === null) return a === b;
  return a.rank === b.rank && a.totalUsers === b.totalUsers && a.user.label === b.user.label;
}

async function time<T>(fn: () => Promise<T>, count: number): Promise<{ timing: Timing; last: T }> {
  let last = await fn(); // warm-up: connections, prepared plans, first-touch pages
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    last = await fn();
    samples.push(performance.now() - started);
  }
  return { timing: { p50: percentile(samples, 50), p95: percentile(samples, 95), runs: count }, last };
}

/** The analytics as src/main.ts wires them, with (`sql`) or without the warehouse's per-user SQL. */
function analyticsOver(
  warehouse: Warehouse,
  clock: ReturnType<typeof createManualClock>,
  sql: boolean,
): WorkspaceAnalytics {
  // The warehouse holds every day asked about: an answer never tops up, so the job is never run.
  const job: SyncJob = {
    run: () => Promise.reject(new Error('bench: no top-up expected')),
    runIfDue: () => Promise.reject(new Error('bench: no top-up expected')),
  };
  const rows = warehouseWindowRows({
    warehouse,
    sync: job,
    clock,
    logger,
    retryAfterMs: 60_000,
    stopSignal: new AbortController().signal,
  });
  return createWorkspaceAnalytics({
    rows,
    clock,
    logger,
    surfaceOf,
    // Every answer is computed: the cache would only measure a Map lookup.
    cacheTtlMs: 0,
    workspaceId: 'bench',
    ...(sql ? { userFigures: warehouse.userFigures } : {}),
  });
}

/** A seeded 32-bit hash in [0, 1): the same rows on every run and both engines. */
function unit(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ part, 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
  }
  return (h >>> 0) / 2 ** 32;
}

const clients = ['CODEX_CLI', 'CODEX_IDE_VSCODE', 'CODEX_CLOUD_TASK', 'CODEX_DESKTOP_APP'];

/** One day of per-user rows: ~56% of user-days hold a row (the 4.1M of 7.3M), one client each. */
function syntheticDay(day: number): UsageRow[] {
  const rows: UsageRow[] = [];
  const dayIndex = day / DAY;
  for (let u = 0; u < users; u++) {
    const habit = 0.2 + 0.72 * unit(u, 1);
    if (unit(u, dayIndex, 2) >= habit) continue;
    const credits = Math.round(unit(u, dayIndex, 3) * 4000) / 100;
    const turns = 1 + Math.floor(unit(u, dayIndex, 4) * 40);
    const tokens = turns * 3000;
    const metrics = {
      threads: 1 + (turns % 5),
      turns,
      credits,
      cost_usd: null,
      estimated_cost_usd: Math.round(credits * 4) / 100,
      uncached_text_input_tokens: tokens * 0.3,
      cached_text_input_tokens: tokens * 0.6,
      text_output_tokens: tokens * 0.1,
      text_total_tokens: tokens,
    };
    const userId = `user-${u.toString(36).padStart(6, '0')}`;
    const email = unit(u, 5) < 0.15 ? null : `first.last${u}@example.com`;
    rows.push({
      start_time: day,
      end_time: day + DAY,
      user_id: userId,
      actor: { type: 'ACCOUNT_USER', user_id: userId, email },
      email,
      totals: metrics,
      clients: [{ client_id: clients[Math.floor(unit(u, 6) * clients.length)] ?? null, ...metrics }],
      models: [{ model: 'gpt-5-codex', speed: null, ...metrics }],
      code_attribution: null,
    });
  }
  return rows;
}

async function freshWarehouse(
  engine: string,
  clock: ReturnType<typeof createManualClock>,
): Promise<{ warehouse: Warehouse; tearDown: () => Promise<void> }> {
  const sizing = { memoryLimitMb: Number(values['memory-limit-mb']), threads: Number(values.threads) };
  if (engine === 'embedded') {
    const dir = await mkdtemp(join(tmpdir(), 'bench-warehouse-answers-'));
    const warehouse = await openWarehouse({ dataDir: dir, ...sizing }, { clock, logger });
    return { warehouse, tearDown: () => rm(dir, { recursive: true, force: true }) };
  }
  schema = `bench_answers_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE SCHEMA ${schema}`));
  const url = new URL(values['database-url']);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const warehouse = await openWarehouse(
    { dataDir: '/nonexistent-unused', databaseUrl: url.toString(), ...sizing },
    { clock, logger },
  );
  return {
    warehouse,
    tearDown: () => admin((client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).then(() => {}),
  };
}

let schema = '';

async function vacuum(): Promise<void> {
  await admin(async (client) => {
    for (const table of ['usage_user_daily', 'usage_user_client_daily']) {
      await client.query(`VACUUM ANALYZE ${schema}.${table}`);
    }
  });
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: values['database-url'] });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function postgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

// Last: the functions above use module constants declared after them.
if (values.role === 'engine') await engineRole(values.engine);
else await orchestrate();
