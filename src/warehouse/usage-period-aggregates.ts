/**
 * Derived tables over the activity rows of usage-aggregates.ts, so distinct users need no per-user
 * grouping where a bucket is one whole period, and less of it elsewhere (issue 11 §7: on PostgreSQL
 * `usage 90d` and `12m by month` spent most of their time hashing (bucket, user) pairs):
 *
 * - `usage_user_activity_monthly`: per user and UTC calendar month with any activity, the OR of its
 *   days' surface bits (start_time: the month's first day). A window's distinct users read one row per
 *   user-month for each whole month inside it.
 * - `usage_surface_sets`: per period ('day', 'week' — Monday to Sunday — or 'month') and set of surface
 *   bits, how many users had exactly that set there. A bucket that is one whole period counts its users
 *   on a surface as the sum over the sets holding one of the surface's bits: a few dozen rows, no users.
 *
 * Like the tables of usage-aggregates.ts, they are only ever rebuilt from the activity rows (and the day
 * totals, for which days are stored), for the periods holding the days a sync replaces, inside its
 * transaction (after those); migration 9 runs the same statements over every stored day.
 */
import { startOfUtcWeek, type TimeWindow, WEEK_SECONDS } from '../domain/utc-days.js';
import { addMonths, startOfUtcMonth } from '../domain/utc-months.js';
import type { EngineStatement } from '../store/sql-engine.js';

/** The tables, created by migration 9. Keys on PostgreSQL only (see warehouse-migrations.ts). */
export const usagePeriodAggregateTables: readonly EngineStatement[] = [
  {
    postgres: `CREATE TABLE usage_user_activity_monthly (start_time BIGINT NOT NULL, user_key INTEGER NOT NULL,
      surface_bits BIGINT NOT NULL, PRIMARY KEY (start_time, user_key))`,
    embedded: `CREATE TABLE usage_user_activity_monthly (start_time BIGINT NOT NULL, user_key INTEGER NOT NULL,
      surface_bits BIGINT NOT NULL)`,
  },
  {
    postgres: `CREATE TABLE usage_surface_sets (period TEXT NOT NULL, start_time BIGINT NOT NULL,
      surface_bits BIGINT NOT NULL, users BIGINT NOT NULL, PRIMARY KEY (period, start_time, surface_bits))`,
    embedded: `CREATE TABLE usage_surface_sets (period TEXT NOT NULL, start_time BIGINT NOT NULL,
      surface_bits BIGINT NOT NULL, users BIGINT NOT NULL)`,
  },
];

export const usagePeriodAggregateTableNames = ['usage_user_activity_monthly', 'usage_surface_sets'] as const;

/** The bounds migration 9 rebuilds over (usage-aggregates.ts ALL_DAYS): past any month arithmetic. */
const ALL_TIME_END = 2 ** 52;

function literal(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`Not an integer: ${value}`);
  return String(value);
}

/** `a / b` for non-negative integers on both engines (DuckDB's `/` is a real division). */
function div(a: string, b: number): string {
  return `CAST(((${a}) - (${a}) % ${b}) / ${b} AS BIGINT)`;
}

/**
 * `source` (a subquery with a day-start `start_time` at or after 1970) with `month_start` added: the
 * first day of its UTC month, by Howard Hinnant's civil_from_days in integer arithmetic, as
 * src/domain/utc-months.ts computes it (SQL date functions differ between the engines' time zones).
 */
export function withMonthStart(source: string): string {
  const z = `SELECT s0.*, ${div('s0.start_time', 86_400)} + 719468 AS civil_z FROM (${source}) AS s0`;
  const doe = `SELECT s1.*, s1.civil_z - ${div('s1.civil_z', 146_097)} * 146097 AS civil_doe FROM (${z}) AS s1`;
  const yoe = `SELECT s2.*, ${div(
    `s2.civil_doe - ${div('s2.civil_doe', 1460)} + ${div('s2.civil_doe', 36_524)} - ${div('s2.civil_doe', 146_096)}`,
    365,
  )} AS civil_yoe FROM (${doe}) AS s2`;
  const doy = `SELECT s3.*, s3.civil_doe - (365 * s3.civil_yoe + ${div('s3.civil_yoe', 4)} - ${div('s3.civil_yoe', 100)})
    AS civil_doy FROM (${yoe}) AS s3`;
  const mp = `SELECT s4.*, ${div('5 * s4.civil_doy + 2', 153)} AS civil_mp FROM (${doy}) AS s4`;
  // The day of the month is civil_doy - (153·mp + 2)/5 + 1: back that many days less one.
  return `SELECT s5.*, (s5.civil_z - 719468 - s5.civil_doy + ${div('153 * s5.civil_mp + 2', 5)}) * 86400
    AS month_start FROM (${mp}) AS s5`;
}

/** The months and Monday weeks holding any of `days`, whole. */
function periodsOf(days: TimeWindow): { weeks: TimeWindow; months: TimeWindow } {
  if (days.end >= ALL_TIME_END) {
    return { weeks: { start: 0, end: ALL_TIME_END }, months: { start: 0, end: ALL_TIME_END } };
  }
  return {
    weeks: { start: startOfUtcWeek(days.start), end: startOfUtcWeek(days.end - 1) + WEEK_SECONDS },
    months: { start: startOfUtcMonth(days.start), end: addMonths(startOfUtcMonth(days.end - 1), 1) },
  };
}

/**
 * The statements that rebuild the monthly activity and the surface sets over the periods holding `days`,
 * from the daily and weekly activity rows (rebuilt first by usage-aggregates.ts). Bounds are inlined
 * (integers), so migration 9 can run them as they are.
 */
export function rebuildUsagePeriodAggregates(days: TimeWindow): string[] {
  const { weeks, months } = periodsOf(days);
  const inRange = (t: string, range: TimeWindow) =>
    `${t}.start_time >= ${literal(range.start)} AND ${t}.start_time < ${literal(range.end)}`;
  const sets = (period: string, table: string, range: TimeWindow) => [
    `DELETE FROM usage_surface_sets WHERE period = '${period}' AND ${inRange('usage_surface_sets', range)}`,
    `INSERT INTO usage_surface_sets (period, start_time, surface_bits, users)
     SELECT '${period}', a.start_time, a.surface_bits, COUNT(*) FROM ${table} a
     WHERE ${inRange('a', range)} AND a.surface_bits <> 0
     GROUP BY a.start_time, a.surface_bits ORDER BY a.start_time`,
  ];
  return [
    `DELETE FROM usage_user_activity_monthly WHERE ${inRange('usage_user_activity_monthly', months)}`,
    // Months found once per stored day (usage_day_totals has a row for each), in a materialized CTE: the
    // engines inline withMonthStart's layers into one expression, larger with each layer, and PostgreSQL
    // computed it after the join, per row (a minute for two months of 20,000 users).
    `INSERT INTO usage_user_activity_monthly (start_time, user_key, surface_bits)
     WITH d AS MATERIALIZED (
       ${withMonthStart(`SELECT t.start_time FROM usage_day_totals t WHERE ${inRange('t', months)}`)}
     )
     SELECT d.month_start, a.user_key, BIT_OR(a.surface_bits)
     FROM usage_user_activity_daily a JOIN d ON d.start_time = a.start_time
     WHERE ${inRange('a', months)} AND a.surface_bits <> 0
     GROUP BY d.month_start, a.user_key
     ORDER BY d.month_start, a.user_key`,
    ...sets('day', 'usage_user_activity_daily', days),
    ...sets('week', 'usage_user_activity_weekly', weeks),
    ...sets('month', 'usage_user_activity_monthly', months),
  ];
}
