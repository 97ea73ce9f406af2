/**
 * Per (day, key) sums that many alert rules fold into their periods (issue 13 §5): one statement per
 * scope group (the workspace; every surface; every team and user) and source:
 *
 * - `derived`: credits and threads from the derived tables of usage-aggregates.ts — the day totals for
 *   the workspace, the day totals per client id for surfaces, the activity rows' integer user keys for
 *   teams and users — not the millions of per-user rows.
 * - `rows`: the per-user rows, which alone know which rows had a price: credits, threads, the USD the
 *   API gave (cost_usd, else estimated_cost_usd) and the credits of rows that gave neither. A rule's USD
 *   is then usd + unpriced × its credit price: the per-row COALESCE(cost_usd, estimated_cost_usd,
 *   credits × price) alertSeries sums, with the price out of SQL so every price shares one read.
 *
 * Surfaces come back per client id (null: an item without one, or a row without clients[] — Other),
 * mapped to their surface by the caller; teams and users by their number in the batch.
 */
import { z } from 'zod';
import type { TimeWindow } from '../domain/utc-days.js';
import { type MemberScope, membersById, membersByKey } from './alert-scope-members.js';
import type { QueryParams } from './figure-query-parts.js';

export type SumScope =
  | { kind: 'workspace' }
  | { kind: 'surface' }
  | { kind: 'members'; scopes: readonly MemberScope[] };
export type SumSource = 'derived' | 'rows';

const sum = z.union([z.null(), z.coerce.number()]);
export const daySumsRow = z.object({
  day: z.coerce.number(),
  /** The workspace: ''; a surface: the client id (null: Other); a team or user: its number. */
  k: z.union([z.null(), z.coerce.string()]),
  credits: sum,
  threads: sum,
  usd: sum,
  unpriced: sum,
});
export type DaySums = z.infer<typeof daySumsRow>;

/** The four sums of alias `t`'s per-user (or per-client) rows. */
function rowSums(t: string): string {
  return `SUM(${t}.credits) AS credits, SUM(${t}.threads) AS threads,
    SUM(COALESCE(${t}.cost_usd, ${t}.estimated_cost_usd)) AS usd,
    SUM(CASE WHEN ${t}.cost_usd IS NULL AND ${t}.estimated_cost_usd IS NULL THEN ${t}.credits ELSE 0 END) AS unpriced`;
}

const noPrices = 'CAST(NULL AS DOUBLE PRECISION) AS usd, CAST(NULL AS DOUBLE PRECISION) AS unpriced';

export function daySumsStatement(
  scope: SumScope,
  source: SumSource,
  window: TimeWindow,
  params: QueryParams,
): string {
  const inWindow = (t: string) =>
    `${t}.start_time >= ${params.add(window.start)} AND ${t}.start_time < ${params.add(window.end)}`;
  if (source === 'derived') {
    switch (scope.kind) {
      case 'workspace':
        return `SELECT t.start_time AS day, CAST('' AS TEXT) AS k, t.credits, t.threads, ${noPrices}
          FROM usage_day_totals t WHERE ${inWindow('t')}`;
      case 'surface':
        return `SELECT c.start_time AS day, c.client_id AS k, c.credits, c.threads, ${noPrices}
          FROM usage_day_client_totals c WHERE ${inWindow('c')}`;
      case 'members':
        return `SELECT d.start_time AS day, m.k AS k, SUM(d.credits) AS credits, SUM(d.threads) AS threads, ${noPrices}
          FROM usage_user_activity_daily d JOIN (${membersByKey(scope.scopes, params)}) AS m ON m.user_key = d.user_key
          WHERE ${inWindow('d')} GROUP BY d.start_time, m.k`;
    }
  }
  switch (scope.kind) {
    case 'workspace':
      return `SELECT u.start_time AS day, CAST('' AS TEXT) AS k, ${rowSums('u')}
        FROM usage_user_daily u WHERE ${inWindow('u')} GROUP BY u.start_time`;
    case 'surface':
      // A row without clients[] counts wholly under Other, as an item without client_id does.
      return `SELECT i.day AS day, i.k AS k, ${rowSums('i')} FROM (
          SELECT c.start_time AS day, c.client_id AS k, c.credits, c.threads, c.cost_usd, c.estimated_cost_usd
          FROM usage_user_client_daily c WHERE ${inWindow('c')}
          UNION ALL
          SELECT u.start_time, CAST(NULL AS TEXT), u.credits, u.threads, u.cost_usd, u.estimated_cost_usd
          FROM usage_user_daily u WHERE ${inWindow('u')} AND u.client_count = 0
        ) AS i GROUP BY i.day, i.k`;
    case 'members':
      return `SELECT u.start_time AS day, m.k AS k, ${rowSums('u')}
        FROM usage_user_daily u JOIN (${membersById(scope.scopes, params)}) AS m ON m.user_id = u.user_id
        WHERE ${inWindow('u')} GROUP BY u.start_time, m.k`;
  }
}
