/**
 * A rule's metric per period over the warehouse's history (issue 13): what alert previews and firings
 * judge. Sums are read per day and folded into periods here (a week's credits are its days' credits);
 * distinct users are counted per period in SQL, never summed over days. Both engines run these
 * statements unchanged.
 *
 * Scopes: a surface reads the per-client rows of the clients on it (client-less rows count as Other,
 * as in the figures); a team reads the members the identity refresh matched to a Codex user; a user
 * reads the Codex users matched to that Slack user.
 */
import { z } from 'zod';
import type { AlertMetric } from '../domain/alert-rules.js';
import type { TimeWindow } from '../domain/utc-days.js';
import type { PeriodValue } from '../figures/alert-evaluation.js';
import { createBuckets } from '../figures/buckets.js';
import { usdEstimate } from './figure-query-parts.js';
import type { AlertSeriesQuery } from './warehouse.js';
import type { SqlParam, WarehouseSql } from './warehouse-sql.js';

export const dayValues = z.object({
  day: z.coerce.number(),
  a: z.coerce.number().nullable(),
  b: z.coerce.number().nullable(),
});
const periodCount = z.object({ period_start: z.coerce.number(), value: z.coerce.number() });
const clientIdRow = z.object({ client_id: z.string() });

/** The metric per period of `query.window`, every period present (0 when nothing happened). */
export async function alertSeries(sql: WarehouseSql, query: AlertSeriesQuery): Promise<PeriodValue[]> {
  const buckets = createBuckets(query.window, query.period);
  const periods = Array.from({ length: buckets.count }, (_, i) => buckets.windowOf(i));
  const values =
    query.metric === 'active-users'
      ? await distinctUsers(sql, query, periods)
      : await foldDays(await dailyPairs(sql, query), query.metric, buckets.count, buckets.indexOf);
  return periods.map((period, i) => ({
    ...period,
    value: values[i] ?? null,
    provisional: period.end > query.closedThrough,
  }));
}

/**
 * Per day, the pair a metric needs: (sum, unused) for sums, (upvotes, downvotes) for the positive share.
 */
export async function dailyPairs(
  sql: WarehouseSql,
  query: AlertSeriesQuery,
): Promise<z.infer<typeof dayValues>[]> {
  const range: SqlParam[] = [query.window.start, query.window.end];
  const inWindow = 'start_time >= $1 AND start_time < $2';
  switch (query.metric) {
    case 'p0':
      return parseAll(
        await sql.query(
          `SELECT start_time AS day, SUM(p0) AS a, NULL AS b FROM code_review_daily WHERE ${inWindow} GROUP BY start_time`,
          range,
        ),
      );
    case 'positive-share':
      return parseAll(
        await sql.query(
          `SELECT start_time AS day, SUM(upvotes) AS a, SUM(downvotes) AS b FROM code_review_response_daily
           WHERE ${inWindow} GROUP BY start_time`,
          range,
        ),
      );
    default: {
      const params: SqlParam[] = [...range];
      // PostgreSQL refuses a parameter no statement uses: the price is bound only where it is read.
      if (query.metric === 'usd') params.push(query.creditPriceUsd);
      const measure =
        query.metric === 'usd' ? usdEstimate('', '$3') : query.metric === 'threads' ? 'threads' : 'credits';
      const source = await scopedRows(sql, query, params, measure);
      return parseAll(
        await sql.query(
          `SELECT day, SUM(measure) AS a, NULL AS b FROM (${source}) AS scoped GROUP BY day`,
          params,
        ),
      );
    }
  }
}

/** Daily pairs folded into periods: sums add; the share is its periods' up / (up + down). */
export function foldDays(
  days: readonly z.infer<typeof dayValues>[],
  metric: AlertMetric,
  count: number,
  indexOf: (seconds: number) => number,
): Array<number | null> {
  const a = new Array<number>(count).fill(0);
  const b = new Array<number>(count).fill(0);
  for (const day of days) {
    const index = indexOf(day.day);
    if (index < 0) continue;
    a[index] = (a[index] ?? 0) + (day.a ?? 0);
    b[index] = (b[index] ?? 0) + (day.b ?? 0);
  }
  if (metric !== 'positive-share') return a;
  return a.map((up, i) => {
    const votes = up + (b[i] ?? 0);
    return votes === 0 ? null : up / votes;
  });
}

/** Distinct active users per period, counted in SQL over the period boundaries as a VALUES list. */
async function distinctUsers(
  sql: WarehouseSql,
  query: AlertSeriesQuery,
  periods: readonly TimeWindow[],
): Promise<number[]> {
  if (periods.length === 0) return [];
  const params: SqlParam[] = [query.window.start, query.window.end];
  const source = await scopedRows(sql, query, params, 'credits');
  // Typed: PostgreSQL reads an untyped parameter in VALUES as text.
  const tuples = periods.map((p) => {
    params.push(p.start, p.end);
    return `(CAST($${params.length - 1} AS BIGINT), CAST($${params.length} AS BIGINT))`;
  });
  const rows = await sql.query(
    `SELECT p.period_start, COUNT(DISTINCT scoped.user_id) AS value
     FROM (${source}) AS scoped
     JOIN (VALUES ${tuples.join(', ')}) AS p(period_start, period_end)
       ON scoped.day >= p.period_start AND scoped.day < p.period_end
     WHERE scoped.active
     GROUP BY p.period_start`,
    params,
  );
  const byStart = new Map(rows.map((row) => periodCount.parse(row)).map((r) => [r.period_start, r.value]));
  return periods.map((p) => byStart.get(p.start) ?? 0);
}

/**
 * A subquery of the scope's rows in the window: (day, user_id, active, measure). Appends its own
 * parameters to `params` after those already there ($1, $2: the window).
 */
async function scopedRows(
  sql: WarehouseSql,
  query: AlertSeriesQuery,
  params: SqlParam[],
  measure: string,
): Promise<string> {
  const { scope } = query;
  const add = (value: SqlParam) => {
    params.push(value);
    return `$${params.length}`;
  };
  const userRows = (filter: string) =>
    `SELECT start_time AS day, user_id, active, ${measure} AS measure FROM usage_user_daily
     WHERE start_time >= $1 AND start_time < $2 ${filter}`;
  switch (scope.kind) {
    case 'workspace':
      return userRows('');
    case 'user':
      return userRows(
        `AND user_id IN (SELECT codex_user_id FROM codex_identities WHERE slack_user_id = ${add(scope.slackUserId)})`,
      );
    case 'team': {
      const name = scope.team.toLowerCase();
      return userRows(
        `AND user_id IN (SELECT m.codex_user_id FROM team_members m JOIN teams t ON t.team_id = m.team_id
          WHERE m.codex_user_id IS NOT NULL AND t.seats = FALSE
            AND (LOWER(t.name) IN (${add(name)}, ${add(`@${name}`)}, ${add(`#${name}`)}) OR LOWER(t.team_id) = ${add(name)}))`,
      );
    }
    case 'surface': {
      const ids = (
        await sql.query(
          'SELECT DISTINCT client_id FROM usage_user_client_daily WHERE start_time >= $1 AND start_time < $2 AND client_id IS NOT NULL',
          [query.window.start, query.window.end],
        )
      )
        .map((row) => clientIdRow.parse(row).client_id)
        .filter((id) => query.surfaceOf(id) === scope.surface);
      const clientActive = '(threads > 0 OR turns > 0 OR credits > 0)';
      const listed = ids.length === 0 ? 'FALSE' : `client_id IN (${ids.map((id) => add(id)).join(', ')})`;
      // Other also holds clients[] items without a client_id and rows without clients[] at all.
      const other = scope.surface === 'other';
      return `SELECT start_time AS day, user_id, ${clientActive} AS active, ${measure} AS measure
        FROM usage_user_client_daily
        WHERE start_time >= $1 AND start_time < $2 AND (${listed}${other ? ' OR client_id IS NULL' : ''})
        ${other ? `UNION ALL ${userRows('AND client_count = 0')}` : ''}`;
    }
  }
}

function parseAll(rows: readonly Record<string, unknown>[]): z.infer<typeof dayValues>[] {
  return rows.map((row) => dayValues.parse(row));
}
