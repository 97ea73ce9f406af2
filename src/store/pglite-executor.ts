import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { SqlExecutor, SqlQueryable, SqlRow } from './sql-executor.js';
import { storeError } from './sql-executor.js';

/**
 * The embedded backend: PostgreSQL compiled to WASM, in-process, persisted under `dataDir`. One
 * process only — PGlite holds the files exclusively, so replicas need the PostgreSQL backend.
 */
export async function createPgliteExecutor(dataDir: string): Promise<SqlExecutor> {
  await mkdir(dataDir, { recursive: true });
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir);
  } catch (error) {
    throw storeError(error, `open of the embedded database in ${dataDir}`, 'store_unavailable');
  }
  return {
    ...queryable(db),
    transaction: async (fn) => {
      try {
        return await db.transaction((tx) => fn(queryable(tx)));
      } catch (error) {
        throw storeError(error, 'transaction');
      }
    },
    close: () => db.close(),
  };
}

function queryable(db: PGlite | Transaction): SqlQueryable {
  return {
    query: async (sql, params = []) => {
      try {
        const result = await db.query<SqlRow>(sql, [...params]);
        return result.rows;
      } catch (error) {
        throw storeError(error, 'query');
      }
    },
    exec: async (sql) => {
      try {
        await db.exec(sql);
      } catch (error) {
        throw storeError(error, 'statement');
      }
    },
  };
}
