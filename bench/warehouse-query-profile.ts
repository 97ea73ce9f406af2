/**
 * Which query of an answer is slow: builds the synthetic warehouse of bench/warehouse-figures.ts once
 * (kept in --dir for DuckDB, in schema --schema for PostgreSQL, so repeated runs skip the load), then
 * times every statement an answer runs — usage 90d by week/day, 12m by month, the ranking — and prints
 * each one's EXPLAIN ANALYZE with --explain. A developer's tool for issue 11 §7; `--drop` removes the data.
 *
 * Run: node bin/run-ts.js bench/warehouse-query-profile.ts --engine embedded|postgres [--runs 3]
 *      [--explain] [--only usage-90d-week] [--dir /tmp/warehouse-query-profile] [--schema query_profile]
 */
import { mkdir, rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { parseRange } from '../commands/args/parse-range.js';
import { warehouseDigestFigures } from '../src/analytics/warehouse-digest.js';
import { createManualClock } from '../src/clock.js';
import { createSurfaceMapper } from '../src/codex/surface-mapper.js';
import { DAY_SECONDS } from '../src/domain/utc-days.js';
import type { Bucket } from '../src/figures/figure-types.js';
import { createLogger } from '../src/logger.js';
import { forEngine } from '../src/store/sql-engine.js';
import { bulkRebuildDerivedTables, derivedTableNames } from '../src/warehouse/derived-tables.js';
import { openWarehouse } from '../src/warehouse/open-warehouse.js';
import type { Warehouse } from '../src/warehouse/warehouse.js';
import type { SqlParam } from '../src/warehouse/warehouse-sql.js';
import { generatedRows } from './lib/generated-figure-rows.js';
import { type RecordedStatement, recordingWarehouse } from './lib/profiled-statements.js';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'embedded' },
    users: { type: 'string', default: '20000' },
    days: { type: 'string', default: '365' },
    runs: { type: 'string', default: '3' },
    explain: { type: 'boolean', default: false },
    only: { type: 'string' },
    dir: { type: 'string', default: '/tmp/warehouse-query-profile' },
    schema: { type: 'string', default: 'query_profile' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    'memory-limit-mb': { type: 'string', default: '256' },
    threads: { type: 'string', default: '2' },
    drop: { type: 'boolean', default: false },
  },
});
const NOW = new Date('2026-11-24T10:00:00Z');
const today = Math.floor(NOW.getTime() / 1000 / DAY_SECONDS) * DAY_SECONDS;
const users = Number(values.users);
const days = Number(values.days);
const firstDay = today - (days - 1) * DAY_SECONDS;
const engine = values.engine === 'postgres' ? 'postgres' : 'embedded';
const dir = values.dir ?? '';
const url = new URL(values['database-url'] ?? '');
url.searchParams.set('options', `-c search_path=${values.schema}`);
const logger = createLogger({ level: 'warn' });
const clock = createManualClock(NOW);

type Run = (statement: string, params: readonly SqlParam[]) => Promise<unknown[]>;

async function withEngine(fn: (run: Run) => Promise<void>): Promise<void> {
  if (engine === 'postgres') {
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    // The warehouse's own session settings (create-postgres-warehouse.ts).
    await client.query("SET work_mem = '64MB'");
    await client.query('SET jit = off');
    try {
      await fn(async (statement, params) => (await client.query(statement, params as unknown[])).rows);
    } finally {
      await client.end();
    }
    return;
  }
  const instance = await DuckDBInstance.create(join(dir, 'warehouse', 'usage.duckdb'), {
    memory_limit: `${values['memory-limit-mb']}MB`,
    threads: String(values.threads),
  });
  const connection = await instance.connect();
  try {
    await fn(async (statement, params) => {
      const bound = params.map((p) => (typeof p === 'number' && Number.isSafeInteger(p) ? BigInt(p) : p));
      const reader = await connection.runAndReadAll(statement, bound as never);
      return reader.getRowObjectsJson();
    });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function prepare(): Promise<void> {
  if (engine === 'postgres') {
    const admin = new pg.Client({ connectionString: values['database-url'] });
    await admin.connect();
    if (values.drop) await admin.query(`DROP SCHEMA IF EXISTS ${values.schema} CASCADE`);
    await admin.query(`CREATE SCHEMA IF NOT EXISTS ${values.schema}`);
    await admin.end();
  } else {
    if (values.drop) await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
  }
  if (values.drop) return;
  const config = {
    dataDir: dir,
    ...(engine === 'postgres' ? { databaseUrl: url.toString() } : {}),
    memoryLimitMb: Number(values['memory-limit-mb']),
    threads: Number(values.threads),
  };
  const warehouse = await openWarehouse(config, { clock, logger });
  const held = (await warehouse.counts()).userUsage;
  await warehouse.close();
  if (held > 0) return;
  const started = performance.now();
  await withEngine(async (run) => {
    for (const statement of generatedRows({ users, days, firstDay, raw: 'short' })) await run(statement, []);
    for (const statement of bulkRebuildDerivedTables()) {
      const text = forEngine(statement, engine);
      if (text !== null) await run(text, []);
    }
    const tables = ['usage_user_daily', 'usage_user_client_daily', 'usage_user_model_daily'];
    if (engine === 'postgres') {
      for (const table of [...tables, ...derivedTableNames]) await run(`VACUUM ANALYZE ${table}`, []);
    } else await run('CHECKPOINT', []);
  });
  console.log(`loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const surfaceOf = createSurfaceMapper();
const WINDOW_90D = parseRange('90d', NOW);

/** Each answer as the warehouse asks it (what bench/warehouse-figures.ts and warehouse-answers.ts time). */
const answers: Record<string, (w: Warehouse) => Promise<unknown>> = {
  'usage-90d-week': (w) => w.usageFigures(usage('90d', 'week')),
  'usage-90d-day': (w) => w.usageFigures(usage('90d', 'day')),
  'usage-12m-month': (w) => w.usageFigures(usage('12m', 'month')),
  'digest-week': (w) => w.usageFigures({ ...usage('7d', 'day') }),
  digest: (w) => warehouseDigestFigures(w, { now: NOW, surfaceOf, topN: 10 }),
  'top-90d': (w) =>
    w.userFigures.userTotals(WINDOW_90D, { surface: null, surfaceOf, streakEnd: today - DAY_SECONDS }),
};

function usage(range: string, bucket: Bucket) {
  return { window: parseRange(range, NOW), bucket, surface: null, surfaceOf, now: NOW };
}

await prepare();
if (!values.drop) {
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  await withEngine(async (run) => {
    for (const [name, ask] of Object.entries(answers)) {
      if (values.only !== undefined && !name.startsWith(values.only)) continue;
      const recorded: RecordedStatement[] = [];
      const warehouse = recordingWarehouse(engine, run, recorded);
      const started = performance.now();
      await ask(warehouse);
      console.log(`${name}: ${(performance.now() - started).toFixed(0)} ms in all`);
      for (const [i, s] of recorded.entries()) {
        // In a transaction of its own when it ran with SET LOCAL settings, as the answer ran it.
        const { settings } = s;
        const withSettings = async <T>(fn: () => Promise<T>): Promise<T> => {
          if (settings.length === 0) return fn();
          await run('BEGIN', []);
          for (const setting of settings) await run(setting, []);
          const result = await fn();
          await run('COMMIT', []);
          return result;
        };
        const ms: number[] = [];
        for (let r = 0; r < Number(values.runs); r++) {
          const t = performance.now();
          await withSettings(() => run(s.sql, s.params));
          ms.push(performance.now() - t);
        }
        console.log(
          `  #${i} ${settings.length > 0 ? '(SET LOCAL) ' : ''}${s.sql.replace(/\s+/g, ' ').slice(0, 90)}: ${ms.map((m) => m.toFixed(0)).join(', ')} ms`,
        );
        if (values.explain) {
          const plan = await withSettings(() => run(`EXPLAIN ANALYZE ${s.sql}`, s.params));
          for (const row of plan) console.log(Object.values(row as object).join('\n'));
        }
      }
    }
  });
}
