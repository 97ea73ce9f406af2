/**
 * The warehouse on PostgreSQL (DATABASE_URL): one warehouse shared by every replica. Bulk rows go in as
 * one `INSERT … SELECT FROM unnest($1::bigint[], …)` per batch — a single statement with a parameter
 * per column, whatever the row count. The sync lock is a session advisory lock held on its own
 * connection for the whole run, so PostgreSQL releases it if the holder dies mid-sync.
 */
import pg from 'pg';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { CodexPulseError } from '../errors.js';
import type { Logger } from '../logger.js';
import { inPgTransaction } from '../store/pg-transaction.js';
import { runMigrations } from '../store/run-migrations.js';
import { createSqlWarehouse } from './create-sql-warehouse.js';
import type { Warehouse } from './warehouse.js';
import { warehouseLedger, warehouseMigrations } from './warehouse-migrations.js';
import type { ColumnType, SqlParam, SqlRow, WarehouseSql, WarehouseTx } from './warehouse-sql.js';

export interface PostgresWarehouseOptions {
  /** Never logged: it may carry a password. */
  databaseUrl: string;
  logger: Logger;
  clock: Clock;
}

/**
 * First half of the two-key advisory lock; the second is a hash of the current schema, so warehouses in
 * different schemas of one database (tests, several workspaces) never block each other's sync.
 */
const SYNC_LOCK_CLASS = 73_142_026;
/**
 * work_mem of the warehouse's sessions (at most 5). Figures count distinct users by hashing (bucket,
 * surface, user) triples: a 90-day window of 20,000 users is ~2M of them, which PostgreSQL's default
 * 4 MB spills to disk. Set per session, so it never touches other users of the server.
 */
const FIGURES_WORK_MEM = '64MB';

/**
 * The URL with the figures' session settings added to its startup `options` (kept: e.g. a search_path):
 * work_mem (above), and no JIT — the figures' aggregates over a million rows spent ~190 ms compiling
 * expressions each (EXPLAIN ANALYZE, bench/warehouse-query-profile.ts) for nothing they ran faster by.
 */
function withSessionSettings(databaseUrl: string): string {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    return databaseUrl;
  }
  const given = url.searchParams.get('options');
  url.searchParams.set(
    'options',
    `${given === null ? '' : `${given} `}-c work_mem=${FIGURES_WORK_MEM} -c jit=off`,
  );
  return url.toString();
}
/** Rows per unnest statement: bounds one statement's parameter arrays to a few MB. */
const INSERT_BATCH_ROWS = 10_000;

const arrayType: Record<ColumnType, string> = {
  bigint: 'bigint[]',
  double: 'double precision[]',
  text: 'text[]',
  boolean: 'boolean[]',
};

const lockRow = z.object({ acquired: z.boolean() });

function failed(
  error: unknown,
  what: string,
  code: 'store_query_failed' | 'store_unavailable' = 'store_query_failed',
): Error {
  if (error instanceof CodexPulseError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new CodexPulseError(code, `Warehouse ${what} failed: ${detail}`, { cause: error });
}

interface PgRunner {
  query(sql: string, params?: unknown[]): Promise<{ rows: SqlRow[] }>;
}

function runnerTx(runner: PgRunner): WarehouseTx {
  const query = async (sql: string, params: readonly SqlParam[] = []) => {
    try {
      return (await runner.query(sql, [...params])).rows;
    } catch (error) {
      throw failed(error, 'query');
    }
  };
  return {
    query,
    async insert(table, rows) {
      const names = table.columns.map((c) => c.name).join(', ');
      const arrays = table.columns.map((c, i) => `$${i + 1}::${arrayType[c.type]}`).join(', ');
      const statement = `INSERT INTO ${table.name} (${names}) SELECT * FROM unnest(${arrays})`;
      for (let from = 0; from < rows.length; from += INSERT_BATCH_ROWS) {
        const batch = rows.slice(from, from + INSERT_BATCH_ROWS);
        const columns = table.columns.map((_, i) => batch.map((row) => row[i] ?? null));
        await query(statement, columns as unknown as SqlParam[]);
      }
    },
  };
}

/** Connects, checks the server answers, and applies pending migrations. */
export async function createPostgresWarehouse(options: PostgresWarehouseOptions): Promise<Warehouse> {
  const pool = new pg.Pool({ connectionString: withSessionSettings(options.databaseUrl), max: 5 });
  // An idle client losing its connection emits 'error' on the pool; unhandled, that kills the process.
  pool.on('error', (error) => options.logger.warn('warehouse: idle PostgreSQL connection failed', error));
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw failed(error, 'connection to PostgreSQL', 'store_unavailable');
  }
  const connect = () =>
    pool.connect().catch((error: unknown) => {
      throw failed(error, 'connection to PostgreSQL', 'store_unavailable');
    });

  const sql: WarehouseSql = {
    kind: 'postgres',
    query: (statement, params) => runnerTx(pool).query(statement, params),
    async transaction(fn) {
      const client = await connect();
      return inPgTransaction(
        client,
        () => fn(runnerTx(client)),
        (error) => failed(error, 'transaction'),
      );
    },
    async withSyncLock(fn) {
      const client = await connect();
      const key = 'pg_try_advisory_lock($1, hashtext(current_schema()))';
      let broken: Error | undefined;
      try {
        const [row] = await runnerTx(client).query(`SELECT ${key} AS acquired`, [SYNC_LOCK_CLASS]);
        if (!lockRow.parse(row).acquired) return { acquired: false };
        try {
          return { acquired: true, value: await fn() };
        } finally {
          await client
            .query('SELECT pg_advisory_unlock($1, hashtext(current_schema()))', [SYNC_LOCK_CLASS])
            .catch((error: unknown) => {
              // Destroying the connection ends the session, which releases the lock server-side.
              broken = error instanceof Error ? error : new Error(String(error));
            });
        }
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
  try {
    await runMigrations(sql, warehouseMigrations, warehouseLedger, {
      logger: options.logger,
      now: () => options.clock.now(),
    });
  } catch (error) {
    await pool.end();
    throw error;
  }
  options.logger.info('warehouse: opened', {
    warehouse: 'postgres',
    schemaVersion: warehouseMigrations.length,
  });
  return createSqlWarehouse(sql);
}
