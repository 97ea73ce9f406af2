/**
 * A first-wave embedded store (issue 11 §8): PGlite in `${dataDir}/pglite`, at a given schema version,
 * filled through the repositories as the first wave's code ran them (PostgreSQL's dialect), for the
 * upgrade test. PGlite lives on only for that upgrade; this is its one executor.
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { migrations, storeLedger } from '../../src/store/migrations.js';
import { runMigrations } from '../../src/store/run-migrations.js';
import type { SqlExecutor, SqlQueryable, SqlRow } from '../../src/store/sql-executor.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';

/** PGlite behind the store's seam, speaking PostgreSQL's dialect (`kind: 'postgres'`). */
export async function openFirstWaveStore(
  dir: string,
  schemaVersion: number,
  now: () => Date,
): Promise<SqlExecutor> {
  await mkdir(dir, { recursive: true });
  const db = await PGlite.create(dir);
  const executor: SqlExecutor = {
    kind: 'postgres',
    ...queryable(db),
    transaction: (fn) => db.transaction((tx) => fn(queryable(tx))),
    close: () => db.close(),
  };
  await runMigrations(executor, migrations.slice(0, schemaVersion), storeLedger, {
    logger: createMemoryLogger(),
    now,
  });
  return executor;
}

function queryable(db: Pick<PGlite, 'query'>): SqlQueryable {
  return { query: async (sql, params = []) => (await db.query<SqlRow>(sql, [...params])).rows };
}
