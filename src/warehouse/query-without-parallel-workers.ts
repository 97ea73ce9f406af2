/**
 * One statement without PostgreSQL's parallel workers, for the distinct-user grouping of usage figures
 * (active-users-query.ts). Its input is a UNION ALL of the activity tables, for which PostgreSQL has no
 * statistics: it expects 200 users where there are 20,000, so it plans a parallel partial aggregate,
 * each worker hashing nearly every user again before the leader merges them — while the answer's three
 * other queries run beside it on the same cores. Serial, usage 90d's grouping took 45 → 34 ms alone on
 * a quiet machine (by day; 59 → 49 by week; psql over bench/warehouse-query-profile.ts' schema) and
 * ~105 → ~70 ms under load. SET LOCAL keeps the setting to this statement's own transaction, never the
 * pooled session; DuckDB has nothing to set.
 */
import { type EngineStatement, forEngine } from '../store/sql-engine.js';
import type { SqlRow, WarehouseSql } from './warehouse-sql.js';

const serial: EngineStatement = { postgres: 'SET LOCAL max_parallel_workers_per_gather = 0', embedded: null };

export function queryWithoutParallelWorkers(sql: WarehouseSql, statement: string): Promise<SqlRow[]> {
  const setting = forEngine(serial, sql.kind);
  if (setting === null) return sql.query(statement);
  return sql.transaction(async (tx) => {
    await tx.query(setting);
    return tx.query(statement);
  });
}
