import pg from 'pg';
import type { Logger } from '../logger.js';
import { inPgTransaction } from './pg-transaction.js';
import type { SqlExecutor, SqlQueryable, SqlRow } from './sql-executor.js';
import { storeError } from './sql-executor.js';

/** What every pooled connection can run on: a client or the pool itself. */
interface PgRunner {
  query(sql: string, params?: unknown[]): Promise<{ rows: SqlRow[] }>;
}

/**
 * The PostgreSQL backend (DATABASE_URL), for several replicas. The URL is never logged: it may carry a
 * password.
 */
export async function createPgExecutor(databaseUrl: string, logger: Logger): Promise<SqlExecutor> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 5 });
  // An idle client losing its connection emits 'error' on the pool; unhandled, that kills the process.
  pool.on('error', (error) => logger.warn('store: idle PostgreSQL connection failed', error));
  try {
    // Fail at start, not at the first digest, when PostgreSQL is unreachable or the URL is wrong.
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw storeError(error, 'connection to PostgreSQL', 'store_unavailable');
  }
  return {
    kind: 'postgres',
    ...queryable(pool),
    transaction: async (fn) => {
      const client = await pool.connect().catch((error: unknown) => {
        throw storeError(error, 'connection to PostgreSQL', 'store_unavailable');
      });
      return inPgTransaction(
        client,
        () => fn(queryable(client)),
        (error) => storeError(error, 'transaction'),
      );
    },
    close: () => pool.end(),
  };
}

function queryable(runner: PgRunner): SqlQueryable {
  return {
    query: async (sql, params = []) => {
      try {
        return (await runner.query(sql, [...params])).rows;
      } catch (error) {
        throw storeError(error, 'query');
      }
    },
  };
}
