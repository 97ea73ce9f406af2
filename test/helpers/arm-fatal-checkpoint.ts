/**
 * A real fatal DuckDB error on demand (DuckDB 1.5's debug setting): from now on, the next commit
 * checkpoints (threshold 1 byte) and that checkpoint aborts fatally, so DuckDB invalidates the database.
 * What the fatal-recovery tests of the store and the warehouse both need.
 */
export async function armFatalCheckpoint(db: { query(sql: string): Promise<unknown> }): Promise<void> {
  await db.query("SET debug_checkpoint_abort = 'before_header'");
  await db.query("SET checkpoint_threshold = '1B'");
}
