/**
 * The teams part of the warehouse (warehouse-teams.ts) over any WarehouseSql driver: both engines run
 * these statements unchanged.
 */
import { z } from 'zod';
import type { UserActivity } from '../figures/user-activity.js';
import type { SqlParam, TableSpec, WarehouseSql } from './warehouse-sql.js';
import { queryTeamFiguresPair } from './warehouse-team-figures.js';
import type { CodexIdentity, WarehouseTeams } from './warehouse-teams.js';

const text = (name: string) => ({ name, type: 'text' as const });
export const identitiesTable: TableSpec = {
  name: 'codex_identities',
  columns: [text('codex_user_id'), text('email'), text('slack_user_id')],
};
export const teamsTable: TableSpec = {
  name: 'teams',
  columns: [text('team_id'), text('name'), text('origin'), { name: 'seats', type: 'boolean' }],
};
export const membersTable: TableSpec = {
  name: 'team_members',
  columns: [
    text('team_id'),
    text('member_key'),
    text('slack_user_id'),
    text('email'),
    text('codex_user_id'),
    text('manager'),
    text('cost_centre'),
  ],
};

const count = z.coerce.number();
const nullableText = z.string().nullable();
const identityRow = z.object({ codex_user_id: z.string(), email: nullableText, slack_user_id: nullableText });
const teamRow = z.object({
  team_id: z.string(),
  name: z.string(),
  origin: z.enum(['usergroup', 'channel', 'roster']),
  seats: z.boolean(),
});
const memberRow = z.object({
  team_id: z.string(),
  member_key: z.string(),
  slack_user_id: nullableText,
  email: nullableText,
  codex_user_id: nullableText,
  manager: nullableText,
  cost_centre: nullableText,
});
const activityRow = z.object({
  user_id: z.string(),
  first_active: count,
  last_active: count,
  active_in_window: count,
  credits: count,
});
const nullableCount = z.coerce.number().nullable();
const pairRow = z.object({
  user_id: z.string(),
  first_active: count,
  last_active: count,
  active_in_window: count,
  credits: count,
  prev_first_active: nullableCount,
  prev_last_active: nullableCount,
  prev_active_in_window: count,
  prev_credits: count,
});
const byUserId = (a: { userId: string }, b: { userId: string }) =>
  a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0;
const actorRow = z.object({ user_id: z.string(), email: nullableText });
const refreshRow = z.object({
  id: z.string(),
  started_at_ms: count,
  finished_at_ms: count,
  status: z.enum(['ok', 'emails_hidden', 'failed']),
  slack_users: count,
  codex_users: count,
  matched: count,
  unmatched: count,
  codex_without_email: count,
  teams: count,
  memberships: count,
  requests: count,
  detail: nullableText,
});

const toIdentity = (row: unknown): CodexIdentity => {
  const r = identityRow.parse(row);
  return { codexUserId: r.codex_user_id, email: r.email, slackUserId: r.slack_user_id };
};

/** The teams part of the warehouse on `sql` (both engines run these statements unchanged). */
export function createWarehouseTeams(sql: WarehouseSql): WarehouseTeams {
  return {
    async codexActors() {
      // Non-null emails first, then the newest row: a user whose email showed once keeps it.
      const rows = await sql.query(
        `SELECT user_id, email FROM (
           SELECT user_id, email,
             ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY (email IS NULL), start_time DESC) AS pick
           FROM usage_user_daily
         ) AS ranked WHERE pick = 1 ORDER BY user_id`,
      );
      return rows.map((row) => {
        const r = actorRow.parse(row);
        return { userId: r.user_id, email: r.email };
      });
    },

    async replaceSnapshot(snapshot) {
      const rows = <T>(items: readonly T[], values: (item: T) => SqlParam[]) => items.map(values);
      await sql.transaction(async (tx) => {
        for (const table of [identitiesTable, teamsTable, membersTable])
          await tx.query(`DELETE FROM ${table.name}`);
        const inserts: [TableSpec, SqlParam[][]][] = [
          [identitiesTable, rows(snapshot.identities, (i) => [i.codexUserId, i.email, i.slackUserId])],
          [teamsTable, rows(snapshot.teams, (t) => [t.id, t.name, t.origin, t.seats])],
          [
            membersTable,
            rows(snapshot.memberships, (m) => [
              m.teamId,
              m.memberKey,
              m.slackUserId,
              m.email,
              m.codexUserId,
              m.manager,
              m.costCentre,
            ]),
          ],
        ];
        for (const [table, values] of inserts) if (values.length > 0) await tx.insert(table, values);
      });
    },

    async recordRefresh(r) {
      await sql.query(
        `INSERT INTO team_refreshes (id, started_at_ms, finished_at_ms, status, slack_users, codex_users,
           matched, unmatched, codex_without_email, teams, memberships, requests, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          r.id,
          r.startedAt.getTime(),
          r.finishedAt.getTime(),
          r.status,
          r.slackUsers,
          r.codexUsers,
          r.matched,
          r.unmatched,
          r.codexWithoutEmail,
          r.teams,
          r.memberships,
          r.requests,
          r.detail,
        ],
      );
    },

    async lastRefresh() {
      const [row] = await sql.query(
        'SELECT * FROM team_refreshes ORDER BY finished_at_ms DESC, id DESC LIMIT 1',
      );
      if (row === undefined) return null;
      const r = refreshRow.parse(row);
      return {
        id: r.id,
        startedAt: new Date(r.started_at_ms),
        finishedAt: new Date(r.finished_at_ms),
        status: r.status,
        slackUsers: r.slack_users,
        codexUsers: r.codex_users,
        matched: r.matched,
        unmatched: r.unmatched,
        codexWithoutEmail: r.codex_without_email,
        teams: r.teams,
        memberships: r.memberships,
        requests: r.requests,
        detail: r.detail,
      };
    },

    async identities() {
      return (await sql.query('SELECT * FROM codex_identities ORDER BY codex_user_id')).map(toIdentity);
    },

    async unmatchedCodexUsers() {
      const rows = await sql.query(
        'SELECT * FROM codex_identities WHERE slack_user_id IS NULL ORDER BY codex_user_id',
      );
      return rows.map(toIdentity);
    },

    async teams() {
      return (await sql.query('SELECT * FROM teams ORDER BY team_id')).map((row) => {
        const r = teamRow.parse(row);
        return { id: r.team_id, name: r.name, origin: r.origin, seats: r.seats };
      });
    },

    async memberships() {
      return (await sql.query('SELECT * FROM team_members ORDER BY team_id, member_key')).map((row) => {
        const r = memberRow.parse(row);
        return {
          teamId: r.team_id,
          memberKey: r.member_key,
          slackUserId: r.slack_user_id,
          email: r.email,
          codexUserId: r.codex_user_id,
          manager: r.manager,
          costCentre: r.cost_centre,
        };
      });
    },

    async userActivity(window) {
      const rows = await sql.query(
        `SELECT user_id, MIN(start_time) AS first_active, MAX(start_time) AS last_active,
           MAX(CASE WHEN start_time >= $1 THEN 1 ELSE 0 END) AS active_in_window,
           SUM(CASE WHEN start_time >= $1 THEN credits ELSE 0 END) AS credits
         FROM usage_user_daily WHERE active AND start_time < $2
         GROUP BY user_id`,
        [window.start, window.end],
      );
      // Sorted here, not by ORDER BY: on a year of 20,000 users the sort was a third of the query.
      const activity = rows.map((row) => {
        const r = activityRow.parse(row);
        return {
          userId: r.user_id,
          firstActive: r.first_active,
          lastActive: r.last_active,
          activeInWindow: r.active_in_window === 1,
          credits: r.credits,
        };
      });
      return activity.sort(byUserId);
    },

    async userActivityPair(previous, window) {
      if (previous.end !== window.start)
        throw new RangeError('userActivityPair: previous must end at window.start');
      // The same aggregate as userActivity, once for both periods: "before the window's end" for the
      // current one is every row read; for the previous one, rows before the window's start.
      const rows = await sql.query(
        `SELECT user_id, MIN(start_time) AS first_active, MAX(start_time) AS last_active,
           MAX(CASE WHEN start_time >= $2 THEN 1 ELSE 0 END) AS active_in_window,
           SUM(CASE WHEN start_time >= $2 THEN credits ELSE 0 END) AS credits,
           MIN(CASE WHEN start_time < $2 THEN start_time END) AS prev_first_active,
           MAX(CASE WHEN start_time < $2 THEN start_time END) AS prev_last_active,
           MAX(CASE WHEN start_time >= $1 AND start_time < $2 THEN 1 ELSE 0 END) AS prev_active_in_window,
           SUM(CASE WHEN start_time >= $1 AND start_time < $2 THEN credits ELSE 0 END) AS prev_credits
         FROM usage_user_daily WHERE active AND start_time < $3
         GROUP BY user_id`,
        [previous.start, window.start, window.end],
      );
      const current: UserActivity[] = [];
      const before: UserActivity[] = [];
      for (const row of rows) {
        const r = pairRow.parse(row);
        current.push({
          userId: r.user_id,
          firstActive: r.first_active,
          lastActive: r.last_active,
          activeInWindow: r.active_in_window === 1,
          credits: r.credits,
        });
        if (r.prev_first_active === null || r.prev_last_active === null) continue;
        before.push({
          userId: r.user_id,
          firstActive: r.prev_first_active,
          lastActive: r.prev_last_active,
          activeInWindow: r.prev_active_in_window === 1,
          credits: r.prev_credits,
        });
      }
      return { previous: before.sort(byUserId), current: current.sort(byUserId) };
    },

    teamFiguresPair: (previous, window, pricing) => queryTeamFiguresPair(sql, previous, window, pricing),
  };
}
