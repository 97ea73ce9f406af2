import { join } from 'node:path';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { createAlertRepository } from './alert-repository.js';
import { createBudgetRepository } from './budget-repository.js';
import { lockDataDir } from './data-dir-lock.js';
import { createDeliveryRepository } from './delivery-repository.js';
import { createDuckDbExecutor } from './duckdb-executor.js';
import { importPgliteStore } from './import-pglite-store.js';
import { migrations, storeLedger } from './migrations.js';
import { createPgExecutor } from './pg-executor.js';
import { runMigrations } from './run-migrations.js';
import { createShareRepository } from './share-repository.js';
import { type SqlExecutor, storeError } from './sql-executor.js';
import type { Store } from './store-types.js';
import { createSubscriptionRepository } from './subscription-repository.js';

/** The embedded store's DuckDB file inside DATA_DIR (the warehouse has its own, in `warehouse/`). */
export const STORE_FILE = 'store.duckdb';

/** From config (DATA_DIR, DATABASE_URL) plus the app's logger and clock. */
export interface OpenStoreOptions {
  /**
   * DATA_DIR: the embedded database is the DuckDB file `${dataDir}/store.duckdb` (created if missing);
   * a first-wave PGlite store in `${dataDir}/pglite` is imported into it once (import-pglite-store.ts).
   */
  dataDir: string;
  /** DATABASE_URL: when set, PostgreSQL is used instead of the embedded database (several replicas). */
  databaseUrl?: string | undefined;
  logger: Logger;
  /**
   * For timestamps the caller does not pass (created_at, updated_at, posted_at). Required: a store that
   * fell back to the system clock stamped subscriptions made under a test's clock with today (issue #9).
   */
  clock: Clock;
}

/**
 * Opens the store — embedded DuckDB by default, PostgreSQL when `databaseUrl` is set — and applies
 * pending migrations (and, embedded, the one-time import of a first-wave PGlite store) before returning,
 * so callers always see the current schema and every record they had.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const { clock } = options;
  const now = () => clock.now();
  const kind: Store['kind'] = options.databaseUrl === undefined ? 'embedded' : 'postgres';
  const lock = kind === 'embedded' ? await lockDataDir(options.dataDir) : undefined;
  let db: SqlExecutor | undefined;
  try {
    db =
      options.databaseUrl === undefined
        ? await createDuckDbExecutor(join(options.dataDir, STORE_FILE), { logger: options.logger })
        : await createPgExecutor(options.databaseUrl, options.logger);
    await runMigrations(db, migrations, storeLedger, { logger: options.logger, now });
    if (kind === 'embedded') await importPgliteStore(db, options.dataDir, { logger: options.logger, now });
  } catch (error) {
    await db?.close();
    await lock?.release();
    throw error;
  }
  const opened = db;
  let closed = false;
  options.logger.info('store: opened', { store: kind, schemaVersion: migrations.length });
  return {
    kind,
    subscriptions: createSubscriptionRepository(opened, { now }),
    deliveries: createDeliveryRepository(opened, { now }),
    shares: createShareRepository(opened),
    alerts: createAlertRepository(opened, { now }),
    budgets: createBudgetRepository(opened, { now }),
    ping: async () => {
      try {
        await opened.query('SELECT 1');
      } catch (error) {
        throw storeError(error, 'ping', 'store_unavailable');
      }
    },
    // Idempotent: /readyz tests close the store under a running app, whose shutdown closes it again.
    close: async () => {
      if (closed) return;
      closed = true;
      await opened.close();
      await lock?.release();
    },
  };
}
