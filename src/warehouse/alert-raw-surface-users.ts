/**
 * Distinct active users per (period, surface) from the per-client rows, for the surfaces the activity
 * table's bits cannot answer: those holding a client key past MAX_CLIENT_KEY (usage-aggregates.ts), which
 * gets no bit. Slow (text user ids over millions of rows) but rare: it takes more than 61 client ids.
 * Active as alertSeries reads a surface: a per-client row with threads, turns or credits; rows without
 * clients[] (and items without a client_id) are Other.
 */
import type { SurfaceOf } from '../domain/surfaces.js';
import type { TimeWindow } from '../domain/utc-days.js';
import type { QueryParams } from './figure-query-parts.js';

/** Rows (ps, pe, k = surface, n0 = users), as alert-active-users.ts's statement gives them. */
export function rawSurfaceUsersStatement(
  periods: readonly TimeWindow[],
  clientIds: readonly string[],
  surfaceOf: SurfaceOf,
  params: QueryParams,
): string {
  const start = params.add(Math.min(...periods.map((p) => p.start)));
  const end = params.add(Math.max(...periods.map((p) => p.end)));
  const inWindow = `start_time >= ${start} AND start_time < ${end}`;
  const whens = clientIds.map((id) => `WHEN client_id = ${params.add(id)} THEN ${params.add(surfaceOf(id))}`);
  const surface = `CAST(${whens.length === 0 ? `'other'` : `CASE ${whens.join(' ')} ELSE 'other' END`} AS TEXT)`;
  // Typed: PostgreSQL reads an untyped parameter in VALUES as text.
  const tuples = periods.map(
    (p) => `(CAST(${params.add(p.start)} AS BIGINT), CAST(${params.add(p.end)} AS BIGINT))`,
  );
  return `SELECT d.ps AS ps, d.pe AS pe, d.k AS k, COUNT(*) AS n0 FROM (
      SELECT DISTINCT p.ps, p.pe, s.k, s.user_id FROM (
        SELECT start_time AS day, ${surface} AS k, user_id FROM usage_user_client_daily
          WHERE ${inWindow} AND (threads > 0 OR turns > 0 OR credits > 0)
        UNION ALL
        SELECT start_time AS day, CAST('other' AS TEXT) AS k, user_id FROM usage_user_daily
          WHERE ${inWindow} AND client_count = 0 AND active
      ) AS s
      JOIN (VALUES ${tuples.join(', ')}) AS p(ps, pe) ON s.day >= p.ps AND s.day < p.pe
    ) AS d
    GROUP BY d.ps, d.pe, d.k`;
}
