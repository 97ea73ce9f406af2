import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  type DuckDBConnection,
  DuckDBInstance,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { Logger } from '../logger.js';
import { isDuckDbInvalidated } from './duckdb-invalidated.js';
import { type DuckDbHandle, type DuckDbSession, openDuckDbSession } from './duckdb-session.js';
import type { SqlExecutor, SqlQueryable, SqlRow } from './sql-executor.js';
import { storeError } from './sql-executor.js';

/**
 * The store's rows are few (subscriptions, a row per digest sent, short-lived shares): a small buffer
 * pool is plenty, and it keeps the store's share of `serve`'s memory bounded beside the warehouse's.
 * Its own DuckDB instance, not the warehouse's: measured on this machine, a second instance added 14 MB
 * of RSS and ATTACHing the file to the warehouse's instance 10 MB — too little to tie the two lifetimes
 * together (`sync` opens the warehouse alone, the playground the store alone).
 */
const STORE_MEMORY_LIMIT = '32MB';

/**
 * The embedded backend (issue 11 §4: one embedded engine, DuckDB, for the store and the warehouse):
 * a DuckDB file in-process. One process only — DuckDB lets a single process write a file, and the
 * data-dir lock says so plainly before DuckDB does.
 *
 * Transactions are serialised here: one connection, and every statement or transaction waits for the
 * one before it. DuckDB's own concurrency control is optimistic (two transactions editing one row: the
 * second fails with a conflict), so a queue is what gives the claim, recordPart and take statements the
 * one-at-a-time semantics PostgreSQL gives them with row locks — and why `FOR UPDATE`, which DuckDB
 * does not parse, is not needed on this engine.
 */
export async function createDuckDbExecutor(path: string, deps: { logger: Logger }): Promise<SqlExecutor> {
  await mkdir(dirname(path), { recursive: true });
  const open = async (): Promise<DuckDbHandle> => {
    const instance = await DuckDBInstance.create(path, { memory_limit: STORE_MEMORY_LIMIT, threads: '1' });
    try {
      return { instance, connection: await instance.connect() };
    } catch (error) {
      instance.closeSync();
      throw error;
    }
  };
  let session: DuckDbSession;
  try {
    // A fatal DuckDB error fails the call in flight and reopens the file: see duckdb-session.ts.
    session = await openDuckDbSession({ open, label: 'store', logger: deps.logger });
  } catch (error) {
    throw storeError(error, `open of the embedded database ${path}`, 'store_unavailable');
  }
  const run = <T>(fn: (direct: SqlQueryable) => Promise<T>): Promise<T> =>
    session.exclusive((connection) => fn(queryable(connection)));
  return {
    kind: 'embedded',
    query: (sql, params) => run((direct) => direct.query(sql, params)),
    transaction: (fn) =>
      run(async (direct) => {
        await direct.query('BEGIN TRANSACTION');
        let result: Awaited<ReturnType<typeof fn>>;
        try {
          result = await fn(direct);
        } catch (error) {
          // An invalidated database has no transaction left to roll back (the session reopens it).
          if (!isDuckDbInvalidated(error)) await direct.query('ROLLBACK').catch(() => undefined);
          throw storeError(error, 'transaction');
        }
        await direct.query('COMMIT');
        return result;
      }),
    // Closing the instance checkpoints the WAL into the file.
    close: () => session.close(),
  };
}

function queryable(connection: DuckDBConnection): SqlQueryable {
  return {
    query: async (sql, params = []) => {
      try {
        const reader = await connection.runAndReadAll(sql, params.map(bindable));
        return reader.getRowObjects().map(fromDuckDb);
      } catch (error) {
        throw storeError(error, 'query');
      }
    },
  };
}

/**
 * Parameters as the repositories pass them to either driver: Dates become TIMESTAMPTZ, integers BIGINT
 * (a JS number would bind as DOUBLE), the rest as they are.
 */
function bindable(value: unknown): DuckDBValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return new DuckDBTimestampTZValue(BigInt(value.getTime()) * 1000n);
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'bigint') return value;
  throw new TypeError(`Cannot bind a ${typeof value} to a store statement`);
}

/** A row as pg returns it: times as Dates, integers as numbers (BIGINT beyond 2^53 as a string). */
function fromDuckDb(row: Record<string, DuckDBValue>): SqlRow {
  const out: SqlRow = {};
  for (const [column, value] of Object.entries(row)) {
    if (value instanceof DuckDBTimestampTZValue || value instanceof DuckDBTimestampValue)
      out[column] = new Date(Number(value.micros / 1000n));
    else if (typeof value === 'bigint')
      out[column] = Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
    else if (value === null || typeof value !== 'object') out[column] = value;
    else out[column] = String(value);
  }
  return out;
}
