/**
 * Figures straight from warehouse rows, in SQL both engines run. They follow the pure functions'
 * definitions exactly (src/figures/adoption.ts, usage-breakdown.ts) — a cross-check test holds them to
 * it: distinct users are counted, never summed; a clients[] item counts on its surface; a row without
 * clients[] counts wholly under Other.
 *
 * client_id → surface is configurable (SURFACE_MAP) and has a prefix rule, so it is not SQL: the
 * distinct client ids of the window are mapped with the app's SurfaceOf and joined in as a VALUES list.
 */
import { z } from 'zod';
import { type Surface, type SurfaceOf, surfaces } from '../domain/surfaces.js';
import type { TimeWindow } from '../domain/utc-days.js';
import type { WarehouseAdoption, WarehouseCredits } from './warehouse.js';
import type { SqlParam, WarehouseSql } from './warehouse-sql.js';

const surfaceCount = z.object({ surface: z.enum(surfaces), value: z.coerce.number() });
const single = z.object({ value: z.union([z.null(), z.coerce.number()]) });
const clientIdRow = z.object({ client_id: z.string() });

/** A subquery `surface_map(client_id, surface)` for the client ids of `window`, params from $3 on. */
async function surfaceMap(
  sql: WarehouseSql,
  window: TimeWindow,
  surfaceOf: SurfaceOf,
): Promise<{ from: string; params: SqlParam[] }> {
  const rows = await sql.query(
    `SELECT DISTINCT client_id FROM usage_user_client_daily
     WHERE start_time >= $1 AND start_time < $2 AND client_id IS NOT NULL`,
    [window.start, window.end],
  );
  const ids = rows.map((row) => clientIdRow.parse(row).client_id);
  if (ids.length === 0) {
    return { from: "(SELECT 'none' AS client_id, 'other' AS surface) AS surface_map", params: [] };
  }
  const params: SqlParam[] = [];
  const tuples = ids.map((id, i) => {
    params.push(id, surfaceOf(id));
    return `($${3 + 2 * i}, $${4 + 2 * i})`;
  });
  return { from: `(VALUES ${tuples.join(', ')}) AS surface_map(client_id, surface)`, params };
}

/** Per-(user, surface) rows of the window: clients[] items by surface, client-less rows as Other. */
function surfaceRows(
  map: string,
  measure: (alias: string) => string,
  clientFilter: string,
  userFilter: string,
): string {
  return `
    SELECT c.user_id, COALESCE(surface_map.surface, 'other') AS surface, ${measure('c')} AS measure
    FROM usage_user_client_daily c LEFT JOIN ${map} ON surface_map.client_id = c.client_id
    WHERE c.start_time >= $1 AND c.start_time < $2 ${clientFilter}
    UNION ALL
    SELECT u.user_id, 'other' AS surface, ${measure('u')} AS measure
    FROM usage_user_daily u
    WHERE u.start_time >= $1 AND u.start_time < $2 AND u.client_count = 0 ${userFilter}`;
}

function bySurface(rows: readonly Record<string, unknown>[]): Record<Surface, number> {
  const record = Object.fromEntries(surfaces.map((s) => [s, 0])) as Record<Surface, number>;
  for (const row of rows) {
    const parsed = surfaceCount.parse(row);
    record[parsed.surface] = parsed.value;
  }
  return record;
}

/** Distinct active users over `window`, overall and per surface. */
export async function warehouseAdoption(
  sql: WarehouseSql,
  window: TimeWindow,
  surfaceOf: SurfaceOf,
): Promise<WarehouseAdoption> {
  const range = [window.start, window.end];
  const [total] = await sql.query(
    `SELECT COUNT(DISTINCT user_id) AS value FROM usage_user_daily
     WHERE start_time >= $1 AND start_time < $2 AND active`,
    range,
  );
  const map = await surfaceMap(sql, window, surfaceOf);
  const rows = await sql.query(
    `SELECT surface, COUNT(DISTINCT user_id) AS value FROM (${surfaceRows(
      map.from,
      () => '1',
      'AND (c.threads > 0 OR c.turns > 0 OR c.credits > 0)',
      'AND u.active',
    )}) AS per_surface GROUP BY surface`,
    [...range, ...map.params],
  );
  return { activeUsers: single.parse(total).value ?? 0, bySurface: bySurface(rows) };
}

/** Credits over `window` from per-user rows: totals, and clients[] items by surface. */
export async function warehouseCredits(
  sql: WarehouseSql,
  window: TimeWindow,
  surfaceOf: SurfaceOf,
): Promise<WarehouseCredits> {
  const range = [window.start, window.end];
  const [total] = await sql.query(
    'SELECT SUM(credits) AS value FROM usage_user_daily WHERE start_time >= $1 AND start_time < $2',
    range,
  );
  const map = await surfaceMap(sql, window, surfaceOf);
  const rows = await sql.query(
    `SELECT surface, SUM(measure) AS value FROM (${surfaceRows(map.from, (t) => `${t}.credits`, '', '')}) AS per_surface
     GROUP BY surface`,
    [...range, ...map.params],
  );
  return { total: single.parse(total).value ?? 0, bySurface: bySurface(rows) };
}
