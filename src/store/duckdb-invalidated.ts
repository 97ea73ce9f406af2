/**
 * Whether a DuckDB error means DuckDB invalidated the database: every later statement on that instance (or,
 * for an attached file, that catalog) fails until it is closed and opened again, though the file on disk —
 * last checkpoint plus WAL — is fine (issue 11: "failed to pin block" during a derived-table rebuild left
 * `serve` failing every answer and sync). The one place both DuckDB users (the store's executor and the
 * warehouse's driver) decide to reopen.
 *
 * @duckdb/node-api throws plain Errors whose message starts with DuckDB's exception type, so the type and
 * DuckDB's wording are all there is to go by:
 * - `FATAL Error: …` and `INTERNAL Error: …`: DuckDB invalidates the whole instance on either
 *   (duckdb.org/docs/stable/dev/internal_errors: "restricted mode"); later statements then say
 *   `database has been invalidated because of a previous fatal error`.
 * - a file attached to the instance (the warehouse) whose checkpoint failed is invalidated alone, as
 *   DuckDB 1.5 words it: `Database "warehouse" has been invalidated because checkpointing failed`,
 *   `Checkpoint failed for database "warehouse". The database has been invalidated`.
 * Our own errors wrap DuckDB's as their `cause`, so the whole chain is looked at.
 */
const FATAL_TYPES = /^(?:FATAL|INTERNAL) Error:/;
const INVALIDATED = /\bdatabase (?:"[^"]*" )?has been invalidated\b/i;

export function isDuckDbInvalidated(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let at = error; at instanceof Error && !seen.has(at); at = at.cause) {
    seen.add(at);
    if (FATAL_TYPES.test(at.message) || INVALIDATED.test(at.message)) return true;
  }
  return false;
}
