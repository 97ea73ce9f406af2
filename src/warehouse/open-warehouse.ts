import { join } from 'node:path';
import type { Clock } from '../clock.js';
import type { WarehouseConfig } from '../config/env.js';
import type { Logger } from '../logger.js';
import { lockDataDir } from '../store/data-dir-lock.js';
import { createDuckDbWarehouse } from './create-duckdb-warehouse.js';
import { createPostgresWarehouse } from './create-postgres-warehouse.js';
import type { Warehouse } from './warehouse.js';

/**
 * Opens the usage warehouse from config: PostgreSQL when DATABASE_URL is set (one warehouse for every
 * replica), else DuckDB in `${DATA_DIR}/warehouse/usage.duckdb`. The embedded directory is locked for
 * this process (its own lock file, so the store in DATA_DIR can stay open beside it). Migrations
 * are applied before it returns.
 */
export async function openWarehouse(
  config: Pick<WarehouseConfig, 'dataDir' | 'databaseUrl' | 'memoryLimitMb' | 'threads'>,
  deps: { clock: Clock; logger: Logger },
): Promise<Warehouse> {
  if (config.databaseUrl !== undefined) {
    return createPostgresWarehouse({ databaseUrl: config.databaseUrl, ...deps });
  }
  const dir = join(config.dataDir, 'warehouse');
  const lock = await lockDataDir(dir);
  let warehouse: Warehouse;
  try {
    warehouse = await createDuckDbWarehouse({
      path: join(dir, 'usage.duckdb'),
      memoryLimitMb: config.memoryLimitMb,
      threads: config.threads,
      ...deps,
    });
  } catch (error) {
    await lock.release();
    throw error;
  }
  let closed = false;
  return {
    ...warehouse,
    close: async () => {
      if (closed) return;
      closed = true;
      await warehouse.close();
      await lock.release();
    },
  };
}
