/**
 * Tables derived from the per-user rows for team figures (warehouse-team-figures.ts; issue 12 §5: on
 * PostgreSQL `/codex teams 90d` spent most of its time aggregating a year of usage_user_daily, whose
 * rows keep their raw JSON inline in the heap):
 *
 * - `usage_user_spend_daily`: one narrow row per active per-user row — its integer user key (from
 *   usage_users), credits, the API's cost_usd and estimated_cost_usd (usdEstimate's inputs) and whether
 *   it had no clients[] (its credits count as Other).
 * - `usage_user_first_active`: each user's first active day ever, one row per user ever active. Team
 *   figures need, before the periods they show, only whether a user was active at all.
 *
 * Like usage-aggregates.ts' tables, they are only ever rebuilt from the rows, for the days a sync
 * replaces, inside its transaction (after usage_users; derived-tables.ts runs both lists); migration 8 fills them with the same statements
 * over every stored day. usage_user_first_active's invariant: a row for every user with an active row,
 * holding their first. Replacing days D changes a user's first day only when it lay in D, or when they
 * are active in D and it lay after D; those rows go, and every user without a row — whose active rows
 * then all lie at or after D's start — gets it back from those rows.
 */
import type { TimeWindow } from '../domain/utc-days.js';
import type { EngineStatement } from '../store/sql-engine.js';

/** The tables, created by migration 8. Keys on PostgreSQL only (see warehouse-migrations.ts). */
export const teamFigureTables: readonly EngineStatement[] = [
  {
    postgres: `CREATE TABLE usage_user_spend_daily (start_time BIGINT NOT NULL, user_key INTEGER NOT NULL,
      credits DOUBLE PRECISION NOT NULL, cost_usd DOUBLE PRECISION, estimated_cost_usd DOUBLE PRECISION,
      clientless BOOLEAN NOT NULL, PRIMARY KEY (start_time, user_key))`,
    embedded: `CREATE TABLE usage_user_spend_daily (start_time BIGINT NOT NULL, user_key INTEGER NOT NULL,
      credits DOUBLE PRECISION NOT NULL, cost_usd DOUBLE PRECISION, estimated_cost_usd DOUBLE PRECISION,
      clientless BOOLEAN NOT NULL)`,
  },
  {
    postgres: `CREATE TABLE usage_user_first_active (user_key INTEGER NOT NULL PRIMARY KEY,
      first_active BIGINT NOT NULL)`,
    embedded:
      'CREATE TABLE usage_user_first_active (user_key INTEGER NOT NULL, first_active BIGINT NOT NULL)',
  },
];

export const teamFigureTableNames = ['usage_user_spend_daily', 'usage_user_first_active'] as const;

/** An integer inlined into SQL: only bounds computed by the warehouse, never caller text. */
function literal(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`Not an integer: ${value}`);
  return String(value);
}

/**
 * The statements that rebuild both tables over `days` from the per-user rows stored there (usage_users
 * already holding their keys). Bounds are inlined, so migration 8 runs them as they are.
 */
export function rebuildTeamFigureAggregates(days: TimeWindow): string[] {
  const start = literal(days.start);
  const end = literal(days.end);
  return [
    `DELETE FROM usage_user_spend_daily WHERE start_time >= ${start} AND start_time < ${end}`,
    // In day order, as usage-aggregates.ts writes its rows: DuckDB skips row groups by start_time.
    `INSERT INTO usage_user_spend_daily
       (start_time, user_key, credits, cost_usd, estimated_cost_usd, clientless)
     SELECT u.start_time, k.user_key, u.credits, u.cost_usd, u.estimated_cost_usd, u.client_count = 0
     FROM usage_user_daily u JOIN usage_users k ON k.user_id = u.user_id
     WHERE u.start_time >= ${start} AND u.start_time < ${end} AND u.active
     ORDER BY u.start_time, k.user_key`,
    `DELETE FROM usage_user_first_active
     WHERE first_active >= ${start} AND (first_active < ${end} OR user_key IN (
       SELECT s.user_key FROM usage_user_spend_daily s WHERE s.start_time >= ${start} AND s.start_time < ${end}))`,
    `INSERT INTO usage_user_first_active (user_key, first_active)
     SELECT s.user_key, MIN(s.start_time)
     FROM usage_user_spend_daily s
     WHERE s.start_time >= ${start}
       AND NOT EXISTS (SELECT 1 FROM usage_user_first_active f WHERE f.user_key = s.user_key)
     GROUP BY s.user_key`,
  ];
}
