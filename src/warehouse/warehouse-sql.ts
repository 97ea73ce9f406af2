/**
 * The seam between the warehouse's SQL (shared by both engines) and a driver. The statements are
 * written in the subset DuckDB and PostgreSQL both accept; what differs per engine is only how rows are
 * bulk-loaded (DuckDB's appender, PostgreSQL's unnest of arrays), how transactions hold a connection,
 * and how the sync lock is taken.
 */
import type { LockResult, WarehouseKind } from './warehouse.js';

/** A statement parameter: integers are bound as BIGINT, other numbers as DOUBLE. */
export type SqlParam = string | number | boolean | null;
/** A result row as the driver returned it (BIGINT may come back as a string): parse it with zod. */
export type SqlRow = Record<string, unknown>;

export type ColumnType = 'bigint' | 'double' | 'text' | 'boolean';

/** A table as bulk inserts see it: the columns written, in this order. */
export interface TableSpec {
  name: string;
  columns: readonly { name: string; type: ColumnType }[];
}

/** Statements on one connection inside a transaction. */
export interface WarehouseTx {
  /** One statement with $1, $2, … parameters. */
  query(sql: string, params?: readonly SqlParam[]): Promise<SqlRow[]>;
  /** Bulk-appends `rows` (values in `table.columns` order) inside the transaction. */
  insert(table: TableSpec, rows: readonly (readonly SqlParam[])[]): Promise<void>;
}

export interface WarehouseSql {
  readonly kind: WarehouseKind;
  query(sql: string, params?: readonly SqlParam[]): Promise<SqlRow[]>;
  /** BEGIN … COMMIT on one connection; rolls back and rethrows when `fn` throws. */
  transaction<T>(fn: (tx: WarehouseTx) => Promise<T>): Promise<T>;
  /** See Warehouse.withSyncLock. */
  withSyncLock<T>(fn: () => Promise<T>): Promise<LockResult<T>>;
  close(): Promise<void>;
}
