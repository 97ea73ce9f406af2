import { z } from 'zod';
import type { Clock } from '../clock.js';
import { CodexPulseError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { WarehouseMigration } from './warehouse-migrations.js';
import type { WarehouseSql, WarehouseTx } from './warehouse-sql.js';

/**
 * Serialises migration runs of replicas starting together on one PostgreSQL (pg_advisory_xact_lock);
 * distinct from the store's key so the two never wait on each other. The embedded engine has one process.
 */
const MIGRATION_LOCK_KEY = 7_314_202_611;

const appliedRow = z.object({ version: z.coerce.number() });

/**
 * Applies every migration not yet recorded in `warehouse_migrations`, in version order, each in its own
 * transaction. Returns the versions this call applied (empty when up to date).
 */
export async function runWarehouseMigrations(
  sql: WarehouseSql,
  list: readonly WarehouseMigration[],
  options: { logger: Logger; clock: Clock },
): Promise<number[]> {
  list.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new CodexPulseError(
        'store_migrations_invalid',
        `Warehouse migration ${migration.name} has version ${migration.version}, expected ${index + 1}`,
      );
    }
  });
  const applied: number[] = [];
  for (const migration of list) {
    const ran = await sql.transaction(async (tx) => {
      if (sql.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await tx.query(`CREATE TABLE IF NOT EXISTS warehouse_migrations (
        version INTEGER NOT NULL PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at_ms BIGINT NOT NULL
      )`);
      if (await isApplied(tx, migration.version)) return false;
      for (const statement of migration.statements) {
        const text = typeof statement === 'string' ? statement : statement[sql.kind];
        if (text !== null) await tx.query(text);
      }
      await tx.query('INSERT INTO warehouse_migrations (version, name, applied_at_ms) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        options.clock.now().getTime(),
      ]);
      return true;
    });
    if (ran) {
      applied.push(migration.version);
      options.logger.info('warehouse: migration applied', {
        version: migration.version,
        migration: migration.name,
      });
    }
  }
  return applied;
}

async function isApplied(tx: WarehouseTx, version: number): Promise<boolean> {
  const rows = await tx.query('SELECT version FROM warehouse_migrations WHERE version = $1', [version]);
  return rows.some((row) => appliedRow.parse(row).version === version);
}
