/**
 * The usage figures' four queries over the derived tables of usage-aggregates.ts instead of the per-user
 * rows (issue 11 §7): per-day sums added up per bucket, and distinct active users from the narrow
 * activity table's integer keys and surface bits. Same rows out as the queries of
 * warehouse-usage-figures.ts, which still answer for a team (the day sums are everyone's) and when a
 * client key has no bit.
 *
 * Distinct users: each user's bits OR-ed per bucket and over the window, then per bucket
 * the users whose bits meet a surface's mask — the client keys that surface's client ids map to (the
 * app's SurfaceOf), plus bit 1 for Other — counted once each, so never summed across surfaces or buckets.
 */
import { z } from 'zod';
import { type Surface, type SurfaceOf, surfaces } from '../domain/surfaces.js';
import { startOfUtcWeek, type TimeWindow, WEEK_SECONDS } from '../domain/utc-days.js';
import { createBuckets } from '../figures/buckets.js';
import { bucketIndex, countValue, type QueryParams, type SqlBuckets } from './figure-query-parts.js';
import { type ClientKey, MAX_CLIENT_KEY } from './usage-aggregates.js';
import type { UsageFigureQuery } from './warehouse-figure-queries.js';

/** SUMs of the derived tables' sum columns of alias `t`, named as accumulatorOf reads them. */
function daySums(t: string): string {
  return `SUM(${t}.threads) AS threads, SUM(${t}.turns) AS turns, SUM(${t}.credits) AS credits,
    SUM(${t}.cost_usd) AS cost_usd, SUM(${t}.estimated_cost_usd) AS estimated_cost_usd, SUM(${t}.usd) AS usd,
    SUM(${t}.uncached_text_input_tokens) AS uncached, SUM(${t}.cached_text_input_tokens) AS cached,
    SUM(${t}.text_output_tokens) AS output, SUM(${t}.text_total_tokens) AS total`;
}

function inWindow(t: string, query: UsageFigureQuery, params: QueryParams): string {
  return `${t}.start_time >= ${params.add(query.window.start)} AND ${t}.start_time < ${params.add(query.window.end)}`;
}

/** Per bucket: rows (the series' extent) and, without a surface filter, the totals' sums. */
export function dayTotalsQuery(query: UsageFigureQuery, grid: SqlBuckets, params: QueryParams): string {
  const sums = query.surface === null ? `, ${daySums('d')}` : '';
  // Grouped by the alias of a subquery: a one-bucket grid's index is the constant 0, which GROUP BY
  // would read as a column position.
  return `SELECT d.idx AS idx, SUM(d.row_count) AS row_count${sums}
    FROM (SELECT ${grid.indexOf('t')} AS idx, t.* FROM usage_day_totals t WHERE ${inWindow('t', query, params)}) AS d
    GROUP BY d.idx`;
}

/** Per (bucket, surface): the sums of what counts there; with a surface filter, that surface's only. */
export function dayClientTotalsQuery(
  query: UsageFigureQuery,
  grid: SqlBuckets,
  map: string,
  params: QueryParams,
): string {
  const items = `SELECT ${grid.indexOf('c')} AS idx, COALESCE(surface_map.surface, 'other') AS surface,
      c.threads, c.turns, c.credits, c.cost_usd, c.estimated_cost_usd, c.usd, c.uncached_text_input_tokens,
      c.cached_text_input_tokens, c.text_output_tokens, c.text_total_tokens
    FROM usage_day_client_totals c LEFT JOIN ${map} ON surface_map.client_id = c.client_id
    WHERE ${inWindow('c', query, params)}`;
  const only = query.surface === null ? '' : `WHERE s.surface = CAST(${params.add(query.surface)} AS TEXT)`;
  return `SELECT s.idx AS idx, s.surface AS surface, ${daySums('s')}
    FROM (${items}) AS s ${only}
    GROUP BY s.idx, s.surface`;
}

export function dayModelTotalsQuery(query: UsageFigureQuery, params: QueryParams): string {
  return `SELECT m.model AS model, m.speed AS speed, ${daySums('m')}
    FROM usage_day_model_totals m WHERE ${inWindow('m', query, params)}
    GROUP BY m.model, m.speed`;
}

/** The surfaces counted: all of them, or the filter's one. */
function countedSurfaces(query: UsageFigureQuery): readonly Surface[] {
  return query.surface === null ? surfaces : [query.surface];
}

/** A surface's bits: its client keys' (bit 2 + key), and bit 1 (Other without a known client id). */
function surfaceMask(surface: Surface, keys: readonly ClientKey[], surfaceOf: SurfaceOf): bigint {
  let mask = surface === 'other' ? 2n : 0n;
  for (const { clientKey, clientId } of keys) {
    if (surfaceOf(clientId) === surface) mask |= 1n << BigInt(clientKey + 2);
  }
  return mask;
}

/** Whether the surface bits can answer: every client key has a bit. */
export function bitsAnswer(keys: readonly ClientKey[]): boolean {
  return keys.every((k) => k.clientKey <= MAX_CLIENT_KEY);
}

/**
 * Distinct active users per bucket (idx) and over the window (idx null): `any_users` active at all,
 * `users_<i>` on the i-th counted surface. Masks are BigInt literals computed here, never caller text.
 * A day bucket holds one row per user (the warehouse refuses a second; usageDays counts the same way),
 * so its rows are counted as they are; longer buckets OR each user's days first, reading one user-week
 * row for each whole week inside the bucket (the window, for its own count) and day rows for the rest.
 */
export function activeUsersQuery(
  query: UsageFigureQuery,
  grid: SqlBuckets,
  keys: readonly ClientKey[],
  params: QueryParams,
): string {
  const counts = (bits: string) => [
    `SUM(CASE WHEN (${bits} & CAST(1 AS BIGINT)) <> 0 THEN 1 ELSE 0 END) AS any_users`,
    ...countedSurfaces(query).map((surface, i) => {
      const mask = surfaceMask(surface, keys, query.surfaceOf).toString();
      return `SUM(CASE WHEN (${bits} & CAST(${mask} AS BIGINT)) <> 0 THEN 1 ELSE 0 END) AS users_${i}`;
    }),
  ];
  const { window } = query;
  const buckets = createBuckets(window, query.bucket);
  // Whole weeks inside the window (for its distinct users), and those inside one bucket (for the bucket's).
  const windowWeeks = wholeWeeks(window, () => true);
  const bucketWeeks = wholeWeeks(window, (w) => buckets.indexOf(w) === buckets.indexOf(w + WEEK_SECONDS - 1));
  /** Active rows: a user-week row for each week of `weeks`, day rows for the other days of the window. */
  const activeRows = (weeks: readonly TimeWindow[]) => {
    const inWeeks = (t: string) =>
      weeks.map((w) => `(${t}.start_time >= ${w.start} AND ${t}.start_time < ${w.end})`);
    const days = `SELECT ${grid.indexOf('a')} AS idx, a.user_key, a.surface_bits
      FROM usage_user_activity_daily a WHERE ${inWindow('a', query, params)} AND a.surface_bits <> 0
      ${weeks.length === 0 ? '' : `AND NOT (${inWeeks('a').join(' OR ')})`}`;
    if (weeks.length === 0) return days;
    return `${days} UNION ALL SELECT ${grid.indexOf('w')} AS idx, w.user_key, w.surface_bits
      FROM usage_user_activity_weekly w WHERE ${inWeeks('w').join(' OR ')}`;
  };
  const perBucket =
    query.bucket === 'day'
      ? `SELECT r.idx AS idx, ${counts('r.surface_bits').join(', ')} FROM (${activeRows([])}) AS r GROUP BY r.idx`
      : `SELECT p.idx AS idx, ${counts('p.bits').join(', ')} FROM (
          SELECT r.idx, r.user_key, BIT_OR(r.surface_bits) AS bits FROM (${activeRows(bucketWeeks)}) AS r
          GROUP BY r.idx, r.user_key
        ) AS p GROUP BY p.idx`;
  const wholeWindow = `SELECT NULL AS idx, ${counts('w.bits').join(', ')} FROM (
      SELECT r.user_key, BIT_OR(r.surface_bits) AS bits FROM (${activeRows(windowWeeks)}) AS r GROUP BY r.user_key
    ) AS w`;
  return `${perBucket} UNION ALL ${wholeWindow}`;
}

/**
 * The Monday–Sunday weeks wholly inside `window` that `keep` accepts (by Monday), merged into runs of
 * consecutive weeks: the ranges the weekly activity rows stand in for.
 */
function wholeWeeks(window: TimeWindow, keep: (monday: number) => boolean): TimeWindow[] {
  const runs: TimeWindow[] = [];
  const first = startOfUtcWeek(window.start);
  for (
    let monday = first < window.start ? first + WEEK_SECONDS : first;
    monday + WEEK_SECONDS <= window.end;
    monday += WEEK_SECONDS
  ) {
    if (!keep(monday)) continue;
    const last = runs[runs.length - 1];
    if (last !== undefined && last.end === monday) last.end = monday + WEEK_SECONDS;
    else runs.push({ start: monday, end: monday + WEEK_SECONDS });
  }
  return runs;
}

const activeUsersRow = z.object({ idx: bucketIndex, any_users: countValue }).catchall(z.unknown());

/** A row of activeUsersQuery: who was active at all, and on each counted surface. */
export function parseActiveUsers(
  row: unknown,
  query: UsageFigureQuery,
): { idx: number | null; any: number; bySurface: [Surface, number][] } {
  const r = activeUsersRow.parse(row);
  return {
    idx: r.idx,
    any: r.any_users,
    bySurface: countedSurfaces(query).map((surface, i) => [surface, countValue.parse(r[`users_${i}`])]),
  };
}
