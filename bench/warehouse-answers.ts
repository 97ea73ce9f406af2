/**
 * Answers from the usage warehouse (issue 11, part 7): from a warehouse of N users × D days (default
 * 20,000 × 365, synthetic rows written straight into its tables by INSERT … SELECT, no API), `top 90d` (ranking by
 * credits, top 10) and `me 90d` (personal) p50/p95 on DuckDB and PostgreSQL side by side, each beside
 * the path before SQL: the window's rows read from the same warehouse, JSON-parsed into the columnar
 * store, then the pure figure functions.
 *
 * One child process per engine (`--role engine`), so neither shares a heap, an RSS figure or a warm
 * cache with the other; the orchestrator prints the table and a JSON line. PostgreSQL runs in a fresh
 * schema (dropped afterwards) at --database-url, default the local test database; skipped with a note
 * when it is not reachable. PostgreSQL is VACUUM ANALYZEd after the load, as autovacuum would have.
 * The ingest figure is that bulk load, not a sync (bench/warehouse-sync.ts measures syncs).
 *
 * Run: node bin/run-ts.js bench/warehouse-answers.ts [--users 20000] [--days 365] [--runs 15]
 *      [--old-runs 2] [--database-url postgres://…] [--engines embedded,postgres] [--threads 2]
 *      [--memory-limit-mb 128]
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createWorkspaceAnalytics } from '../src/analytics/create-workspace-analytics.js';
import { warehouseWindowRows } from '../src/analytics/warehouse-window-rows.js';
import type { WorkspaceAnalytics } from '../src/analytics/workspace-analytics.js';
import { createManualClock } from '../src/clock.js';
import { createSurfaceMapper } from '../src/codex/surface-mapper.js';
import { createLogger } from '../src/logger.js';
import type { SyncJob } from '../src/sync/create-sync-job.js';
import { bulkRebuildDerivedTables, derivedTableNames } from '../src/warehouse/derived-tables.js';
import type { Warehouse } from '../src/warehouse/warehouse.js';
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
    days: { type: 'string', default: '365' },
    runs: { type: 'string', default: '15' },
    'old-runs': { type: 'string', default: '2' },
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
    console.log(`RESULT ${JSON.stringify(result)}`);
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
  const fresh = await freshWarehouse({
    name: 'warehouse-answers',
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
  const firstDay = TODAY - (days - 1) * DAY;
  // The derived tables, as the sync would have written them beside the rows.
  await fresh.load([...loadStatements(firstDay), ...bulkRebuildDerivedTables()], {
    // As autovacuum would have by the time anyone asks: statistics and the visibility map.
    postgres: ['usage_user_daily', 'usage_user_client_daily', ...derivedTableNames].map(
      (table) => `VACUUM ANALYZE ${table}`,
    ),
  });
  const warehouse = await fresh.open();
  try {
    const rows = (await warehouse.counts()).userUsage;
    // The answers' readiness reads the newest successful sync: one that pulled through today.
    await warehouse.startSyncRun({
      id: 'bench',
      kind: 'backfill',
      startedAt: NOW,
      window: { start: firstDay, end: TODAY + DAY },
    });
    await warehouse.finishSyncRun('bench', { finishedAt: NOW, requests: 0, rows, outcome: 'ok' });
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
    // Seconds a call at full size: its warm-up would only re-read the same rows.
    // --old-runs 0 skips the path before SQL (minutes a call at full size): its columns then repeat SQL's.
    const topOld = oldRuns > 0 ? await time(() => top(old), oldRuns, false) : topSql;
    const meOld = oldRuns > 0 ? await time(() => me(old), oldRuns, false) : meSql;
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
    await fresh.tearDown();
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

/** `count` timed calls after one warm-up (connections, plans, first-touch pages) unless `warm` is false. */
async function time<T>(
  fn: () => Promise<T>,
  count: number,
  warm = true,
): Promise<{ timing: Timing; last: T }> {
  let last = warm ? await fn() : undefined;
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    last = await fn();
    samples.push(performance.now() - started);
  }
  if (last === undefined) throw new Error('bench: nothing timed');
  return { timing: { p50: percentile(samples, 50), p95: percentile(samples, 95), runs: count }, last };
}

/** The analytics as src/main/compose.ts wires them, with (`sql`) or without the warehouse's per-user SQL. */
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

/**
 * INSERT … SELECT statements writing `days` days of `users` users from `firstDay`, 30 days a statement,
 * in SQL both engines run (generate_series, CASE, ||): ~56% of user-days hold a row (the 4.1M of
 * 7.3M), one client each, ~14% of users without an email. `raw` is the row's JSON as the sync would store
 * it, so the old path parses the same rows the typed columns hold.
 */
function loadStatements(firstDay: number): string[] {
  const statements: string[] = [];
  const metrics = (t: string) =>
    `'"threads":' || ${t}.threads || ',"turns":' || ${t}.turns || ',"credits":' || CAST(${t}.credits AS VARCHAR)
     || ',"cost_usd":null,"estimated_cost_usd":null,"uncached_text_input_tokens":' || ${t}.uncached_text_input_tokens
     || ',"cached_text_input_tokens":' || ${t}.cached_text_input_tokens || ',"text_output_tokens":' || ${t}.text_output_tokens
     || ',"text_total_tokens":' || ${t}.text_total_tokens`;
  for (let from = 0; from < days; from += 30) {
    const to = Math.min(days, from + 30) - 1;
    statements.push(`INSERT INTO usage_user_daily
      SELECT g.start_time, g.start_time + ${DAY}, g.user_id, g.email, TRUE, 1, g.threads, g.turns, g.credits, NULL,
        NULL, g.uncached_text_input_tokens, g.cached_text_input_tokens, g.text_output_tokens, g.text_total_tokens,
        NULL, NULL,
        '{"start_time":' || g.start_time || ',"end_time":' || (g.start_time + ${DAY}) || ',"user_id":"' || g.user_id
        || '","actor":{"type":"ACCOUNT_USER","user_id":"' || g.user_id || '","email":' || g.email_json || '},"email":'
        || g.email_json || ',"totals":{' || ${metrics('g')} || '},"clients":[{"client_id":"' || g.client_id || '",'
        || ${metrics('g')} || '}],"models":[],"code_attribution":null}'
      FROM (
        SELECT ${firstDay} + d.i * ${DAY} AS start_time, 'user-' || u.j AS user_id,
          CASE WHEN u.j % 7 = 3 THEN NULL ELSE 'first.last' || u.j || '@example.com' END AS email,
          CASE WHEN u.j % 7 = 3 THEN 'null' ELSE '"first.last' || u.j || '@example.com"' END AS email_json,
          1 + (u.j + d.i) % 5 AS threads, 1 + (u.j * 3 + d.i * 7) % 40 AS turns,
          CAST((u.j * 13 + d.i * 29) % 4000 AS DOUBLE PRECISION) / 100 AS credits,
          900 * (1 + (u.j * 3 + d.i * 7) % 40) AS uncached_text_input_tokens,
          1800 * (1 + (u.j * 3 + d.i * 7) % 40) AS cached_text_input_tokens,
          300 * (1 + (u.j * 3 + d.i * 7) % 40) AS text_output_tokens,
          3000 * (1 + (u.j * 3 + d.i * 7) % 40) AS text_total_tokens,
          CASE u.j % 4 WHEN 0 THEN 'CODEX_CLI' WHEN 1 THEN 'CODEX_IDE_VSCODE' WHEN 2 THEN 'CODEX_CLOUD_TASK'
            ELSE 'CODEX_DESKTOP_APP' END AS client_id
        FROM generate_series(${from}, ${to}) AS d(i) CROSS JOIN generate_series(0, ${users - 1}) AS u(j)
        WHERE (u.j * 7919 + d.i * 104729) % 100 < 20 + (u.j * 37) % 72
      ) AS g`);
  }
  statements.push(`INSERT INTO usage_user_client_daily
    SELECT start_time, user_id,
      CAST(regexp_replace(raw, '.*"client_id":"([A-Z_]+)".*', '\\1') AS VARCHAR),
      threads, turns, credits, cost_usd, estimated_cost_usd, uncached_text_input_tokens,
      cached_text_input_tokens, text_output_tokens, text_total_tokens
    FROM usage_user_daily`);
  return statements;
}

// Last: the functions above use module constants declared after them.
if (values.role === 'engine') await engineRole(values.engine);
else await orchestrate();
