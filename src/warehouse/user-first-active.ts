/**
 * `usage_user_first_active`: each user's first active day ever (MIN start_time of their active rows),
 * one row per user who was ever active. Team figures (warehouse-team-figures.ts) need, per user, only
 * whether they were active before a period ("new this period", "never started", "lapsed"); with this
 * table they read the last few months of rows instead of every user's whole history (issue 12 §5: on
 * PostgreSQL that aggregate over a year of rows was most of `/codex teams 90d`).
 *
 * Rebuilt from the activity rows of usage-aggregates.ts (whose `surface_bits` is non-zero exactly when
 * the row is active) for the days a sync replaces, after them, in the sync's transaction; migration 9
 * fills it from every stored day with the same statements. The invariant: a row for every user with an
 * active row, holding their first one. Replacing days D changes a user's first day only when it lay in D,
 * or when they are active in D and it lay after D (or they had none); those rows go, and every user
 * without a row — whose active rows then all lie at or after D's start — gets it back from those rows.
 */
import type { TimeWindow } from '../domain/utc-days.js';
import type { EngineStatement } from '../store/sql-engine.js';
import type { WarehouseTx } from './warehouse-sql.js';

/** The table, created by migration 9 (a key on PostgreSQL only, as usage-aggregates.ts' tables). */
export const userFirstActiveTable: EngineStatement = {
  postgres: `CREATE TABLE usage_user_first_active (user_key INTEGER NOT NULL PRIMARY KEY,
    first_active BIGINT NOT NULL)`,
  embedded: 'CREATE TABLE usage_user_first_active (user_key INTEGER NOT NULL, first_active BIGINT NOT NULL)',
};

/** An integer inlined into SQL: only bounds computed by the warehouse, never caller text. */
function literal(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`Not an integer: ${value}`);
  return String(value);
}

/**
 * The statements that bring usage_user_first_active up to date after the activity rows of `days` were
 * rebuilt (bounds inlined, so migration 9 runs them as they are).
 */
export function rebuildUserFirstActive(days: TimeWindow): string[] {
  const start = literal(days.start);
  const end = literal(days.end);
  return [
    `DELETE FROM usage_user_first_active
     WHERE first_active >= ${start} AND (first_active < ${end} OR user_key IN (
       SELECT a.user_key FROM usage_user_activity_daily a
       WHERE a.start_time >= ${start} AND a.start_time < ${end} AND a.surface_bits <> 0))`,
    `INSERT INTO usage_user_first_active (user_key, first_active)
     SELECT a.user_key, MIN(a.start_time)
     FROM usage_user_activity_daily a
     WHERE a.start_time >= ${start} AND a.surface_bits <> 0
       AND NOT EXISTS (SELECT 1 FROM usage_user_first_active f WHERE f.user_key = a.user_key)
     GROUP BY a.user_key`,
  ];
}

/** Runs rebuildUserFirstActive inside the sync's transaction (after the activity rows of `days`). */
export async function refreshUserFirstActive(tx: WarehouseTx, days: TimeWindow): Promise<void> {
  for (const statement of rebuildUserFirstActive(days)) await tx.query(statement);
}
