/**
 * The two SQL engines behind the store and the warehouse (issue 11 §4): DuckDB embedded in DATA_DIR,
 * PostgreSQL with DATABASE_URL. Statements are written once in the subset both accept; the few that
 * cannot be (DuckDB has no partial indexes, no `FOR UPDATE`, no foreign keys that allow updating the
 * referenced row) are an `EngineStatement` pair, picked by `forEngine`.
 */
export type EngineKind = 'embedded' | 'postgres';

/** A statement for both engines, or one per engine (null: nothing to run on that engine). */
export type EngineStatement = string | Readonly<Record<EngineKind, string | null>>;

/** The text of `statement` on `kind`, or null when that engine has nothing to run. */
export function forEngine(statement: EngineStatement, kind: EngineKind): string | null {
  return typeof statement === 'string' ? statement : statement[kind];
}
