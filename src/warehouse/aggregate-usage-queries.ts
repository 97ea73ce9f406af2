/**
 * The usage figures' queries over the derived tables of usage-aggregates.ts instead of the per-user
 * rows (issue 11 §7): per-day sums added up per bucket (distinct active users: active-users-query.ts).
 * Same rows out as the queries of warehouse-usage-figures.ts, which still answer for a team (the day
 * sums are everyone's) and when a client key has no bit.
 */
import type { QueryParams, SqlBuckets } from './figure-query-parts.js';
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
