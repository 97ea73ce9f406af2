/**
 * computeTeamFigures (src/figures/team-figures.ts) in SQL, for a period and the one before it, in one
 * statement both engines run (issue 12 §5: `/codex teams 90d` with 20,000 users and 500 teams). The
 * pure path read ~16,000 per-user rows and ~22,000 memberships into TypeScript and joined them there;
 * here the per-user aggregate (userActivityPair's), the join with memberships and the counts per team
 * stay in the engine, and ~500 rows come back — one row per team plus the workspace, "other teams"
 * and "large teams" groups. The contract tests hold the two equal on both engines.
 *
 * The pure function's rules, as SQL:
 * - a person is a member key of a team; their Codex user is any non-null one of their rows in that team
 *   (the refresh writes one row per team and key, so MAX picks the only one);
 * - a person with neither a Codex user nor an email on any of their rows of a group is `without_email`
 *   there, never `never_started` (findInactiveMembers leaves them out alike);
 * - a person in several teams counts once in workspace, other and large teams, with the Codex user of
 *   the last team in team order (the engine's ORDER BY team_id, as teams() reads them) that has one —
 *   the pure loop's "a later non-null wins";
 * - a team is folded into "other teams" below TEAM_PRIVACY_MIN_MEMBERS matched members; seats teams
 *   count only as the seats group (the last seats team in team order, as the loop keeps);
 * - USD (issue 12 §2) is summed in the per-user aggregate with usdEstimate, the alerts' and budgets'
 *   rule; a group's top surface sums its people's per-client credits (client-less rows as Other) per
 *   surface through the app's surface map, and topSurfaceOf picks it from those sums, as the pure
 *   function does — for the current period only: the previous period's top surface is null (the report
 *   compares adoption only, and it would cost a second period of per-client rows).
 */
import { z } from 'zod';
import { type Surface, surfaces } from '../domain/surfaces.js';
import { DAY_SECONDS, type TimeWindow } from '../domain/utc-days.js';
import type { GroupFigures, TeamFigures, TeamFiguresResult } from '../figures/figure-types.js';
import { LAPSED_DAYS, NO_GROUP_FIGURES, TEAM_PRIVACY_MIN_MEMBERS } from '../figures/team-figures.js';
import { topSurfaceOf } from '../figures/user-spend.js';
import { QueryParams, surfaceMap, usdEstimate } from './figure-query-parts.js';
import { clientKeys } from './usage-aggregates.js';
import type { SqlRow, WarehouseSql } from './warehouse-sql.js';
import type { TeamFiguresPricing } from './warehouse-teams.js';

const count = z.union([z.null(), z.coerce.number()]).transform((v) => v ?? 0);
const groupRow = z.object({
  kind: z.enum(['team', 'workspace', 'other', 'large']),
  team_id: z.string().nullable(),
  name: z.string().nullable(),
  seats: z.boolean().nullable(),
  members: count,
  matched: count,
  active: count,
  never_started: count,
  without_email: count,
  lapsed: count,
  new_members: count,
  credits: count,
  prev_active: count,
  prev_never_started: count,
  prev_lapsed: count,
  prev_new_members: count,
  prev_credits: count,
  usd: count,
  prev_usd: count,
});
type GroupRow = z.infer<typeof groupRow> & { top_surface: Surface | null };

// One period's figures of a group, from the period's columns of `acts` (named with or without `prev_`):
// active = last active at or after the period's start; new = first active ever at or after it.
const columns = (prefix: '' | 'prev_', a: { startedFrom: string; lapsedBefore: string }) => `
  SUM(CASE WHEN a.${prefix}last_active >= ${a.startedFrom} THEN 1 ELSE 0 END) AS ${prefix}active,
  SUM(CASE WHEN a.${prefix}last_active IS NULL AND g.no_email = 0 THEN 1 ELSE 0 END) AS ${prefix}never_started,
  SUM(CASE WHEN a.${prefix}last_active < ${a.lapsedBefore} THEN 1 ELSE 0 END) AS ${prefix}lapsed,
  SUM(CASE WHEN a.${prefix}last_active IS NOT NULL AND a.first_active >= ${a.startedFrom} THEN 1 ELSE 0 END)
    AS ${prefix}new_members,
  SUM(COALESCE(a.${prefix}credits, 0)) AS ${prefix}credits,
  SUM(COALESCE(a.${prefix}usd, 0)) AS ${prefix}usd`;

// The current period's credits per surface, one column each (a user's, then a group's): the group's top
// surface is then topSurfaceOf's pick over ~500 rows, the pure function's own rule.
const surfaceColumn = (surface: Surface) => `${surface}_credits`;
const surfaceSums = surfaces
  .map(
    (x) =>
      `SUM(CASE WHEN COALESCE(surface_map.surface, 'other') = '${x}' THEN c.credits ELSE 0 END) AS ${surfaceColumn(x)}`,
  )
  .join(',\n    ');
// Rows without clients[] count as Other: summed in recent's scan, not in a second one of the same table.
const userSurfaceColumns = surfaces
  .map((x) =>
    x === 'other'
      ? `COALESCE(us.${surfaceColumn(x)}, 0) + COALESCE(r.clientless_credits, 0) AS ${surfaceColumn(x)}`
      : `us.${surfaceColumn(x)}`,
  )
  .join(', ');
const groupSurfaceColumns = surfaces.map((x) => `f.${surfaceColumn(x)}`).join(', ');

/**
 * $1 previous.start, $2 window.start (= previous.end), $3 window.end, $4 and $5 the lapse bounds of the
 * window and of the previous period, $6 where the rows read start: the earlier of $1 and $5.
 *
 * A user's figures need their rows from $6 on, and before that only whether they were active at all
 * (usage_user_first_active): one with no active row in [$6, $3) but a first active day before $6 was
 * last active before $6, which every bound compares alike ($6 is at or before $1, $4 and $5), so that
 * first day stands in for their last. The rows are the narrow, integer-keyed ones of
 * team-figure-aggregates.ts, not a year of usage_user_daily (bench/team-figures.ts, EXPLAIN ANALYZE on
 * PostgreSQL: that aggregate was most of the statement, and an index-only scan of the periods' rows
 * fetched every heap row while the visibility map lagged). Earlier measurements: restricting the rows
 * to members' users by a semi-join cost more than the users it saved, and a ROW_NUMBER window for "the
 * last team's Codex user" more than the GROUPING SETS aggregate that finds that team.
 */
const teamFiguresSql = (usd: string, map: string) => `
WITH user_surfaces AS (
  SELECT c.user_id, ${surfaceSums}
  FROM usage_user_client_daily c LEFT JOIN ${map} ON surface_map.client_id = c.client_id
  WHERE c.credits > 0 AND c.start_time >= $2 AND c.start_time < $3
  GROUP BY c.user_id
),
recent AS (
  SELECT s.user_key, MAX(s.start_time) AS last_active,
    MAX(CASE WHEN s.start_time < $2 THEN s.start_time END) AS prev_last_active,
    SUM(CASE WHEN s.start_time >= $2 THEN s.credits ELSE 0 END) AS credits,
    SUM(CASE WHEN s.start_time >= $1 AND s.start_time < $2 THEN s.credits ELSE 0 END) AS prev_credits,
    SUM(CASE WHEN s.start_time >= $2 THEN ${usd} ELSE 0 END) AS usd,
    SUM(CASE WHEN s.start_time >= $1 AND s.start_time < $2 THEN ${usd} ELSE 0 END) AS prev_usd,
    SUM(CASE WHEN s.clientless AND s.start_time >= $2 THEN s.credits ELSE 0 END) AS clientless_credits
  FROM usage_user_spend_daily s
  WHERE s.start_time >= $6 AND s.start_time < $3
  GROUP BY s.user_key
),
acts AS (
  SELECT k.user_id, f.first_active, COALESCE(r.last_active, f.first_active) AS last_active,
    COALESCE(r.prev_last_active, CASE WHEN f.first_active < $2 THEN f.first_active END) AS prev_last_active,
    r.credits, r.prev_credits, r.usd, r.prev_usd, ${userSurfaceColumns}
  FROM usage_user_first_active f JOIN usage_users k ON k.user_key = f.user_key
    LEFT JOIN recent r ON r.user_key = f.user_key
    LEFT JOIN user_surfaces us ON us.user_id = k.user_id
  WHERE f.first_active < $3
),
people AS (
  SELECT team_id, member_key, MAX(codex_user_id) AS codex_user_id,
    MAX(CASE WHEN email IS NULL THEN 0 ELSE 1 END) AS has_email
  FROM team_members GROUP BY team_id, member_key
),
team_list AS (
  SELECT t.team_id, t.name, t.seats, COUNT(p.codex_user_id) < ${TEAM_PRIVACY_MIN_MEMBERS} AS folded
  FROM teams t LEFT JOIN people p ON p.team_id = t.team_id
  GROUP BY t.team_id, t.name, t.seats
),
spans AS (
  SELECT p.member_key, l.folded, GROUPING(l.folded) AS across,
    MAX(CASE WHEN p.codex_user_id IS NOT NULL THEN p.team_id END) AS last_team, MAX(p.has_email) AS has_email
  FROM people p JOIN team_list l ON l.team_id = p.team_id AND NOT l.seats
  GROUP BY GROUPING SETS ((p.member_key), (p.member_key, l.folded))
),
grouped AS (
  SELECT 'team' AS kind, team_id, codex_user_id,
    CASE WHEN codex_user_id IS NULL AND has_email = 0 THEN 1 ELSE 0 END AS no_email
  FROM people
  UNION ALL
  SELECT CASE WHEN s.across = 1 THEN 'workspace' WHEN s.folded THEN 'other' ELSE 'large' END, '',
    p.codex_user_id, CASE WHEN s.last_team IS NULL AND s.has_email = 0 THEN 1 ELSE 0 END
  FROM spans s LEFT JOIN people p ON p.member_key = s.member_key AND p.team_id = s.last_team
),
figures AS (
  SELECT g.kind, g.team_id, COUNT(*) AS members, COUNT(g.codex_user_id) AS matched,
    SUM(g.no_email) AS without_email,
    ${columns('', { startedFrom: '$2', lapsedBefore: '$4' })},
    ${columns('prev_', { startedFrom: '$1', lapsedBefore: '$5' })},
    ${surfaces.map((x) => `SUM(COALESCE(a.${surfaceColumn(x)}, 0)) AS ${surfaceColumn(x)}`).join(', ')}
  FROM grouped g LEFT JOIN acts a ON a.user_id = g.codex_user_id
  GROUP BY g.kind, g.team_id
)
SELECT 'team' AS kind, l.team_id, l.name, l.seats, f.members, f.matched, f.active, f.never_started,
  f.without_email, f.lapsed, f.new_members, f.credits, f.prev_active, f.prev_never_started, f.prev_lapsed,
  f.prev_new_members, f.prev_credits, f.usd, f.prev_usd, ${groupSurfaceColumns}
FROM team_list l LEFT JOIN figures f ON f.kind = 'team' AND f.team_id = l.team_id
UNION ALL
SELECT f.kind, NULL, NULL, NULL, f.members, f.matched, f.active, f.never_started, f.without_email, f.lapsed,
  f.new_members, f.credits, f.prev_active, f.prev_never_started, f.prev_lapsed, f.prev_new_members,
  f.prev_credits, f.usd, f.prev_usd, ${groupSurfaceColumns}
FROM figures f
WHERE f.kind <> 'team'
ORDER BY team_id`;

/** A group row's current credits per surface (its surfaceColumn columns). */
function creditsBySurface(row: SqlRow): Partial<Record<Surface, number>> {
  return Object.fromEntries(surfaces.map((x) => [x, count.parse(row[surfaceColumn(x)])]));
}

const groupOf = (row: GroupRow | undefined, period: 'current' | 'previous'): GroupFigures => {
  if (row === undefined) return { ...NO_GROUP_FIGURES };
  const now = period === 'current';
  const active = now ? row.active : row.prev_active;
  return {
    members: row.members,
    matchedMembers: row.matched,
    active,
    adoptionRate: row.members === 0 ? null : active / row.members,
    neverStarted: now ? row.never_started : row.prev_never_started,
    // Who has neither a match nor an email is the same in both periods: one snapshot of memberships.
    withoutEmail: row.without_email,
    lapsed: now ? row.lapsed : row.prev_lapsed,
    newThisPeriod: now ? row.new_members : row.prev_new_members,
    credits: now ? row.credits : row.prev_credits,
    usd: now ? row.usd : row.prev_usd,
    topSurface: now ? row.top_surface : null,
  };
};

/** The pure function's result of one period from the statement's rows (already in team order). */
function resultOf(rows: readonly GroupRow[], period: 'current' | 'previous'): TeamFiguresResult {
  const teams: TeamFigures[] = [];
  let seats: GroupFigures | null = null;
  let foldedTeams = 0;
  for (const row of rows) {
    if (row.kind !== 'team' || row.team_id === null || row.name === null) continue;
    const figures = groupOf(row, period);
    if (row.seats === true) {
      seats = figures;
      continue;
    }
    const belowPrivacyThreshold = figures.matchedMembers < TEAM_PRIVACY_MIN_MEMBERS;
    if (belowPrivacyThreshold) foldedTeams += 1;
    teams.push({ teamId: row.team_id, name: row.name, ...figures, belowPrivacyThreshold });
  }
  teams.sort(
    (a, b) =>
      (b.adoptionRate ?? -1) - (a.adoptionRate ?? -1) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  const group = (kind: GroupRow['kind']) =>
    groupOf(
      rows.find((r) => r.kind === kind),
      period,
    );
  return {
    teams,
    workspace: group('workspace'),
    seats,
    otherTeams: { ...group('other'), teams: foldedTeams },
    largeTeams: group('large'),
  };
}

/**
 * Every team's figures over `window` and over `previous`, which must end where `window` starts; the
 * previous period's top surfaces are null.
 */
export async function queryTeamFiguresPair(
  sql: WarehouseSql,
  previous: TimeWindow,
  window: TimeWindow,
  pricing: TeamFiguresPricing,
): Promise<{ previous: TeamFiguresResult; current: TeamFiguresResult }> {
  if (previous.end !== window.start)
    throw new RangeError('teamFiguresPair: previous must end at window.start');
  const lapse = LAPSED_DAYS * DAY_SECONDS;
  const params = new QueryParams();
  // $1–$6 in the order the statement reads them; the price and the surface map after.
  const bounds = [previous.start, window.start, window.end, window.end - lapse, previous.end - lapse];
  for (const bound of [...bounds, Math.min(previous.start, previous.end - lapse)]) params.add(bound);
  const usd = usdEstimate('s', params.add(pricing.creditPriceUsd));
  // The handful of client ids ever synced, mapped by the app's SurfaceOf as the usage figures map them.
  const ids = (await clientKeys(sql)).map((key) => key.clientId);
  const map = surfaceMap(ids, pricing.surfaceOf, params);
  const rows = (await sql.query(teamFiguresSql(usd, map), params.values)).map(
    (row): GroupRow => ({ ...groupRow.parse(row), top_surface: topSurfaceOf(creditsBySurface(row)) }),
  );
  return { previous: resultOf(rows, 'previous'), current: resultOf(rows, 'current') };
}
