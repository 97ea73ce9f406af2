import type pg from 'pg';

/**
 * Runs `fn` inside BEGIN … COMMIT on a pooled client, rolling back on failure and releasing the client
 * either way: one copy for the operational store and the warehouse. A client that cannot even roll back
 * is released as broken, so the pool drops it instead of handing out a connection stuck in a transaction.
 * `wrap` turns the failure into the caller's own coded error.
 */
export async function inPgTransaction<T>(
  client: pg.PoolClient,
  fn: () => Promise<T>,
  wrap: (error: unknown) => Error,
): Promise<T> {
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    }
    throw wrap(error);
  } finally {
    client.release(broken);
  }
}
