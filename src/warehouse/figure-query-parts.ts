/**
 * Pieces every figure query in SQL is built from (warehouse-usage-figures.ts, warehouse-review-figures.ts),
 * in the SQL both engines run: numbered parameters, the window's days mapped to bucket indexes, the users
 * a figure counts, and client_id → surface.
 *
 * Buckets come from src/figures/buckets.ts itself (sqlBuckets), never from SQL date functions, whose
 * time zones and calendars differ between the engines.
 */
import { z } from 'zod';
import type { SurfaceOf } from '../domain/surfaces.js';
import {
  DAY_SECONDS,
  startOfUtcDay,
  startOfUtcWeek,
  type TimeWindow,
  WEEK_SECONDS,
} from '../domain/utc-days.js';
import { createBuckets } from '../figures/buckets.js';
import type { Bucket } from '../figures/figure-types.js';
import type { UsageAccumulator } from '../figures/usage-accumulator.js';
import type { UsersScope } from './warehouse-figure-queries.js';
import type { SqlParam } from './warehouse-sql.js';

/** Collects parameters and hands out their `$n` placeholders. */
export class QueryParams {
  readonly values: SqlParam[] = [];
  add(value: SqlParam): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** An integer literal inlined into SQL: only numbers computed here, never caller text. */
function literal(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`Not an integer: ${value}`);
  return String(value);
}

/** The window's bucket grid in SQL: how many buckets, and a row's bucket index as an expression. */
export interface SqlBuckets {
  count: number;
  /** The bucket index of the row of alias `t` (a row inside the window). */
  indexOf(t: string): string;
}

/**
 * The grid of src/figures/buckets.ts in SQL both engines run, with only integer arithmetic: days and
 * weeks by division from the grid's origin (`/` truncates on PostgreSQL and divides exactly here on
 * DuckDB, whose `/` is a real division), months and quarters by comparing with their bounds. The bounds
 * come from createBuckets itself, so calendar months and quarters, Monday weeks and the window's clipped
 * first and last bucket are exactly the pure functions'. Null when the window has no buckets.
 */
export function sqlBuckets(window: TimeWindow, bucket: Bucket): SqlBuckets | null {
  const buckets = createBuckets(window, bucket);
  if (buckets.count === 0) return null;
  if (bucket === 'day' || bucket === 'week') {
    const size = bucket === 'week' ? WEEK_SECONDS : DAY_SECONDS;
    const origin = bucket === 'week' ? startOfUtcWeek(window.start) : startOfUtcDay(window.start);
    return {
      count: buckets.count,
      indexOf: (t) => {
        const since = `(${t}.start_time - ${literal(origin)})`;
        return `CAST((${since} - ${since} % ${literal(size)}) / ${literal(size)} AS BIGINT)`;
      },
    };
  }
  const bounds: number[] = [];
  for (let i = 0; i < buckets.count - 1; i++) bounds.push(buckets.windowOf(i).end);
  return {
    count: buckets.count,
    indexOf: (t) =>
      bounds.length === 0
        ? '0'
        : `CASE ${bounds.map((end, i) => `WHEN ${t}.start_time < ${literal(end)} THEN ${i}`).join(' ')} ELSE ${bounds.length} END`,
  };
}

/** `AND t.start_time in window` plus the users scope, for table alias `t`. */
export function rowFilter(t: string, window: TimeWindow, users: UsersScope, params: QueryParams): string {
  const range = `${t}.start_time >= ${params.add(window.start)} AND ${t}.start_time < ${params.add(window.end)}`;
  if (users === null) return range;
  return `${range} AND ${t}.user_id IN (
    SELECT codex_user_id FROM team_members WHERE team_id = ${params.add(users.teamId)} AND codex_user_id IS NOT NULL)`;
}

/**
 * `(VALUES (client_id, surface), …) AS surface_map(client_id, surface)` over `clientIds`, mapped by the
 * app's SurfaceOf (configurable SURFACE_MAP with a prefix rule, so not SQL). Ids it does not list (null
 * ones) join to nothing and read as Other, as surfaceOf(null) does.
 */
export function surfaceMap(clientIds: readonly string[], surfaceOf: SurfaceOf, params: QueryParams): string {
  const tuples = clientIds.map(
    (id) => `(CAST(${params.add(id)} AS TEXT), CAST(${params.add(surfaceOf(id))} AS TEXT))`,
  );
  if (tuples.length === 0) tuples.push("(CAST(NULL AS TEXT), 'other')");
  return `(VALUES ${tuples.join(', ')}) AS surface_map(client_id, surface)`;
}

/**
 * One row's estimated USD, the rule of every estimate (alerts, budgets, teams; estimatedUsd in
 * src/figures/user-spend.ts is its pure twin): `cost_usd`, else `estimated_cost_usd`, else credits ×
 * the price bound at `price` (CREDIT_PRICE_USD). `t` is a table alias, or '' for unqualified columns.
 */
export function usdEstimate(t: string, price: string): string {
  const c = t === '' ? '' : `${t}.`;
  return `COALESCE(${c}cost_usd, ${c}estimated_cost_usd, ${c}credits * CAST(${price} AS DOUBLE PRECISION))`;
}

/** SUMs of the metric columns of alias `t`, named as metricSums reads them; null = none known. */
export function metricSums(t: string): string {
  return `SUM(${t}.threads) AS threads, SUM(${t}.turns) AS turns, SUM(${t}.credits) AS credits,
    SUM(${t}.cost_usd) AS cost_usd, SUM(${t}.estimated_cost_usd) AS estimated_cost_usd,
    SUM(COALESCE(${t}.cost_usd, ${t}.estimated_cost_usd)) AS usd,
    SUM(${t}.uncached_text_input_tokens) AS uncached, SUM(${t}.cached_text_input_tokens) AS cached,
    SUM(${t}.text_output_tokens) AS output, SUM(${t}.text_total_tokens) AS total`;
}

/** The metric columns of alias `t`, for a subquery whose rows metricSums('s') adds up. */
export function metricColumns(t: string): string {
  return `${t}.threads, ${t}.turns, ${t}.credits, ${t}.cost_usd, ${t}.estimated_cost_usd,
    ${t}.uncached_text_input_tokens, ${t}.cached_text_input_tokens, ${t}.text_output_tokens,
    ${t}.text_total_tokens`;
}

// SUM of BIGINT is NUMERIC on PostgreSQL and HUGEINT on DuckDB: both arrive as strings.
const known = z.union([z.null(), z.coerce.number()]);
const zeroIfNone = known.transform((v) => v ?? 0);
const sumsRow = z.object({
  threads: zeroIfNone,
  turns: zeroIfNone,
  credits: zeroIfNone,
  cost_usd: known,
  estimated_cost_usd: known,
  usd: known,
  uncached: known,
  cached: known,
  output: known,
  total: known,
});

/** The sums of a metricSums row as the pure functions' accumulator (same null rule: none known = null). */
export function accumulatorOf(row: unknown): UsageAccumulator {
  const r = sumsRow.parse(row);
  return {
    threads: r.threads,
    turns: r.turns,
    credits: r.credits,
    costUsd: r.cost_usd,
    estimatedCostUsd: r.estimated_cost_usd,
    usd: r.usd,
    uncachedInput: r.uncached,
    cachedInput: r.cached,
    output: r.output,
    total: r.total,
  };
}

/** A grouping-set row's bucket index; null on the whole-window row. */
export const bucketIndex = z.union([z.null(), z.coerce.number()]);
export const countValue = z.union([z.null(), z.coerce.number()]).transform((v) => v ?? 0);
