/**
 * Teams and identities in the warehouse (issue 12): who each Codex actor is in Slack, which teams exist
 * and who is in them, and how the last identity refresh went. The refresh (src/teams/refresh-identities.ts)
 * replaces the three snapshot tables whole, in one transaction; team figures join memberships to the
 * per-user usage rows by Codex user id.
 */
import { z } from 'zod';
import type { SqlParam, TableSpec, WarehouseSql } from './warehouse-sql.js';

/** A Codex user as the warehouse knows them: their newest non-null email from the API rows. */
export interface CodexActor {
  userId: string;
  /** Null when every row of theirs hid it (a workspace whose analytics hides emails). */
  email: string | null;
}

export interface CodexIdentity {
  codexUserId: string;
  email: string | null;
  /** The Slack user whose profile email matched; null when none did. */
  slackUserId: string | null;
}

export type StoredTeamOrigin = 'usergroup' | 'channel' | 'roster';

export interface StoredTeam {
  id: string;
  name: string;
  origin: StoredTeamOrigin;
  /** The seats group: its members hold a Codex seat; not a team of its own. */
  seats: boolean;
}

export interface TeamMembership {
  teamId: string;
  /** The Slack user id, or `email:<email>` for a roster person not found in Slack. */
  memberKey: string;
  slackUserId: string | null;
  email: string | null;
  /** Null: no Codex user matched this person (never started, or an unmatched email). */
  codexUserId: string | null;
  manager: string | null;
  costCentre: string | null;
}

export interface TeamSnapshot {
  identities: readonly CodexIdentity[];
  teams: readonly StoredTeam[];
  memberships: readonly TeamMembership[];
}

/**
 * How a refresh ended: `ok`; `emails_hidden` (the API rows carry no emails, so nobody can be matched —
 * teams are stored, their members all unmatched); `failed` (nothing replaced; `detail` says why).
 */
export type TeamRefreshStatus = 'ok' | 'emails_hidden' | 'failed';

export interface TeamRefresh {
  id: string;
  startedAt: Date;
  finishedAt: Date;
  status: TeamRefreshStatus;
  slackUsers: number;
  codexUsers: number;
  /** Codex users matched to a Slack user. */
  matched: number;
  /** Codex users with an email that matched nobody in Slack. */
  unmatched: number;
  /** Codex users whose rows carry no email at all. */
  codexWithoutEmail: number;
  teams: number;
  memberships: number;
  /** Slack Web API requests (429s included). */
  requests: number;
  detail: string | null;
}

export interface WarehouseTeams {
  /** Every Codex user with any per-user row, with their newest non-null email, by user id. */
  codexActors(): Promise<CodexActor[]>;
  /** Replaces identities, teams and memberships whole, in one transaction. */
  replaceSnapshot(snapshot: TeamSnapshot): Promise<void>;
  recordRefresh(refresh: TeamRefresh): Promise<void>;
  /** The newest refresh of any status, or null before the first. */
  lastRefresh(): Promise<TeamRefresh | null>;
  identities(): Promise<CodexIdentity[]>;
  /** Codex users no Slack profile matched (with or without an email), by user id: for admins to list. */
  unmatchedCodexUsers(): Promise<CodexIdentity[]>;
  teams(): Promise<StoredTeam[]>;
  /** By team id, then member key. */
  memberships(): Promise<TeamMembership[]>;
}

const text = (name: string) => ({ name, type: 'text' as const });
const identitiesTable: TableSpec = {
  name: 'codex_identities',
  columns: [text('codex_user_id'), text('email'), text('slack_user_id')],
};
const teamsTable: TableSpec = {
  name: 'teams',
  columns: [text('team_id'), text('name'), text('origin'), { name: 'seats', type: 'boolean' }],
};
const membersTable: TableSpec = {
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
  };
}
