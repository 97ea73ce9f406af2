import pg from 'pg';

/**
 * Whether PostgreSQL answers at `url` within 2 s: the test backends skip the engine (except on CI), the
 * benches their PostgreSQL column, when not.
 */
export async function postgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
