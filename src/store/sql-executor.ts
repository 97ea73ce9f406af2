/**
 * The one seam between our SQL and a driver: DuckDB embedded, `pg` for PostgreSQL. The repositories and
 * migrations write each statement once where both engines accept it and pick per engine (`kind`, see
 * sql-engine.ts) where they cannot; only this tiny interface differs per driver.
 */
import type { z } from 'zod';
import { CodexPulseError } from '../errors.js';
import type { EngineKind } from './sql-engine.js';

/** A result row as the driver returned it: parse it with zod before use, never read it directly. */
export type SqlRow = Record<string, unknown>;

/** Runs statements on one connection (or, outside a transaction, on any pooled one). */
export interface SqlQueryable {
  /** One parameterised statement ($1, $2, …); returns its rows (empty for statements without RETURNING). */
  query(sql: string, params?: readonly unknown[]): Promise<SqlRow[]>;
}

/** A whole database handle: pooled queries, transactions, and shutdown. */
export interface SqlExecutor extends SqlQueryable {
  /** Which engine runs the statements: the few that differ are chosen by it. */
  readonly kind: EngineKind;
  /** Runs `fn` in BEGIN … COMMIT on one connection; rolls back and rethrows when `fn` throws. */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Wraps a driver error so callers see a stable code (`store_unavailable`: cannot connect or open;
 * `store_query_failed`: a statement failed) with the original cause attached. Our own errors
 * (e.g. `store_claim_lost` thrown inside a transaction) pass through unchanged.
 */
export function storeError(
  error: unknown,
  what: string,
  code: 'store_query_failed' | 'store_unavailable' = 'store_query_failed',
): Error {
  if (error instanceof CodexPulseError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new CodexPulseError(code, `Store ${what} failed: ${detail}`, { cause: error });
}

/** Parses one row with `schema`; a row that does not fit means the schema and the code disagree. */
export function parseRow<T>(schema: z.ZodType<T>, row: SqlRow | undefined, table: string): T {
  const parsed = schema.safeParse(row);
  if (!parsed.success) {
    throw new CodexPulseError('store_row_invalid', `Unexpected ${table} row: ${parsed.error.message}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}
