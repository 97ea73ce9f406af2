/**
 * The statements one answer runs, recorded through a WarehouseSql that runs them on a plain connection:
 * the profile (bench/warehouse-query-profile.ts) then times and explains each on its own.
 */
import { createSqlWarehouse } from '../../src/warehouse/create-sql-warehouse.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import type { SqlParam, SqlRow, WarehouseSql } from '../../src/warehouse/warehouse-sql.js';

export interface RecordedStatement {
  sql: string;
  params: readonly SqlParam[];
  /** SET LOCAL statements its transaction ran before it (query-without-parallel-workers.ts). */
  settings: readonly string[];
}

/** A warehouse over `run` that records every statement it runs into `recorded`. */
export function recordingWarehouse(
  kind: WarehouseSql['kind'],
  run: (statement: string, params: readonly SqlParam[]) => Promise<unknown[]>,
  recorded: RecordedStatement[],
): Warehouse {
  const query = async (statement: string, params: readonly SqlParam[] = [], settings: string[] = []) => {
    recorded.push({ sql: statement, params, settings });
    return (await run(statement, params)) as SqlRow[];
  };
  const sql: WarehouseSql = {
    kind,
    query: (statement, params) => query(statement, params),
    // Answers' queries run concurrently on the one connection: a transaction's settings are kept with its
    // statements (the profile replays them in a transaction of their own), not run here.
    transaction: (fn) => {
      const settings: string[] = [];
      return fn({
        query: async (statement, params) => {
          if (!statement.startsWith('SET LOCAL')) return query(statement, params, [...settings]);
          settings.push(statement);
          return [];
        },
        insert: () => Promise.reject(new Error('profile: read only')),
      });
    },
    withSyncLock: async (fn) => ({ acquired: true, value: await fn() }),
    close: async () => undefined,
  };
  return createSqlWarehouse(sql);
}
