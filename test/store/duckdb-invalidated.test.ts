/**
 * Which DuckDB errors mean "reopen the database": the messages are DuckDB 1.5's own, as
 * test/store/duckdb-fatal-recovery.test.ts and test/warehouse/duckdb-fatal-recovery.test.ts make them
 * happen (a file opened directly is invalidated as a whole instance; an attached one alone).
 */
import { expect, it } from 'vitest';
import { CodexPulseError } from '../../src/errors.js';
import { isDuckDbInvalidated } from '../../src/store/duckdb-invalidated.js';

const invalidating = [
  'FATAL Error: Failed to create checkpoint because of error: Checkpoint aborted before header write',
  'FATAL Error: Failed: database has been invalidated because of a previous fatal error. The database must be restarted prior to being used again.',
  'INTERNAL Error: Attempted to access index 3 within vector of size 3',
  'IO Error: Checkpoint failed for database "warehouse". The database has been invalidated. Original error: …',
  'IO Error: Database "warehouse" has been invalidated because checkpointing failed. Detach and reattach it before using it again.',
  'TransactionContext Error: Failed to commit: Checkpoint failed for database "warehouse". The database has been invalidated.',
];
const ordinary = [
  'Out of Memory Error: failed to pin block of size 256.0 KiB (60.0 MiB/61.0 MiB used)',
  'TransactionContext Error: Failed to commit: could not allocate block of size 256.0 KiB',
  'TransactionContext Error: Current transaction is aborted (please ROLLBACK)',
  'Catalog Error: Table with name "t" already exists!',
  'Constraint Error: Duplicate key "id: aaaaa" violates primary key constraint.',
];

it('recognises DuckDB fatal and internal errors and an invalidated database, even wrapped in ours', () => {
  for (const message of invalidating) {
    expect(isDuckDbInvalidated(new Error(message)), message).toBe(true);
    const ours = new CodexPulseError('store_query_failed', `Warehouse query failed: ${message}`, {
      cause: new Error(message),
    });
    expect(isDuckDbInvalidated(ours), message).toBe(true);
  }
});

it('leaves ordinary statement errors (out of memory included) to the caller', () => {
  for (const message of ordinary) {
    expect(isDuckDbInvalidated(new Error(message)), message).toBe(false);
    const ours = new CodexPulseError('store_query_failed', message, { cause: new Error(message) });
    expect(isDuckDbInvalidated(ours), message).toBe(false);
  }
  expect(isDuckDbInvalidated('FATAL Error: not an Error')).toBe(false);
  expect(isDuckDbInvalidated(undefined)).toBe(false);
});
