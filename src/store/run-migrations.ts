import { CodexPulseError } from '../errors.js';
import type { Logger } from '../logger.js';
import { type EngineKind, type EngineStatement, forEngine } from './sql-engine.js';

/** One schema step; `version` is its 1-based position in its list. */
export interface Migration {
  version: number;
  name: string;
  /** One statement each (DuckDB prepares one at a time), in order, in one transaction. */
  statements: readonly EngineStatement[];
}

/** What the runner needs of a database: the store's executor and the warehouse's both fit. */
export interface MigrationTarget {
  readonly kind: EngineKind;
  transaction<T>(fn: (tx: MigrationTx) => Promise<T>): Promise<T>;
}

export interface MigrationTx {
  query(sql: string, params?: readonly (string | number)[]): Promise<Record<string, unknown>[]>;
}

/**
 * Where a list records what it applied. The two ledgers predate this shared runner and live on in
 * PostgreSQL databases already deployed, so each keeps its table and its time column as shipped.
 */
export interface MigrationLedger {
  /** `store` or `warehouse`: log lines and errors say which list. */
  label: string;
  table: string;
  /** `applied_at timestamptz` (the store's) or `applied_at_ms bigint` (the warehouse's). */
  appliedAt: 'timestamptz' | 'epoch_ms';
  /**
   * pg_advisory_xact_lock key serialising replicas that start together on one PostgreSQL, one per list
   * so the two never wait on each other. The embedded engine has one process (the data-dir lock).
   */
  lockKey: number;
}

/**
 * Applies every migration of `list` not yet recorded in the ledger, in version order, each in its own
 * transaction (on PostgreSQL under the advisory lock). Returns the versions this call applied (empty
 * when up to date). One runner for the store and the warehouse, on both engines.
 */
export async function runMigrations(
  db: MigrationTarget,
  list: readonly Migration[],
  ledger: MigrationLedger,
  options: { logger: Logger; now: () => Date },
): Promise<number[]> {
  assertOrdered(list, ledger);
  const column = ledger.appliedAt === 'timestamptz' ? 'applied_at timestamptz' : 'applied_at_ms bigint';
  const applied: number[] = [];
  for (const migration of list) {
    const ran = await db.transaction(async (tx) => {
      if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [ledger.lockKey]);
      // Created under the lock: two concurrent CREATE TABLE IF NOT EXISTS can still collide in pg_type.
      await tx.query(`CREATE TABLE IF NOT EXISTS ${ledger.table} (
        version integer PRIMARY KEY,
        name text NOT NULL,
        ${column} NOT NULL
      )`);
      const rows = await tx.query(`SELECT 1 AS one FROM ${ledger.table} WHERE version = $1`, [
        migration.version,
      ]);
      if (rows.length > 0) return false;
      for (const statement of migration.statements) {
        const text = forEngine(statement, db.kind);
        if (text !== null) await tx.query(text);
      }
      const at = options.now();
      await tx.query(
        `INSERT INTO ${ledger.table} (version, name, ${column.split(' ')[0]}) VALUES ($1, $2, $3)`,
        [
          migration.version,
          migration.name,
          ledger.appliedAt === 'timestamptz' ? at.toISOString() : at.getTime(),
        ],
      );
      return true;
    });
    if (ran) {
      applied.push(migration.version);
      options.logger.info(`${ledger.label}: migration applied`, {
        version: migration.version,
        migration: migration.name,
      });
    }
  }
  return applied;
}

/** A mis-numbered list would apply out of order or skip silently: refuse it at start instead. */
function assertOrdered(list: readonly Migration[], ledger: MigrationLedger): void {
  list.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new CodexPulseError(
        'store_migrations_invalid',
        `${ledger.label} migration ${migration.name} has version ${migration.version}, expected ${index + 1}`,
      );
    }
  });
}
