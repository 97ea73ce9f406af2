/**
 * Per-user figures straight from the warehouse (issue 11 §4): the ranking's per-user sums and streaks,
 * the caller's own rows, and the export tables, each one GROUP BY in SQL both engines run, so only
 * per-user results (≤ one row per user) or one page of export rows reach JavaScript. The definitions are
 * the pure functions' (src/figures/user-ranking.ts, streaks.ts, src/analytics/export-table.ts); a
 * cross-check test holds them to it on both engines.
 */
import type { UsageRow } from '../codex/schemas.js';
import type { Surface, SurfaceOf } from '../domain/surfaces.js';
import type { TimeWindow } from '../domain/utc-days.js';
import type { UserTotals } from '../figures/user-ranking.js';

/**
 * Whose rows count: everyone (null), or the Codex users of one team (the warehouse's team_members,
 * issue 12), for a later `team` filter on `/codex top` and `export`.
 */
export type UserScope = { teamId: string } | null;

export interface UserTotalsOptions {
  /** Only activity on this surface counts; null for all surfaces (as rankUsers). */
  surface: Surface | null;
  surfaceOf: SurfaceOf;
  /** 00:00 UTC of the day streaks end on (newestCompleteDayNumber × 86,400); null: every streak is 0. */
  streakEnd: number | null;
  /** Streaks reach back to this day (Unix seconds) when unbroken through the window; default its start. */
  historyStart?: number;
  scope?: UserScope;
}

/** Metric sums of one day (a null token or USD sum: nothing known), as export-table.ts writes them. */
export interface DayMetrics {
  threads: number;
  turns: number;
  credits: number;
  uncachedInput: number | null;
  cachedInput: number | null;
  output: number | null;
  total: number | null;
  costUsd: number | null;
  estimatedCostUsd: number | null;
}

/** Workspace totals of one day with any per-user row. */
export interface UsageDay extends DayMetrics {
  /** 00:00 UTC, Unix seconds. */
  start: number;
  /** Distinct users active that day. */
  activeUsers: number;
}

/** One stored per-user daily row, as the users export lists it. */
export interface UserDay extends DayMetrics {
  start: number;
  userId: string;
  email: string | null;
}

export interface WarehouseUserFigures {
  /** Users active in `window` (after the surface filter) with their sums and streaks, in no order. */
  userTotals(window: TimeWindow, options: UserTotalsOptions): Promise<UserTotals[]>;
  /**
   * Credits per surface of each given user over `window`, only surfaces they were active on (whatever
   * a ranking's filter): what ranks a listed user's surfaces.
   */
  userSurfaceCredits(
    window: TimeWindow,
    userIds: readonly string[],
    surfaceOf: SurfaceOf,
  ): Promise<Map<string, Map<Surface, number>>>;
  /**
   * Users with a row in `window` whose stored email (`actor.email`, else the legacy `email`) equals
   * `email`, ignoring case. The pure usersWithEmail also tries a row's legacy email when its actor email
   * is set and differs; the API has not been seen to send two different emails on one row.
   */
  usersWithEmail(window: TimeWindow, email: string): Promise<string[]>;
  /** The stored rows of the given users in `window`, as the client parsed them, in (bucket, user) order. */
  rowsOfUsers(window: TimeWindow, userIds: readonly string[]): Promise<UsageRow[]>;
  /** Workspace totals per day of `window` holding any per-user row, in day order. */
  usageDays(window: TimeWindow, scope?: UserScope): Promise<UsageDay[]>;
  /** Each user's newest non-null email over `window` (null when none), for export labels. */
  userEmails(window: TimeWindow, scope?: UserScope): Promise<Map<string, string | null>>;
  /**
   * The per-user daily rows of `window` in (day, user) order, a page of days at a time: a year's
   * export never holds more than one page of rows from the warehouse at once.
   */
  userDays(window: TimeWindow, scope?: UserScope): AsyncIterable<UserDay[]>;
}
