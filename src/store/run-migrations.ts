import { CodexPulseError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Migration } from './migrations.js';
import type { SqlExecutor, SqlQueryable } from './sql-executor.js';

/**
 * An arbitrary constant shared by every replica: pg_advisory_xact_lock on it serialises migration runs
 * across processes (and PGlite supports it too), so replicas starting together never both apply one.
 */
const MIGRATION_LOCK_KEY = 7_314_202_605;

/**
 * Applies every migration not yet recorded in `schema_migrations`, in version order, each in its own
 * transaction under the advisory lock. Returns the versions this call applied (empty when up to date).
 */
export async function runMigrations(
  db: SqlExecutor,
  list: readonly Migration[],
  options: { logger: Logger; now: () => Date },
): Promise<number[]> {
  assertOrdered(list);
  const applied: number[] = [];
  for (const migration of list) {
    const ran = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      // Created under the lock: two concurrent CREATE TABLE IF NOT EXISTS can still collide in pg_type.
      await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL
      )`);
      if (await isApplied(tx, migration.version)) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        options.now(),
      ]);
      return true;
    });
    if (ran) {
      applied.push(migration.version);
      options.logger.info('store: migration applied', {
        version: migration.version,
        migration: migration.name,
      });
    }
  }
  return applied;
}

async function isApplied(tx: SqlQueryable, version: number): Promise<boolean> {
  const rows = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [version]);
  return rows.length > 0;
}

/** A mis-numbered list would apply out of order or skip silently: refuse it at start instead. */
function assertOrdered(list: readonly Migration[]): void {
  list.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new CodexPulseError(
        'store_migrations_invalid',
        `Migration ${migration.name} has version ${migration.version}, expected ${index + 1}`,
      );
    }
  });
}
