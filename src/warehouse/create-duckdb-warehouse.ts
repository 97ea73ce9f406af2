/**
 * The embedded warehouse: the DuckDB driver (open-duckdb-warehouse-sql.ts) with its migrations applied,
 * under the statements both engines share (create-sql-warehouse.ts).
 */
import type { Clock } from '../clock.js';
import { runMigrations } from '../store/run-migrations.js';
import { createSqlWarehouse } from './create-sql-warehouse.js';
import { type DuckDbWarehouseOptions, openDuckDbWarehouseSql } from './open-duckdb-warehouse-sql.js';
import type { Warehouse } from './warehouse.js';
import { warehouseLedger, warehouseMigrations } from './warehouse-migrations.js';

/** Opens (or creates) the DuckDB file and applies pending migrations (timestamped by `clock`). */
export async function createDuckDbWarehouse(
  options: DuckDbWarehouseOptions & { clock: Clock },
): Promise<Warehouse> {
  const sql = await openDuckDbWarehouseSql(options);
  try {
    await runMigrations(sql, warehouseMigrations, warehouseLedger, {
      logger: options.logger,
      now: () => options.clock.now(),
    });
  } catch (error) {
    await sql.close();
    throw error;
  }
  options.logger.info('warehouse: opened', {
    warehouse: 'embedded',
    schemaVersion: warehouseMigrations.length,
  });
  return createSqlWarehouse(sql);
}
