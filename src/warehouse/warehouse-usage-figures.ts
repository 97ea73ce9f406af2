/**
 * Adoption and the usage breakdown in SQL (issue 11 §4–5): what computeAdoption and
 * computeUsageBreakdown (src/figures) return on the same rows, from four aggregate queries both engines
 * run — per-user rows' totals, what counts on each surface, distinct active users, models[] items. Tests
 * hold them to the pure functions on both engines, every bucket, with and without a surface filter
 * (test/analytics/warehouse-sql-figures.test.ts, warehouse-cross-check.test.ts).
 *
 * The definitions, as in the pure functions:
 * - Distinct users are counted per bucket, per surface and over the window, never summed.
 * - A clients[] item counts on its surface; a row without clients[] counts wholly under Other.
 * - With a surface filter, only that surface's activity counts (src/analytics/row-filters.ts
 *   rowsOnSurface): its clients[] items, plus client-less rows when the surface is Other; no models.
 * - Token and USD sums are null when no contributing value was known (SQL SUM's own rule).
 * - The series runs from the window start to the newest bucket holding any per-user row, or through
 *   `seriesThrough` when that is later.
 */

import { z } from 'zod';
import { type Surface, surfaces } from '../domain/surfaces.js';
import { createBuckets, lastSeriesBucket } from '../figures/buckets.js';
import { compareText } from '../figures/compare-text.js';
import type { AdoptionPoint, UsagePoint } from '../figures/figure-types.js';
import { isProvisional } from '../figures/freshness.js';
import {
  createSurfaceAccumulators,
  createUsageAccumulator,
  mergeInto,
  toSurfaceFigures,
  toUsageFigures,
  type UsageAccumulator,
} from '../figures/usage-accumulator.js';
import { activeUsersQuery, bitsAnswer, parseActiveUsers } from './active-users-query.js';
import { dayClientTotalsQuery, dayModelTotalsQuery, dayTotalsQuery } from './aggregate-usage-queries.js';
import {
  accumulatorOf,
  bucketIndex,
  countValue,
  metricColumns,
  metricSums,
  QueryParams,
  rowFilter,
  type SqlBuckets,
  sqlBuckets,
  surfaceMap,
} from './figure-query-parts.js';
import { queryWithoutParallelWorkers } from './query-without-parallel-workers.js';
import { clientKeys } from './usage-aggregates.js';
import type { UsageFigureQuery, UsageFigures } from './warehouse-figure-queries.js';
import type { WarehouseSql } from './warehouse-sql.js';

const rowsRow = z.object({ idx: z.coerce.number(), row_count: countValue });
const surfaceSumsRow = z.object({ idx: z.coerce.number(), surface: z.enum(surfaces) });
/** `surface` '*' stands for "active at all" (adoption's ACTIVE_BIT); idx null for the whole window. */
const usersRow = z.object({
  idx: bucketIndex,
  surface: z.union([z.enum(surfaces), z.literal('*')]),
  users: countValue,
});
const modelRow = z.object({ model: z.string(), speed: z.string().nullable() });

/** Per bucket: rows (for the series' extent) and, without a surface filter, the totals' sums. */
export function rowsQuery(query: UsageFigureQuery, grid: SqlBuckets, params: QueryParams): string {
  const sums = query.surface === null ? `, ${metricSums('r')}` : '';
  return `SELECT r.idx AS idx, COUNT(*) AS row_count${sums}
    FROM (
      SELECT ${grid.indexOf('u')} AS idx, ${metricColumns('u')} FROM usage_user_daily u
      WHERE ${rowFilter('u', query.window, query.users ?? null, params)}
    ) AS r
    GROUP BY r.idx`;
}

/**
 * What counts on each surface, one row per clients[] item (on its surface) or client-less row (Other),
 * with its activity and metrics; with a surface filter, that surface's only.
 */
function surfaceItems(query: UsageFigureQuery, grid: SqlBuckets, map: string, params: QueryParams): string {
  const users = query.users ?? null;
  const { surface } = query;
  const clientItems = `SELECT ${grid.indexOf('c')} AS idx, COALESCE(surface_map.surface, 'other') AS surface,
      c.user_id AS user_id, (c.threads > 0 OR c.turns > 0 OR c.credits > 0) AS active, ${metricColumns('c')}
    FROM usage_user_client_daily c LEFT JOIN ${map} ON surface_map.client_id = c.client_id
    WHERE ${rowFilter('c', query.window, users, params)}`;
  if (surface !== null && surface !== 'other') {
    return `SELECT * FROM (${clientItems}) AS items WHERE items.surface = CAST(${params.add(surface)} AS TEXT)`;
  }
  // `active` of a client-less row is its totals' activity (warehouse-tables.ts).
  const clientless = `SELECT ${grid.indexOf('u')} AS idx, 'other' AS surface, u.user_id AS user_id, u.active AS active,
      ${metricColumns('u')}
    FROM usage_user_daily u WHERE ${rowFilter('u', query.window, users, params)} AND u.client_count = 0`;
  const all = `${clientItems} UNION ALL ${clientless}`;
  return surface === null ? all : `SELECT * FROM (${all}) AS items WHERE items.surface = 'other'`;
}

/** Per (bucket, surface): the sums of what counts there. */
export function surfacesQuery(
  query: UsageFigureQuery,
  grid: SqlBuckets,
  map: string,
  params: QueryParams,
): string {
  return `SELECT s.idx AS idx, s.surface AS surface, ${metricSums('s')}
    FROM (${surfaceItems(query, grid, map, params)}) AS s
    GROUP BY s.idx, s.surface`;
}

/**
 * Distinct active users per (bucket, surface) and per surface over the window, '*' for active at all
 * (unfiltered only: filtered, the surface's own users are all there is). Distinct (bucket, surface,
 * user) triples first, then counts: cheaper on both engines than COUNT(DISTINCT) per group.
 */
export function usersQuery(
  query: UsageFigureQuery,
  grid: SqlBuckets,
  map: string,
  params: QueryParams,
): string {
  const items = `SELECT s.idx, s.surface, s.user_id FROM (${surfaceItems(query, grid, map, params)}) AS s
    WHERE s.active`;
  const anyActivity =
    query.surface === null
      ? `UNION ALL SELECT ${grid.indexOf('u')}, '*', u.user_id
         FROM usage_user_daily u WHERE ${rowFilter('u', query.window, query.users ?? null, params)} AND u.active`
      : '';
  return `WITH active_users AS (
      SELECT DISTINCT a.idx AS idx, a.surface AS surface, a.user_id AS user_id FROM (${items} ${anyActivity}) AS a
    )
    SELECT idx, surface, COUNT(*) AS users FROM active_users GROUP BY idx, surface
    UNION ALL
    SELECT NULL AS idx, surface, COUNT(DISTINCT user_id) AS users FROM active_users GROUP BY surface`;
}

export function modelsQuery(query: UsageFigureQuery, params: QueryParams): string {
  return `SELECT m.model AS model, m.speed AS speed, ${metricSums('m')}
    FROM usage_user_model_daily m
    WHERE ${rowFilter('m', query.window, query.users ?? null, params)}
    GROUP BY m.model, m.speed`;
}

interface BucketCells {
  users: number;
  bySurface: Record<Surface, number>;
  totals: UsageAccumulator;
  surfaceSums: Record<Surface, UsageAccumulator>;
}

function emptyCells(): BucketCells {
  const bySurface = Object.fromEntries(surfaces.map((s) => [s, 0])) as Record<Surface, number>;
  return { users: 0, bySurface, totals: createUsageAccumulator(), surfaceSums: createSurfaceAccumulators() };
}

/** Adoption and the usage breakdown of `query.window`, as computeAdoption and computeUsageBreakdown. */
export async function warehouseUsageFigures(
  sql: WarehouseSql,
  query: UsageFigureQuery,
): Promise<UsageFigures> {
  const { window, bucket, surface, now } = query;
  const buckets = createBuckets(window, bucket);
  const grid = sqlBuckets(window, bucket);
  const cells: BucketCells[] = Array.from({ length: buckets.count }, emptyCells);
  const whole = emptyCells();
  const models: Array<{ model: string; speed: string | null; acc: UsageAccumulator }> = [];
  let newestBucket = -1;

  if (grid !== null) {
    const params = [new QueryParams(), new QueryParams(), new QueryParams(), new QueryParams()] as const;
    const keys = await clientKeys(sql);
    const ids = keys.map((k) => k.clientId);
    // The derived tables hold everyone's days: a team's figures still read its members' rows.
    const derived = (query.users ?? null) === null;
    const bits = derived && bitsAnswer(keys);
    const map = surfaceMap(ids, query.surfaceOf, params[1]);
    const [rows, surfaceSums, activeUsers, byModel] = await Promise.all([
      sql.query(
        derived ? dayTotalsQuery(query, grid, params[0]) : rowsQuery(query, grid, params[0]),
        params[0].values,
      ),
      sql.query(
        derived
          ? dayClientTotalsQuery(query, grid, map, params[1])
          : surfacesQuery(query, grid, map, params[1]),
        params[1].values,
      ),
      bits
        ? queryWithoutParallelWorkers(sql, activeUsersQuery(query, grid, keys))
        : sql.query(
            usersQuery(query, grid, surfaceMap(ids, query.surfaceOf, params[2]), params[2]),
            params[2].values,
          ),
      surface === null
        ? sql.query(
            derived ? dayModelTotalsQuery(query, params[3]) : modelsQuery(query, params[3]),
            params[3].values,
          )
        : [],
    ]);
    for (const row of rows) {
      const r = rowsRow.parse(row);
      const cell = cells[r.idx];
      if (cell === undefined) continue;
      if (r.row_count > 0 && r.idx > newestBucket) newestBucket = r.idx;
      if (surface === null) cell.totals = accumulatorOf(row);
    }
    for (const row of surfaceSums) {
      const r = surfaceSumsRow.parse(row);
      const cell = cells[r.idx];
      if (cell === undefined) continue;
      cell.surfaceSums[r.surface] = accumulatorOf(row);
      // Filtered: the surface's activity is all there is.
      if (surface !== null) cell.totals = accumulatorOf(row);
    }
    for (const row of activeUsers) {
      if (bits) {
        const r = parseActiveUsers(row, query);
        const cell = r.idx === null ? whole : cells[r.idx];
        if (cell === undefined) continue;
        for (const [on, users] of r.bySurface) cell.bySurface[on] = users;
        // Filtered: the surface's own users are all there is.
        cell.users = surface === null ? r.any : (r.bySurface[0]?.[1] ?? 0);
        continue;
      }
      const r = usersRow.parse(row);
      const cell = r.idx === null ? whole : cells[r.idx];
      if (cell === undefined) continue;
      if (r.surface === '*') cell.users = r.users;
      else {
        cell.bySurface[r.surface] = r.users;
        if (surface !== null) cell.users = r.users;
      }
    }
    for (const row of byModel) {
      const r = modelRow.parse(row);
      models.push({ model: r.model, speed: r.speed, acc: accumulatorOf(row) });
    }
  }
  // Window sums are the buckets' sums added up, as the pure functions add them.
  for (const cell of cells) {
    mergeInto(whole.totals, cell.totals);
    for (const s of surfaces) mergeInto(whole.surfaceSums[s], cell.surfaceSums[s]);
  }

  const adoptionSeries: AdoptionPoint[] = [];
  const usageSeries: UsagePoint[] = [];
  const lastBucket = lastSeriesBucket(buckets, window, newestBucket, query.seriesThrough);
  for (let b = 0; b <= lastBucket; b++) {
    const cell = cells[b] ?? emptyCells();
    const span = buckets.windowOf(b);
    const provisional = isProvisional(span.end, now);
    adoptionSeries.push({ ...span, activeUsers: cell.users, bySurface: cell.bySurface, provisional });
    usageSeries.push({
      ...span,
      totals: toUsageFigures(cell.totals),
      bySurface: toSurfaceFigures(cell.surfaceSums),
      provisional,
    });
  }
  models.sort(
    (a, b) => b.acc.credits - a.acc.credits || compareText(a.model, b.model) || compareText(a.speed, b.speed),
  );
  return {
    adoption: {
      window,
      bucket,
      activeUsers: whole.users,
      bySurface: whole.bySurface,
      series: adoptionSeries,
    },
    usage: {
      window,
      bucket,
      totals: toUsageFigures(whole.totals),
      bySurface: toSurfaceFigures(whole.surfaceSums),
      byModel: models.map(({ model, speed, acc }) => ({ model, speed, figures: toUsageFigures(acc) })),
      series: usageSeries,
    },
  };
}
