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
 * - a person in several teams counts once in workspace, other and large teams, with the Codex user of
 *   the last team in team order (the engine's ORDER BY team_id, as teams() reads them) that has one —
 *   the pure loop's "a later non-null wins";
 * - a team is folded into "other teams" below TEAM_PRIVACY_MIN_MEMBERS matched members; seats teams
 *   count only as the seats group (the last seats team in team order, as the loop keeps).
 */
import { z } from 'zod';
import { DAY_SECONDS, type TimeWindow } from '../domain/utc-days.js';
import type { GroupFigures, TeamFigures, TeamFiguresResult } from '../figures/figure-types.js';
import { LAPSED_DAYS, TEAM_PRIVACY_MIN_MEMBERS } from '../figures/team-figures.js';
import type { WarehouseSql } from './warehouse-sql.js';

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
  lapsed: count,
  new_members: count,
  credits: count,
  prev_active: count,
  prev_never_started: count,
  prev_lapsed: count,
  prev_new_members: count,
  prev_credits: count,
});
type GroupRow = z.infer<typeof groupRow>;

// One period's figures of a group, from the period's columns of `acts` (named with or without `prev_`):
// active = last active at or after the period's start; new = first active ever at or after it.
const columns = (prefix: '' | 'prev_', a: { startedFrom: string; lapsedBefore: string }) => `
  SUM(CASE WHEN a.${prefix}last_active >= ${a.startedFrom} THEN 1 ELSE 0 END) AS ${prefix}active,
  SUM(CASE WHEN a.${prefix}last_active IS NULL THEN 1 ELSE 0 END) AS ${prefix}never_started,
  SUM(CASE WHEN a.${prefix}last_active < ${a.lapsedBefore} THEN 1 ELSE 0 END) AS ${prefix}lapsed,
  SUM(CASE WHEN a.${prefix}last_active IS NOT NULL AND a.first_active >= ${a.startedFrom} THEN 1 ELSE 0 END)
    AS ${prefix}new_members,
  SUM(COALESCE(a.${prefix}credits, 0)) AS ${prefix}credits`;

/**
 * $1 previous.start, $2 window.start (= previous.end), $3 window.end, $4 and $5 the lapse bounds of the
 * window and of the previous period. Measured on both engines (EXPLAIN ANALYZE, bench/team-figures.ts):
 * the per-user aggregate over a year of rows is most of the time, so it carries as few aggregates as
 * the figures need (active in a period is "last active at or after its start"); restricting it to
 * members' users by a semi-join cost more than the users it saved, and a ROW_NUMBER window for "the last
 * team's Codex user" more than the GROUPING SETS aggregate that finds that team.
 */
const TEAM_FIGURES_SQL = `
WITH acts AS (
  SELECT user_id, MIN(start_time) AS first_active, MAX(start_time) AS last_active,
    SUM(CASE WHEN start_time >= $2 THEN credits ELSE 0 END) AS credits,
    MAX(CASE WHEN start_time < $2 THEN start_time END) AS prev_last_active,
    SUM(CASE WHEN start_time >= $1 AND start_time < $2 THEN credits ELSE 0 END) AS prev_credits
  FROM usage_user_daily
  WHERE active AND start_time < $3
  GROUP BY user_id
),
people AS (
  SELECT team_id, member_key, MAX(codex_user_id) AS codex_user_id
  FROM team_members GROUP BY team_id, member_key
),
team_list AS (
  SELECT t.team_id, t.name, t.seats, COUNT(p.codex_user_id) < ${TEAM_PRIVACY_MIN_MEMBERS} AS folded
  FROM teams t LEFT JOIN people p ON p.team_id = t.team_id
  GROUP BY t.team_id, t.name, t.seats
),
spans AS (
  SELECT p.member_key, l.folded, GROUPING(l.folded) AS across,
    MAX(CASE WHEN p.codex_user_id IS NOT NULL THEN p.team_id END) AS last_team
  FROM people p JOIN team_list l ON l.team_id = p.team_id AND NOT l.seats
  GROUP BY GROUPING SETS ((p.member_key), (p.member_key, l.folded))
),
grouped AS (
  SELECT 'team' AS kind, team_id, codex_user_id FROM people
  UNION ALL
  SELECT CASE WHEN s.across = 1 THEN 'workspace' WHEN s.folded THEN 'other' ELSE 'large' END, NULL,
    p.codex_user_id
  FROM spans s LEFT JOIN people p ON p.member_key = s.member_key AND p.team_id = s.last_team
),
figures AS (
  SELECT g.kind, g.team_id, COUNT(*) AS members, COUNT(g.codex_user_id) AS matched,
    ${columns('', { startedFrom: '$2', lapsedBefore: '$4' })},
    ${columns('prev_', { startedFrom: '$1', lapsedBefore: '$5' })}
  FROM grouped g LEFT JOIN acts a ON a.user_id = g.codex_user_id
  GROUP BY g.kind, g.team_id
)
SELECT 'team' AS kind, l.team_id, l.name, l.seats, f.members, f.matched, f.active, f.never_started,
  f.lapsed, f.new_members, f.credits, f.prev_active, f.prev_never_started, f.prev_lapsed,
  f.prev_new_members, f.prev_credits
FROM team_list l LEFT JOIN figures f ON f.kind = 'team' AND f.team_id = l.team_id
UNION ALL
SELECT f.kind, NULL, NULL, NULL, f.members, f.matched, f.active, f.never_started, f.lapsed,
  f.new_members, f.credits, f.prev_active, f.prev_never_started, f.prev_lapsed, f.prev_new_members,
  f.prev_credits
FROM figures f WHERE f.kind <> 'team'
ORDER BY team_id`;

const groupOf = (row: GroupRow | undefined, period: 'current' | 'previous'): GroupFigures => {
  if (row === undefined) {
    const none = { members: 0, matchedMembers: 0, active: 0, adoptionRate: null };
    return { ...none, neverStarted: 0, lapsed: 0, newThisPeriod: 0, credits: 0 };
  }
  const now = period === 'current';
  const active = now ? row.active : row.prev_active;
  return {
    members: row.members,
    matchedMembers: row.matched,
    active,
    adoptionRate: row.members === 0 ? null : active / row.members,
    neverStarted: now ? row.never_started : row.prev_never_started,
    lapsed: now ? row.lapsed : row.prev_lapsed,
    newThisPeriod: now ? row.new_members : row.prev_new_members,
    credits: now ? row.credits : row.prev_credits,
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

/** Every team's figures over `window` and over `previous`, which must end where `window` starts. */
export async function queryTeamFiguresPair(
  sql: WarehouseSql,
  previous: TimeWindow,
  window: TimeWindow,
): Promise<{ previous: TeamFiguresResult; current: TeamFiguresResult }> {
  if (previous.end !== window.start)
    throw new RangeError('teamFiguresPair: previous must end at window.start');
  const lapse = LAPSED_DAYS * DAY_SECONDS;
  const rows = (
    await sql.query(TEAM_FIGURES_SQL, [
      previous.start,
      window.start,
      window.end,
      window.end - lapse,
      previous.end - lapse,
    ])
  ).map((row) => groupRow.parse(row));
  return { previous: resultOf(rows, 'previous'), current: resultOf(rows, 'current') };
}
