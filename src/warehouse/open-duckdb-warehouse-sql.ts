/**
 * The embedded warehouse's driver: DuckDB in-process (issue 11 chose it by measurement: 10–100× faster
 * than PGlite on these aggregations, a tenth of the ingest time). One process owns the database file
 * (openWarehouse takes the data-dir lock; DuckDB also refuses a second writer), so the sync lock is an
 * in-process flag. Bulk rows go through DuckDB's appender, inside the caller's transaction. A fatal DuckDB
 * error fails the call in flight and reopens the file (src/store/duckdb-session.ts).
 */
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { CodexPulseError } from '../errors.js';
import type { Logger } from '../logger.js';
import { isDuckDbInvalidated } from '../store/duckdb-invalidated.js';
import { type DuckDbHandle, openDuckDbSession } from '../store/duckdb-session.js';
import type { SqlParam, SqlRow, TableSpec, WarehouseSql, WarehouseTx } from './warehouse-sql.js';

export interface DuckDbWarehouseOptions {
  /** The database file (created if missing), or ':memory:'. */
  path: string;
  /** DuckDB's memory_limit in MB: caps its buffer pool (the issue measured 534 MB RSS uncapped). */
  memoryLimitMb: number;
  /** DuckDB worker threads. */
  threads: number;
  logger: Logger;
}

/**
 * Above a few days' WAL of a large workspace, far below a backfill's: see the comment where it is set.
 * Rows committed since the last checkpoint stay in DuckDB's memory, inside memory_limit: with 1 GB, a
 * 20,000-user backfill at the default 64 MB limit ran out of memory after ~57 of its 91 days (the derived
 * tables' rebuild hit "failed to pin block", and DuckDB then invalidated the database). bench/warehouse-sync.ts
 * at 20,000 users: 64 MB completes the backfill at 64 MB memory_limit, as 32 MB and 128 MB did in a fill of
 * 120 days.
 */
const CHECKPOINT_THRESHOLD = '64MB';
/**
 * Rows per row group, down from DuckDB's 122,880. A checkpoint compresses whole row groups, two at a time
 * (one per thread), and the raw JSON makes a default row group ~100 MB of text: the one checkpoint at the
 * end of a 90-day backfill of 20,000 users added ~300 MB of RSS on top of the sync's own peak, past the
 * issue's first-start target of 400 MB. At 16,384 rows it adds ~60 MB and takes a third of the time
 * (bench/warehouse-sync.ts prints the backfill's peak and where it happened).
 */
const ROW_GROUP_SIZE = 16_384;
/**
 * While a sync holds the lock, every free DuckDB makes goes back to the OS. By default its allocator keeps
 * freed memory for reuse until one free passes 512 MB, and a backfill frees in small pieces (each batch's
 * appends, deletes and derived-table rebuild): a 20,000-user first start grew RSS ~190 MB past DuckDB's
 * own accounting (duckdb_memory() ~74 MB) and peaked at 476 MB, past issue 11's 400 MB. At 0 it peaked
 * at 385 MB, but the backfill took 154 s instead of 72 s (bench/serve-memory.ts, 2026-12-07, load 1–3;
 * 2 MB: 452 MB and 113 s; 16 MB: no gain). So only syncs pay: answers between syncs keep the default.
 */
const SYNC_BULK_FLUSH = '0MB';
/** The attached warehouse file's catalog name; every statement runs in it (USE). */
const CATALOG = 'warehouse';

/** Integers bind as BIGINT (times exceed INTEGER's range in 2038, token counts sooner). */
function bindable(value: SqlParam): DuckDBValue {
  return typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : value;
}

function failed(error: unknown, what: string): Error {
  if (error instanceof CodexPulseError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new CodexPulseError('store_query_failed', `Warehouse ${what} failed: ${detail}`, {
    cause: error,
  });
}

function connectionTx(connection: DuckDBConnection): WarehouseTx {
  return {
    async query(sql, params = []) {
      try {
        const reader = await connection.runAndReadAll(sql, params.map(bindable));
        return reader.getRowObjectsJson() as SqlRow[];
      } catch (error) {
        throw failed(error, 'query');
      }
    },
    async insert(table: TableSpec, rows) {
      try {
        const appender = await connection.createAppender(table.name);
        for (const row of rows) {
          table.columns.forEach((column, i) => {
            const value = row[i] ?? null;
            if (value === null) appender.appendNull();
            else if (column.type === 'text') appender.appendVarchar(String(value));
            else if (column.type === 'boolean') appender.appendBoolean(value === true);
            // The appender casts DOUBLE to the column's BIGINT: one path for every number.
            else appender.appendDouble(Number(value));
          });
          appender.endRow();
        }
        appender.closeSync();
      } catch (error) {
        throw failed(error, `insert into ${table.name}`);
      }
    },
  };
}

/** The instance with the warehouse's settings and its file attached: at open, and again after an invalidation. */
async function openInstance(options: DuckDbWarehouseOptions): Promise<DuckDbHandle> {
  let instance: DuckDBInstance | undefined;
  try {
    // The file is attached rather than opened, because only ATTACH takes a row group size (see
    // ROW_GROUP_SIZE), and that size is not kept in the file: every open must ask for it again.
    instance = await DuckDBInstance.create(':memory:', {
      memory_limit: `${options.memoryLimitMb}MB`,
      threads: String(options.threads),
      // DuckDB checkpoints whenever the WAL passes 16 MB by default, and each checkpoint rewrites the table's
      // last, still-filling row group: a 90-day backfill of 20,000 users spent most of its time there (16 s
      // vs 4 s for 140k rows). A sync also checkpoints at its end.
      checkpoint_threshold: CHECKPOINT_THRESHOLD,
      // Returns freed memory to the OS off the query's thread (see SYNC_BULK_FLUSH).
      allocator_background_threads: 'true',
      // Where buffers past memory_limit spill: beside the file, as DuckDB does for a file it opens.
      ...(options.path === ':memory:' ? {} : { temp_directory: `${options.path}.tmp` }),
    });
    const connection = await instance.connect();
    await connection.run(
      `ATTACH '${options.path.replaceAll("'", "''")}' AS ${CATALOG} (ROW_GROUP_SIZE ${ROW_GROUP_SIZE})`,
    );
    await connection.run(`USE ${CATALOG}`);
    return { instance, connection };
  } catch (error) {
    instance?.closeSync();
    throw new CodexPulseError(
      'store_unavailable',
      `Could not open the embedded warehouse: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/** Opens (or creates) the DuckDB file as the warehouse's SQL driver; migrations are the caller's. */
export async function openDuckDbWarehouseSql(options: DuckDbWarehouseOptions): Promise<WarehouseSql> {
  // One connection, one statement at a time: a transaction must never interleave with another caller.
  const session = await openDuckDbSession({
    open: () => openInstance(options),
    label: 'warehouse',
    logger: options.logger,
  });
  const run = <T>(fn: (tx: WarehouseTx) => Promise<T>): Promise<T> =>
    session.exclusive((connection) => fn(connectionTx(connection)));
  let syncing = false;

  return {
    kind: 'embedded',
    query: (statement, params) => run((tx) => tx.query(statement, params)),
    transaction: (fn) =>
      run(async (tx) => {
        await tx.query('BEGIN TRANSACTION');
        try {
          const result = await fn(tx);
          await tx.query('COMMIT');
          return result;
        } catch (error) {
          // An invalidated database has no transaction left to roll back, and ROLLBACK would fail too.
          if (!isDuckDbInvalidated(error)) await tx.query('ROLLBACK');
          throw error;
        }
      }),
    async withSyncLock(fn) {
      if (syncing) return { acquired: false };
      syncing = true;
      // A setting, not a correctness matter: a failure to set or reset it is logged, never the sync's.
      const allocator = (statement: string) =>
        run((tx) => tx.query(statement)).catch((error: unknown) =>
          options.logger.warn('warehouse: allocator setting failed', error instanceof Error ? error : {}),
        );
      await allocator(`SET allocator_bulk_deallocation_flush_threshold = '${SYNC_BULK_FLUSH}'`);
      try {
        return { acquired: true, value: await fn() };
      } finally {
        // The sync's last checkpoint (see CHECKPOINT_THRESHOLD): the WAL stays small between syncs.
        // A failed one loses nothing (the rows are in the WAL) and must not turn the sync into an error.
        await run((tx) => tx.query(`CHECKPOINT ${CATALOG}`)).catch((error: unknown) =>
          options.logger.warn('warehouse: checkpoint after sync failed', error instanceof Error ? error : {}),
        );
        await allocator('RESET allocator_bulk_deallocation_flush_threshold');
        syncing = false;
      }
    },
    close: () => session.close(),
  };
}
