/**
 * Teams and identities in the warehouse (issue 12): who each Codex actor is in Slack, which teams exist
 * and who is in them, and how the last identity refresh went. The refresh (src/teams/refresh-identities.ts)
 * replaces the three snapshot tables whole, in one transaction; team figures join memberships to the
 * per-user usage rows by Codex user id.
 */
import type { SurfaceOf } from '../domain/surfaces.js';
import type { TimeWindow } from '../domain/utc-days.js';
import type { TeamFiguresResult } from '../figures/figure-types.js';
import type { UserActivity } from '../figures/user-activity.js';

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
  /**
   * Every user's activity up to `window.end` (summariseUserActivity in SQL, one row per user): what
   * team figures join memberships to, without reading a year of rows.
   */
  userActivity(window: TimeWindow): Promise<UserActivity[]>;
  /**
   * userActivity of `window` and of `previous` (which must end where `window` starts) in one scan: the
   * inputs of computeTeamFigures for a period and the one before (teamFiguresPair does the same in SQL).
   */
  userActivityPair(
    previous: TimeWindow,
    window: TimeWindow,
  ): Promise<{ previous: UserActivity[]; current: UserActivity[] }>;
  /**
   * computeTeamFigures of `window` and of `previous` (which must end where `window` starts) in one SQL
   * statement (warehouse-team-figures.ts): `/codex teams` compares a period with the one before, and
   * ~500 team rows come back instead of every user's activity and every membership. The previous
   * period's top surfaces are null: only its adoption is compared.
   */
  teamFiguresPair(
    previous: TimeWindow,
    window: TimeWindow,
    pricing: TeamFiguresPricing,
  ): Promise<{ previous: TeamFiguresResult; current: TeamFiguresResult }>;
}

/** What team figures' estimated USD and top surface need from the app's configuration (issue 12 §2). */
export interface TeamFiguresPricing {
  /** USD per credit where the API gives no cost (CREDIT_PRICE_USD). */
  creditPriceUsd: number;
  surfaceOf: SurfaceOf;
}
