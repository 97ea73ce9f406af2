/**
 * The one door commands (and later the digest scheduler) go through for numbers. Behind it: the Codex
 * client, a short per-(endpoint, window) cache shared by concurrent callers, and the figure computations.
 * Commands never see API rows, so how rows are held (and how much memory that costs) stays a private
 * matter of the implementation.
 */
import type { Surface } from '../domain/surfaces.js';
import type { TimeWindow } from '../domain/utc-days.js';
import type {
  AdoptionFigures,
  Bucket,
  DigestFigures,
  Freshness,
  RankedUser,
  RankKey,
  ReviewFigures,
  UsageBreakdown,
  UserRanking,
} from '../figures/figure-types.js';

export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * One team as a filter (issue 12 §3): a team's figures are over the rows of its matched members — the
 * Codex users the identity refresh matched — as distinct users, never summed, and a person in two teams
 * counts in both. The warehouse's SQL scopes by `teamId` (its team_members table); a row-computed answer
 * keeps the rows of `codexUserIds`. Both come from the same snapshot (TeamAnalytics.resolveTeam).
 */
export interface TeamScope {
  teamId: string;
  codexUserIds: readonly string[];
}

/** The team filter of an answer; absent or undefined = the whole workspace. */
export interface TeamOption {
  team?: TeamScope | undefined;
}

export interface UsageView {
  adoption: AdoptionFigures;
  usage: UsageBreakdown;
  freshness: Freshness;
}

export interface RankingView {
  ranking: UserRanking;
  freshness: Freshness;
}

export interface ReviewView {
  reviews: ReviewFigures;
  freshness: Freshness;
}

/** The caller's own numbers (`/codex me`). */
export interface PersonalView {
  user: RankedUser;
  /** 1-based position by credits among `totalUsers` active users. */
  rank: number;
  totalUsers: number;
  usage: UsageBreakdown;
  freshness: Freshness;
}

export type ExportKind = 'usage' | 'users' | 'reviews';

/** A flat table for CSV/JSON export: one header row of column names and typed cells (null = unknown). */
export interface ExportTable {
  columns: string[];
  rows: Array<Array<string | number | null>>;
}

/** An export table page by page: `pages` may be read once, in order. */
export interface ExportPages {
  columns: string[];
  pages: AsyncIterable<ExportTable['rows']>;
}

export interface WorkspaceAnalytics {
  readonly workspaceId: string;
  /** Adoption and usage; with `surface`, only activity on that surface counts. */
  usage(
    window: TimeWindow,
    options: CallOptions & TeamOption & { bucket: Bucket; surface: Surface | null },
  ): Promise<UsageView>;
  ranking(
    window: TimeWindow,
    options: CallOptions & TeamOption & { sortBy: RankKey; surface: Surface | null; topN: number },
  ): Promise<RankingView>;
  reviews(window: TimeWindow, options: CallOptions & { bucket: Bucket }): Promise<ReviewView>;
  /** Matched by email, case-insensitively, against the API's actor email; null when nobody matches. */
  personal(window: TimeWindow, email: string, options?: CallOptions): Promise<PersonalView | null>;
  /**
   * The last closed Monday–Sunday week before `now` against the week before it; with `team`, its usage,
   * adoption and ranking are the team's (Code Review stays workspace-wide: the API has no reviewer).
   */
  digest(now: Date, options: CallOptions & TeamOption & { topN: number }): Promise<DigestFigures>;
  /**
   * 00:00 UTC of the oldest day this analytics can answer for, or null when it holds no history yet
   * (issue 11 §3). Commands compare a window with it and say where history starts instead of showing
   * zeros for days nobody recorded; how far back that is, is this door's decision, not the parser's.
   * Backed by the API: the API's lookback start (90 days). Backed by the warehouse: its first synced
   * day (`WarehouseFreshness.historyStart`).
   */
  historyStart(options?: CallOptions): Promise<Date | null>;
  /**
   * usage: workspace (or `team`) totals per day; users: per-user per-day rows (emails where the API gives
   * them); reviews: per day, workspace-wide — a `team` there is refused (UsageError), never ignored.
   */
  exportTable(kind: ExportKind, window: TimeWindow, options?: CallOptions & TeamOption): Promise<ExportTable>;
  /**
   * The same table page by page: from the warehouse, a whole history's users export (a year of 20,000
   * users is 4 M lines) is read a week at a time, so a caller that writes each page out (CSV to a file
   * upload) never holds it all. exportTable is all the pages collected.
   */
  exportPages(kind: ExportKind, window: TimeWindow, options?: CallOptions & TeamOption): Promise<ExportPages>;
}
