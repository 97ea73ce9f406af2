/**
 * The upgrade from the first-wave embedded store (issue 11 §8): PGlite under `${DATA_DIR}/pglite`,
 * replaced by DuckDB. At the first open of the DuckDB store, every subscription (removed ones too, for
 * their history), delivery, delivery part and share is copied over with its ids and times, in one
 * transaction; only after that commits is the PGlite directory renamed, so it is never imported twice.
 * A crash before the commit leaves the DuckDB store without any of it and the directory in place (the
 * next start imports again); a crash between commit and rename re-imports rows that are already there,
 * which `ON CONFLICT DO NOTHING` keeps from doubling. The new store's tables are the source of truth from
 * then on; the renamed directory is kept for the operator to delete.
 */
import { access, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import type { SqlExecutor, SqlQueryable, SqlRow } from './sql-executor.js';
import { storeError } from './sql-executor.js';

/** The first-wave store's directory inside DATA_DIR. */
export const PGLITE_DIR = 'pglite';

/** The columns copied, table by table, in insert order; `cadence` and `shares` arrived in versions 2–3. */
const TABLES = [
  {
    name: 'subscriptions',
    columns: [
      'id',
      'team_id',
      'channel_id',
      'owner_user_id',
      'day',
      'time',
      'time_zone',
      'style',
      'cadence',
      'status',
      'paused_reason',
      'created_at',
      'removed_at',
    ],
    key: 'id',
  },
  {
    name: 'deliveries',
    columns: [
      'subscription_id',
      'period_start',
      'due_at',
      'status',
      'reason',
      'parent_ts',
      'posted_parts',
      'attempts',
      'claimed_by',
      'claimed_until',
      'updated_at',
    ],
    key: 'subscription_id, period_start',
  },
  {
    name: 'delivery_parts',
    columns: ['subscription_id', 'period_start', 'part', 'ts', 'posted_at'],
    key: 'subscription_id, period_start, part',
  },
  {
    name: 'shares',
    columns: [
      'id',
      'team_id',
      'user_id',
      'per_user',
      'named_people',
      'payload',
      'created_at',
      'expires_at',
      'taken_until',
    ],
    key: 'id',
  },
] as const;

/** What one import copied, table by table (logged, and returned for tests). */
export type ImportCounts = Record<(typeof TABLES)[number]['name'], number>;

/**
 * Imports `${dataDir}/pglite` into `db` (the migrated DuckDB store) when it exists, then renames it to
 * `pglite.imported-<UTC stamp>`. Returns the counts, or null when there was nothing to import. PGlite is
 * loaded here only, by a dynamic import: a start without a first-wave directory never loads it.
 */
export async function importPgliteStore(
  db: SqlExecutor,
  dataDir: string,
  deps: { logger: Logger; now: () => Date },
): Promise<ImportCounts | null> {
  const source = join(dataDir, PGLITE_DIR);
  if (!(await exists(join(source, 'PG_VERSION')))) return null;
  deps.logger.info('store: importing the first-wave embedded store (PGlite)', { from: source });
  const { PGlite } = await import('@electric-sql/pglite');
  let old: InstanceType<typeof PGlite>;
  try {
    old = await PGlite.create(source);
  } catch (error) {
    throw storeError(error, `open of the first-wave store in ${source}`, 'store_unavailable');
  }
  let counts: ImportCounts;
  try {
    const read = async (sql: string) => (await old.query<SqlRow>(sql)).rows;
    const present = new Set(
      (
        await read(`SELECT table_name || '.' || column_name AS c FROM information_schema.columns
                   WHERE table_schema = current_schema()`)
      ).map((row) => String(row.c)),
    );
    const tables = await Promise.all(
      TABLES.map(async (table) => {
        if (!present.has(`${table.name}.${table.columns[0]}`)) return { table, rows: [] as SqlRow[] };
        // A column added by a later migration (cadence, v3) reads as its default where it is missing.
        const select = table.columns
          .map((column) =>
            present.has(`${table.name}.${column}`) ? column : `${defaultOf(column)} AS ${column}`,
          )
          .join(', ');
        return { table, rows: await read(`SELECT ${select} FROM ${table.name} ORDER BY ${table.key}`) };
      }),
    );
    counts = await db.transaction(async (tx) => {
      const copied = {} as ImportCounts;
      for (const { table, rows } of tables) {
        for (const row of rows) await insert(tx, table, row);
        copied[table.name] = rows.length;
      }
      return copied;
    });
  } finally {
    await old.close();
  }
  const renamed = `${source}.imported-${deps.now().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')}`;
  await rename(source, renamed);
  deps.logger.info('store: imported the first-wave embedded store', { ...counts, renamedTo: renamed });
  return counts;
}

async function insert(tx: SqlQueryable, table: (typeof TABLES)[number], row: SqlRow): Promise<void> {
  const values = table.columns.map((column) => {
    const value = row[column];
    // PGlite hands jsonb back parsed; the new store takes the text.
    return column === 'payload' ? JSON.stringify(value) : value;
  });
  await tx.query(
    `INSERT INTO ${table.name} (${table.columns.join(', ')})
     VALUES (${table.columns.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT DO NOTHING`,
    values,
  );
}

/** The default of a column a first-wave schema may lack (only migration 3's cadence so far). */
function defaultOf(column: string): string {
  if (column === 'cadence') return `'weekly'`;
  throw new Error(`The first-wave store lacks column ${column}, which has no import default`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
