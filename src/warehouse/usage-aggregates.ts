/**
 * Tables derived from the per-user rows, so figures read thousands of rows instead of millions (issue 11
 * §7: `/codex usage 90d` over 20,000 users × 365 days took seconds, most of it hashing text user ids
 * to count distinct users):
 *
 * - `usage_users`, `usage_client_keys`: a small integer key per user id and per client id, assigned once
 *   and kept (a key never changes, so older days' rows stay valid).
 * - `usage_user_activity_daily`: one narrow row per per-user row — its integer user key, where it was
 *   active as bits (`surface_bits`, below), whether it has an email, and the sums the ranking reads.
 * - `usage_user_activity_weekly`: per user and Monday–Sunday UTC week (start_time: its Monday) with any
 *   activity, the OR of its days' surface bits, rebuilt from the daily activity rows of every week a
 *   sync touches: a bucket or window holding whole weeks reads one row per user-week, not seven.
 * - `usage_day_totals`, `usage_day_client_totals`, `usage_day_model_totals`: each day's sums of the
 *   totals, of clients[] items per client id (NULL: an item without client_id, or a row without
 *   clients[], both Other), and of models[] items.
 *
 * Rows go in in day order: DuckDB skips row groups by their min/max start_time, which a join's output
 * order would spread over every day (a week's distinct users read all 4M rows of a year).
 *
 * They are only ever rebuilt from the rows themselves, by the statements below (through
 * derived-tables.ts, with every other derived table), for the days a sync replaces, inside its
 * transaction: they cannot disagree with the rows. Migration 7 runs the same
 * statements over every stored day. The monthly activity and the surface sets built from these
 * (usage-period-aggregates.ts, migration 9) follow in the same transaction.
 *
 * `surface_bits`: bit 0 = the row was active at all (its `active` flag); bit 1 = active on Other without
 * a known client id (a row without clients[], or a clients[] item without client_id); bit 2 + k = its
 * item of client key k was active. Keys past MAX_CLIENT_KEY get no bit: figures then count users the
 * slow way (warehouse-usage-figures.ts).
 */
import { z } from 'zod';
import { startOfUtcWeek, type TimeWindow, WEEK_SECONDS } from '../domain/utc-days.js';
import type { EngineStatement } from '../store/sql-engine.js';
import { usagePeriodAggregateTableNames } from './usage-period-aggregates.js';
import type { WarehouseSql } from './warehouse-sql.js';

/** The highest client key with a bit of its own in a signed BIGINT (bit 2 + 60 = bit 62). */
export const MAX_CLIENT_KEY = 60;

/** Sums of a day's rows: the token and USD columns stay null when no row knew them (SUM's own rule). */
const sumColumns = `
  threads BIGINT NOT NULL,
  turns BIGINT NOT NULL,
  credits DOUBLE PRECISION NOT NULL,
  cost_usd DOUBLE PRECISION,
  estimated_cost_usd DOUBLE PRECISION,
  usd DOUBLE PRECISION,
  uncached_text_input_tokens BIGINT,
  cached_text_input_tokens BIGINT,
  text_output_tokens BIGINT,
  text_total_tokens BIGINT`;

/** The sums of sumColumns over the rows of alias `t` (usd: billed, else estimated, per row). */
function sums(t: string): string {
  return `SUM(${t}.threads), SUM(${t}.turns), SUM(${t}.credits), SUM(${t}.cost_usd), SUM(${t}.estimated_cost_usd),
    SUM(COALESCE(${t}.cost_usd, ${t}.estimated_cost_usd)), SUM(${t}.uncached_text_input_tokens),
    SUM(${t}.cached_text_input_tokens), SUM(${t}.text_output_tokens), SUM(${t}.text_total_tokens)`;
}

const SUM_NAMES = `threads, turns, credits, cost_usd, estimated_cost_usd, usd, uncached_text_input_tokens,
  cached_text_input_tokens, text_output_tokens, text_total_tokens`;

/** The tables, created by migration 7. Keys on PostgreSQL only (see warehouse-migrations.ts). */
export const usageAggregateTables: readonly EngineStatement[] = [
  {
    postgres: 'CREATE TABLE usage_users (user_key INTEGER NOT NULL, user_id TEXT NOT NULL PRIMARY KEY)',
    embedded: 'CREATE TABLE usage_users (user_key INTEGER NOT NULL, user_id TEXT NOT NULL)',
  },
  'CREATE TABLE usage_client_keys (client_key INTEGER NOT NULL, client_id TEXT NOT NULL)',
  {
    postgres: `CREATE TABLE usage_user_activity_daily (start_time BIGINT NOT NULL, user_key INTEGER NOT NULL,
      surface_bits BIGINT NOT NULL, has_email BOOLEAN NOT NULL, threads BIGINT NOT NULL, turns BIGINT NOT NULL,
      credits DOUBLE PRECISION NOT NULL, text_total_tokens BIGINT, PRIMARY KEY (start_time, user_key))`,
    embedded: `CREATE TABLE usage_user_activity_daily (start_time BIGINT NOT NULL, user_key INTEGER NOT NULL,
      surface_bits BIGINT NOT NULL, has_email BOOLEAN NOT NULL, threads BIGINT NOT NULL, turns BIGINT NOT NULL,
      credits DOUBLE PRECISION NOT NULL, text_total_tokens BIGINT)`,
  },
  {
    postgres: `CREATE TABLE usage_user_activity_weekly (start_time BIGINT NOT NULL, user_key INTEGER NOT NULL,
      surface_bits BIGINT NOT NULL, PRIMARY KEY (start_time, user_key))`,
    embedded: `CREATE TABLE usage_user_activity_weekly (start_time BIGINT NOT NULL, user_key INTEGER NOT NULL,
      surface_bits BIGINT NOT NULL)`,
  },
  `CREATE TABLE usage_day_totals (start_time BIGINT NOT NULL PRIMARY KEY, row_count BIGINT NOT NULL,
    ${sumColumns})`,
  `CREATE TABLE usage_day_client_totals (start_time BIGINT NOT NULL, client_id TEXT, ${sumColumns})`,
  {
    postgres: 'CREATE INDEX usage_day_client_totals_day_idx ON usage_day_client_totals (start_time)',
    embedded: null,
  },
  `CREATE TABLE usage_day_model_totals (start_time BIGINT NOT NULL, model TEXT NOT NULL, speed TEXT,
    ${sumColumns})`,
  {
    postgres: 'CREATE INDEX usage_day_model_totals_day_idx ON usage_day_model_totals (start_time)',
    embedded: null,
  },
];

/** The tables of migration 7. */
export const dailyUsageAggregateTableNames = [
  'usage_users',
  'usage_client_keys',
  'usage_user_activity_daily',
  'usage_user_activity_weekly',
  'usage_day_totals',
  'usage_day_client_totals',
  'usage_day_model_totals',
] as const;

/** Every derived table (these and usage-period-aggregates.ts'), e.g. for a bulk load's VACUUM ANALYZE. */
export const usageAggregateTableNames = [
  ...dailyUsageAggregateTableNames,
  ...usagePeriodAggregateTableNames,
] as const;

/** Every day the warehouse can hold: migration 7 (and bulk loads) rebuild over it. */
export const ALL_DAYS = { start: 0, end: 2 ** 52 } as const;

/** A Monday before any row's day (1969-12-29), so week starts come from non-negative remainders. */
const WEEK_ORIGIN = startOfUtcWeek(0);

/** An integer inlined into SQL: only bounds computed by the warehouse, never caller text. */
function literal(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`Not an integer: ${value}`);
  return String(value);
}

/**
 * The statements that rebuild this file's tables over `days` from the per-user rows stored there:
 * new keys first, then each table's rows of those days deleted and summed again. Bounds are inlined
 * (integers), so migration 7 can run them as they are.
 */
export function rebuildDailyUsageAggregates(days: TimeWindow): string[] {
  const inDays = (t: string) =>
    `${t}.start_time >= ${literal(days.start)} AND ${t}.start_time < ${literal(days.end)}`;
  const wipe = (table: string) => `DELETE FROM ${table} WHERE ${inDays(table)}`;
  // Every week holding one of the days: rebuilt whole from its days' activity rows.
  const weeks = { start: startOfUtcWeek(days.start), end: startOfUtcWeek(days.end - 1) + WEEK_SECONDS };
  return [
    `INSERT INTO usage_users (user_key, user_id)
     SELECT CAST(k.top + ROW_NUMBER() OVER (ORDER BY n.user_id) AS INTEGER), n.user_id
     FROM (SELECT DISTINCT u.user_id FROM usage_user_daily u WHERE ${inDays('u')}) AS n
     CROSS JOIN (SELECT COALESCE(MAX(user_key), 0) AS top FROM usage_users) AS k
     WHERE NOT EXISTS (SELECT 1 FROM usage_users x WHERE x.user_id = n.user_id)`,
    `INSERT INTO usage_client_keys (client_key, client_id)
     SELECT CAST(k.top + ROW_NUMBER() OVER (ORDER BY n.client_id) AS INTEGER), n.client_id
     FROM (SELECT DISTINCT c.client_id FROM usage_user_client_daily c
       WHERE ${inDays('c')} AND c.client_id IS NOT NULL) AS n
     CROSS JOIN (SELECT COALESCE(MAX(client_key), -1) AS top FROM usage_client_keys) AS k
     WHERE NOT EXISTS (SELECT 1 FROM usage_client_keys x WHERE x.client_id = n.client_id)`,
    wipe('usage_user_activity_daily'),
    `INSERT INTO usage_user_activity_daily
       (start_time, user_key, surface_bits, has_email, threads, turns, credits, text_total_tokens)
     SELECT u.start_time, k.user_key,
       CASE WHEN u.active THEN CAST(1 AS BIGINT) ELSE CAST(0 AS BIGINT) END
         | CASE WHEN u.active AND u.client_count = 0 THEN CAST(2 AS BIGINT) ELSE CAST(0 AS BIGINT) END
         | COALESCE(c.bits, CAST(0 AS BIGINT)),
       u.email IS NOT NULL, u.threads, u.turns, u.credits, u.text_total_tokens
     FROM usage_user_daily u
     JOIN usage_users k ON k.user_id = u.user_id
     LEFT JOIN (
       SELECT c.start_time, c.user_id,
         BIT_OR(CASE WHEN ck.client_key IS NULL THEN CAST(2 AS BIGINT)
           WHEN ck.client_key <= ${MAX_CLIENT_KEY} THEN CAST(1 AS BIGINT) << (ck.client_key + 2)
           ELSE CAST(0 AS BIGINT) END) AS bits
       FROM usage_user_client_daily c LEFT JOIN usage_client_keys ck ON ck.client_id = c.client_id
       WHERE ${inDays('c')} AND (c.threads > 0 OR c.turns > 0 OR c.credits > 0)
       GROUP BY c.start_time, c.user_id
     ) AS c ON c.start_time = u.start_time AND c.user_id = u.user_id
     WHERE ${inDays('u')}
     ORDER BY u.start_time, k.user_key`,
    `DELETE FROM usage_user_activity_weekly
     WHERE start_time >= ${literal(weeks.start)} AND start_time < ${literal(weeks.end)}`,
    `INSERT INTO usage_user_activity_weekly (start_time, user_key, surface_bits)
     SELECT a.week, a.user_key, BIT_OR(a.surface_bits)
     FROM (
       SELECT a.start_time - (a.start_time - ${literal(WEEK_ORIGIN)}) % ${WEEK_SECONDS} AS week, a.user_key,
         a.surface_bits
       FROM usage_user_activity_daily a
       WHERE a.start_time >= ${literal(weeks.start)} AND a.start_time < ${literal(weeks.end)}
         AND a.surface_bits <> 0
     ) AS a
     GROUP BY a.week, a.user_key
     ORDER BY a.week, a.user_key`,
    wipe('usage_day_totals'),
    `INSERT INTO usage_day_totals (start_time, row_count, ${SUM_NAMES})
     SELECT u.start_time, COUNT(*), ${sums('u')}
     FROM usage_user_daily u WHERE ${inDays('u')} GROUP BY u.start_time ORDER BY u.start_time`,
    wipe('usage_day_client_totals'),
    // A row without clients[] counts wholly under Other, as an item without client_id does.
    `INSERT INTO usage_day_client_totals (start_time, client_id, ${SUM_NAMES})
     SELECT i.start_time, i.client_id, ${sums('i')}
     FROM (
       SELECT c.start_time, c.client_id, c.threads, c.turns, c.credits, c.cost_usd, c.estimated_cost_usd,
         c.uncached_text_input_tokens, c.cached_text_input_tokens, c.text_output_tokens, c.text_total_tokens
       FROM usage_user_client_daily c WHERE ${inDays('c')}
       UNION ALL
       SELECT u.start_time, CAST(NULL AS TEXT), u.threads, u.turns, u.credits, u.cost_usd, u.estimated_cost_usd,
         u.uncached_text_input_tokens, u.cached_text_input_tokens, u.text_output_tokens, u.text_total_tokens
       FROM usage_user_daily u WHERE ${inDays('u')} AND u.client_count = 0
     ) AS i
     GROUP BY i.start_time, i.client_id ORDER BY i.start_time`,
    wipe('usage_day_model_totals'),
    `INSERT INTO usage_day_model_totals (start_time, model, speed, ${SUM_NAMES})
     SELECT m.start_time, m.model, m.speed, ${sums('m')}
     FROM usage_user_model_daily m WHERE ${inDays('m')} GROUP BY m.start_time, m.model, m.speed
     ORDER BY m.start_time`,
  ];
}

const clientKeyRow = z.object({ client_key: z.coerce.number(), client_id: z.string() });

export interface ClientKey {
  clientKey: number;
  clientId: string;
}

/** Every client id ever synced with its key (a handful). */
export async function clientKeys(sql: WarehouseSql): Promise<ClientKey[]> {
  const rows = await sql.query('SELECT client_key, client_id FROM usage_client_keys');
  return rows.map((row) => {
    const r = clientKeyRow.parse(row);
    return { clientKey: r.client_key, clientId: r.client_id };
  });
}
