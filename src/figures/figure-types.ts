/**
 * The figures contract: what the pure aggregations in src/figures compute from API rows and what the
 * report builders in reports/ turn into messages. Times are Unix seconds (UTC), end exclusive, like the
 * API. `null` always means *unknown* (e.g. tokens the API did not report), never zero.
 */

import type { Surface } from '../domain/surfaces.js';
import type { TimeWindow } from '../domain/utc-days.js';
import type { BudgetForecast } from './budget-forecast.js';

/** How a window is cut into points: UTC days, Monday weeks, calendar months or calendar quarters. */
export type Bucket = 'day' | 'week' | 'month' | 'quarter';

/** How current the data is. The API lags up to 12 h and the last 1–5 days can still change. */
export interface Freshness {
  /** ISO time the figures were computed for (the injected clock's now). */
  asOf: string;
  /** Newest UTC day (YYYY-MM-DD) that has ended at least 12 h before `asOf`; null when none in the window. */
  newestCompleteDay: string | null;
  /** Days of the window (YYYY-MM-DD) whose numbers may still change; empty when none. */
  provisionalDays: string[];
  /**
   * Set when the figures come from the usage warehouse (issue 11): how old its rows are and whether this
   * answer loaded them first — "synced 2 h ago · data through Sun 29 Nov". Absent for live API rows.
   */
  stored?: string;
}

export interface TokenFigures {
  uncachedInput: number | null;
  cachedInput: number | null;
  output: number | null;
  total: number | null;
}

/**
 * USD as the API gives it. `cost_usd` is set on USD-billed usage (where `credits` may be null, read as
 * 0), `estimated_cost_usd` is the API's estimate for credit-billed usage. Null = unknown, never 0.
 */
export interface CostFigures {
  costUsd: number | null;
  estimatedCostUsd: number | null;
  /** Per item `cost_usd`, else `estimated_cost_usd`, summed: what reports show as "≈ $1,234 est.". */
  usd: number | null;
}

export interface UsageFigures {
  threads: number;
  turns: number;
  credits: number;
  tokens: TokenFigures;
  cost: CostFigures;
}

/** A change between two *closed* periods; a running period is never compared. */
export interface Delta {
  current: number | null;
  previous: number | null;
  /** current − previous; null when either side is unknown. */
  change: number | null;
  /** change / previous; null when previous is 0 or unknown. */
  ratio: number | null;
  currentPeriod: TimeWindow;
  previousPeriod: TimeWindow;
}

export interface AdoptionPoint extends TimeWindow {
  activeUsers: number;
  bySurface: Record<Surface, number>;
  provisional: boolean;
}

/** Active users = distinct users with any activity; never summed across buckets or surfaces. */
export interface AdoptionFigures {
  window: TimeWindow;
  bucket: Bucket;
  activeUsers: number;
  bySurface: Record<Surface, number>;
  series: AdoptionPoint[];
}

export interface UsagePoint extends TimeWindow {
  totals: UsageFigures;
  bySurface: Record<Surface, UsageFigures>;
  provisional: boolean;
}

export interface UsageBreakdown {
  window: TimeWindow;
  bucket: Bucket;
  totals: UsageFigures;
  bySurface: Record<Surface, UsageFigures>;
  /** Sorted by credits, descending. */
  byModel: Array<{ model: string; speed: string | null; figures: UsageFigures }>;
  series: UsagePoint[];
}

export type RankKey = 'credits' | 'threads' | 'turns' | 'tokens' | 'streak';

export interface RankedUser {
  userId: string;
  /** Email local part when the API gives an email, else a stable pseudonym (e.g. 'user-3f9a'). */
  label: string;
  email: string | null;
  credits: number;
  threads: number;
  turns: number;
  /** text_total_tokens summed; null when the API reported none for this user. */
  tokens: number | null;
  /** Consecutive active days ending on the newest complete day. */
  streak: number;
  /** This user's credits / all users' credits in the window (0..1); 0 when nobody used credits. */
  creditShare: number;
  /** Surfaces this user was active on, most credits first. */
  surfaces: Surface[];
}

export interface UserRanking {
  window: TimeWindow;
  sortBy: RankKey;
  /** The filter applied, or null for all surfaces. */
  surface: Surface | null;
  /** The top N, in rank order. */
  users: RankedUser[];
  /** Active users considered (after the surface filter). */
  totalUsers: number;
  totalCredits: number;
  /** Share of credits held by the users listed (0..1): the concentration of the top N. */
  topShare: number;
}

export interface ReviewPoint extends TimeWindow {
  prsReviewed: number;
  comments: number;
  positiveShare: number | null;
  engagementRate: number | null;
  provisional: boolean;
}

export interface ReviewFigures {
  window: TimeWindow;
  bucket: Bucket;
  prsReviewed: number;
  comments: number;
  /** Null when the API gave no comment_details. */
  priority: { p0: number; p1: number; p2: number } | null;
  replies: number;
  reactions: number;
  upvotes: number;
  downvotes: number;
  /**
   * Reactions neither 👍 nor 👎, summed over rows that had `reaction_details`; null when none had them
   * (never derived as reactions − up − down: without details nothing is known about the kind).
   */
  otherReactions: number | null;
  /** Reactions of the rows that had `reaction_details`: what the 👍/👎/other split covers. */
  detailedReactions: number;
  /** upvotes / (upvotes + downvotes); null when there were none. */
  positiveShare: number | null;
  engagedComments: number;
  /**
   * The engagement rate's denominator: `/code_review_responses` comments (rows with
   * `comment_response_details`). That endpoint follows PRs merged in the period, so this is not
   * `comments` (from `/code_reviews`).
   */
  respondedComments: number;
  /** engagedComments / respondedComments; null when that is 0. */
  engagementRate: number | null;
  series: ReviewPoint[];
}

/** Week-over-week headline numbers of the digest. */
export interface KpiDeltas {
  activeUsers: Delta;
  credits: Delta;
  threads: Delta;
  prsReviewed: Delta;
  positiveShare: Delta;
}

/** Everything one weekly digest (standard or leadership) is built from. */
export interface DigestFigures {
  /** The last closed week (Monday–Sunday, UTC) and the one before. */
  week: TimeWindow;
  previousWeek: TimeWindow;
  adoption: AdoptionFigures;
  usage: UsageBreakdown;
  ranking: UserRanking;
  reviews: ReviewFigures;
  deltas: KpiDeltas;
  freshness: Freshness;
  /**
   * Adoption by team over `week` and the period before (issue 12), for the leadership digest; absent
   * where no team figures are wired (then the digest has no team reply).
   */
  teams?: DigestTeamAdoption;
  /**
   * Set on monthly and quarterly digests (issue 11 §3): then `week` is the closed month or quarter
   * (cut to the history start when history begins inside it) and `previousWeek` the one before.
   */
  period?: PeriodComparison;
  /**
   * The live budgets' month so far (issue 13 §3): the workspace's in every digest, a team's in that
   * team's digest; absent where no budgets are wired or none is set (then no budget line).
   */
  budgets?: DigestBudgetLine[];
}

/** One budget's status line in a digest: the month's closed days and the forecast to its end. */
export interface DigestBudgetLine {
  /** Null: the workspace's budget; else the team's name as set. */
  team: string | null;
  unit: 'credits' | 'usd';
  amount: number;
  month: TimeWindow;
  forecast: BudgetForecast;
}

/** The digest's team figures: `status` says whether teams could be measured at all. */
export interface DigestTeamAdoption {
  /** `not_loaded`: no identity refresh yet; `emails_hidden`: nobody can be matched; `unavailable`: failed. */
  status: 'ok' | 'not_loaded' | 'emails_hidden' | 'unavailable';
  window: TimeWindow;
  current: TeamFiguresResult;
  previousWindow: TimeWindow;
  /** Null when history does not reach back over `previousWindow`. */
  previous: TeamFiguresResult | null;
}

/** How a monthly or quarterly digest compares beyond the previous period. */
export interface PeriodComparison {
  period: 'month' | 'quarter';
  /** The whole closed month or quarter; `DigestFigures.week` differs only when history starts inside it. */
  whole: TimeWindow;
  /** The same period a year earlier, and its deltas; `deltas` is null when the analytics does not hold it. */
  yearEarlier: { window: TimeWindow; deltas: KpiDeltas | null };
  /** False when the analytics does not hold the previous period (its deltas then have no previous). */
  previousHeld: boolean;
  /** 00:00 UTC of the oldest day the analytics holds (null: none), for "history starts" wording. */
  historyStart: number | null;
}

/** Team figures (issue 12; computed by team-figures.ts). */
/** Figures of one group of people (a team, every team's people, or the seat holders). */
export interface GroupFigures {
  members: number;
  /** Members matched to a Codex user. */
  matchedMembers: number;
  active: number;
  /** active / members; null for a group without members. */
  adoptionRate: number | null;
  /** Members with a Codex match or an email, and no active day ever: `/codex inactive`'s "never started". */
  neverStarted: number;
  /**
   * Members with neither a Codex match nor an email (a Slack profile hiding it): in `members`, so not
   * active, but not "never started" either — nothing says whether they use Codex (issue 12).
   */
  withoutEmail: number;
  lapsed: number;
  newThisPeriod: number;
  credits: number;
  /** Estimated USD of the members' usage (cost_usd, else estimated_cost_usd, else credits × price). */
  usd: number;
  /** The surface carrying most of the members' credits; null when they spent none. */
  topSurface: Surface | null;
}

export interface TeamFigures extends GroupFigures {
  teamId: string;
  name: string;
  /** Fewer than TEAM_PRIVACY_MIN_MEMBERS matched members: non-admins see it only inside "other teams". */
  belowPrivacyThreshold: boolean;
}

export interface TeamFiguresResult {
  /** By adoption rate, highest first (teams without members last), then by name. */
  teams: TeamFigures[];
  /** Every team's people, each counted once. */
  workspace: GroupFigures;
  /** The seat holders (SEATS_GROUP), or null when no seats group is known. */
  seats: GroupFigures | null;
  /**
   * The people of every team below the privacy threshold, each counted once: what non-admins see as
   * "other teams" instead of those teams' own figures (issue 12, part 4). `teams` says how many.
   */
  otherTeams: GroupFigures & { teams: number };
  /**
   * The people of the teams at or above the privacy threshold, each counted once: the "across teams"
   * figure non-admins see when "other teams" is too small to show, so the small teams' figures cannot be
   * had by subtracting the shown teams from the total.
   */
  largeTeams: GroupFigures;
}
