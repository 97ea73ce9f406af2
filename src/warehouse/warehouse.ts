/**
 * The usage warehouse (issue 11): Codex Pulse's own memory of the Analytics API, so history outlives the
 * API's 90-day lookback and figures come from local queries instead of pulls. One interface, two engines
 * beside it: DuckDB embedded (create-duckdb-warehouse.ts, the default) and PostgreSQL when DATABASE_URL
 * is set (create-postgres-warehouse.ts), both running the same SQL (warehouse-queries.ts) and the same
 * contract tests.
 *
 * Times are Unix seconds (UTC), end exclusive, like the API. Rows are stored with typed columns for what
 * figures read plus the row's JSON as the client parsed it, so every field the API gives (cost_usd,
 * estimated_cost_usd, code_attribution, models, clients, emails) stays available to later features.
 */
import type { CodeReviewResponseRow, CodeReviewRow, UsageRow } from '../codex/schemas.js';
import type { AlertMetric, AlertPeriod, AlertScope } from '../domain/alert-rules.js';
import type { Surface, SurfaceOf } from '../domain/surfaces.js';
import type { TimeWindow } from '../domain/utc-days.js';
import type { PeriodValue } from '../figures/alert-evaluation.js';
import type { ReviewFigures } from '../figures/figure-types.js';
import type { ReviewFigureQuery, UsageFigureQuery, UsageFigures } from './warehouse-figure-queries.js';
import type { WarehouseNudges } from './warehouse-nudges.js';
import type { WarehouseRoster } from './warehouse-roster.js';
import type { WarehouseTeams } from './warehouse-teams.js';
import type { WarehouseUserFigures } from './warehouse-user-figures.js';

export type WarehouseKind = 'embedded' | 'postgres';

/** How a sync run ended; `running` until it does (a crashed run stays `running`). */
export type SyncOutcome = 'running' | 'ok' | 'failed' | 'skipped';
/** A first run pulls the whole lookback; later ones only the trailing days that may still change. */
export type SyncKind = 'backfill' | 'incremental';

/** One recorded sync run. */
export interface SyncRun {
  id: string;
  kind: SyncKind;
  startedAt: Date;
  finishedAt: Date | null;
  /** The days it pulled: bucket starts in [start, end). */
  window: TimeWindow;
  /** HTTP attempts to the Codex API (retries included). */
  requests: number;
  /** Rows written, all endpoints together. */
  rows: number;
  outcome: SyncOutcome;
  /**
   * Why a run failed or was skipped: an error code of src/errors.ts, or one of its `syncOutcomeCodes`
   * (`sync_locked`: skipped, another sync held the lock; `sync_aborted`: stopped by a signal), which are
   * outcomes, not errors. Null if ok.
   */
  errorCode: string | null;
  error: string | null;
}

/** What a run reports when it ends. */
export interface SyncRunEnd {
  finishedAt: Date;
  requests: number;
  rows: number;
  outcome: Exclude<SyncOutcome, 'running'>;
  errorCode?: string;
  error?: string;
}

/** How current the warehouse is: drives footers like "synced 2 h ago · data through Sun 29 Nov". */
export interface WarehouseFreshness {
  /** When the newest successful sync finished; null before the first one. */
  lastSyncAt: Date | null;
  /** The newest UTC day (Unix seconds of its 00:00) complete when that sync pulled it; null if none. */
  dataThrough: number | null;
  /**
   * Where history starts: the first day a successful sync stored (days it stored with no rows count), or an
   * older day holding per-user rows; null before anything is stored.
   */
  historyStart: number | null;
  /** The newest run of any outcome, so an operator sees a failing sync behind old data. */
  lastRun: SyncRun | null;
}

/** Rows per table, for the CLI summary, tests and benches. */
export interface WarehouseCounts {
  userUsage: number;
  userClientUsage: number;
  workspaceUsage: number;
  codeReviews: number;
  codeReviewResponses: number;
  syncRuns: number;
}

/** Distinct active users over a window (same definition as src/figures/adoption.ts). */
export interface WarehouseAdoption {
  activeUsers: number;
  bySurface: Record<Surface, number>;
}

/** Credits over a window from per-user rows (same attribution as src/figures/usage-breakdown.ts). */
export interface WarehouseCredits {
  total: number;
  bySurface: Record<Surface, number>;
}

/** What alertSeries reads: a rule's metric and scope, per period of a window (issue 13). */
export interface AlertSeriesQuery {
  metric: AlertMetric;
  scope: AlertScope;
  period: AlertPeriod;
  /** Whole periods, oldest first, are returned for this window (clipped to it). */
  window: TimeWindow;
  /** Periods ending after this (Unix seconds) are provisional: not closed, or not wholly synced. */
  closedThrough: number;
  surfaceOf: SurfaceOf;
  /** USD per credit where the API gives no cost (CREDIT_PRICE_USD). */
  creditPriceUsd: number;
}

/** Many rules' series, in the order of their queries, and how many statements they took. */
export interface AlertSeriesBatch {
  series: PeriodValue[][];
  statements: number;
}

/** The outcome of trying to take the one sync lock. */
export type LockResult<T> = { acquired: true; value: T } | { acquired: false };

export interface Warehouse {
  readonly kind: WarehouseKind;
  /** Teams, identities and their refreshes (issue 12). */
  readonly teams: WarehouseTeams;
  /** Who was nudged about Codex, and when (issue 12): at most once per person per period. */
  readonly nudges: WarehouseNudges;
  /** The roster an admin uploaded in the bot's DM (issue 12 §1b); overrides ROSTER_FILE while stored. */
  readonly roster: WarehouseRoster;
  /** Per-user figures in SQL: the ranking, the caller's own rows, the export tables (issue 11 §4). */
  readonly userFigures: WarehouseUserFigures;

  /**
   * Replaces every per-user daily row whose bucket starts in `days` by `rows` (all of which must start
   * inside it), in one transaction: a re-pulled day replaces that day's rows, so a late row replaces the
   * provisional one and a day re-pulled empty ends up empty. Rows without a user (workspace rows) are
   * skipped. Returns the rows written.
   */
  replaceUserUsage(days: TimeWindow, rows: readonly UsageRow[]): Promise<number>;
  /** Same contract for workspace daily usage (`group=workspace`). */
  replaceWorkspaceUsage(days: TimeWindow, rows: readonly UsageRow[]): Promise<number>;
  replaceCodeReviews(days: TimeWindow, rows: readonly CodeReviewRow[]): Promise<number>;
  replaceCodeReviewResponses(days: TimeWindow, rows: readonly CodeReviewResponseRow[]): Promise<number>;

  /** The stored per-user rows of `window`, as the client parsed them, in (bucket, user) order. */
  userUsageRows(window: TimeWindow): Promise<UsageRow[]>;
  /** The stored Code Review rows of `window`, as the client parsed them, in time order. */
  codeReviewRows(window: TimeWindow): Promise<CodeReviewRow[]>;
  /** The stored Code Review response rows of `window`, as the client parsed them, in time order. */
  codeReviewResponseRows(window: TimeWindow): Promise<CodeReviewResponseRow[]>;
  /** Distinct active users over `window`, overall and by surface. */
  adoption(window: TimeWindow, surfaceOf: SurfaceOf): Promise<WarehouseAdoption>;
  /** Credits over `window`, in total and by surface. */
  credits(window: TimeWindow, surfaceOf: SurfaceOf): Promise<WarehouseCredits>;
  /** An alert rule's metric per period over `query.window` (issue 13), every period present. */
  alertSeries(query: AlertSeriesQuery): Promise<PeriodValue[]>;
  /** Many rules' series at once, in a few statements (alert-series-many.ts): what each sync's run reads. */
  alertSeriesMany(queries: readonly AlertSeriesQuery[]): Promise<AlertSeriesBatch>;
  /**
   * Adoption and the usage breakdown in SQL: what computeAdoption and computeUsageBreakdown return on
   * the stored rows of the window (optionally one surface's activity, optionally one team's users).
   */
  usageFigures(query: UsageFigureQuery): Promise<UsageFigures>;
  /** Code review figures in SQL: what computeReviewFigures returns on the stored rows. */
  reviewFigures(query: ReviewFigureQuery): Promise<ReviewFigures>;
  /** Consecutive active days right before `before`, back to `since`, of each of `userIds` (streaks). */
  streaksBefore(before: number, since: number, userIds: readonly string[]): Promise<Map<string, number>>;

  /**
   * Runs `fn` holding the one sync lock of this warehouse, or returns `{acquired: false}` at once when
   * another holder has it: a PostgreSQL advisory lock shared by every replica (released by PostgreSQL if
   * the holder dies), an in-process flag for the embedded engine (one process owns its files).
   */
  withSyncLock<T>(fn: () => Promise<T>): Promise<LockResult<T>>;
  /** Records a run as `running`. */
  startSyncRun(run: { id: string; kind: SyncKind; startedAt: Date; window: TimeWindow }): Promise<void>;
  finishSyncRun(id: string, end: SyncRunEnd): Promise<void>;
  /** Newest first. */
  syncRuns(limit: number): Promise<SyncRun[]>;
  /** The newest run that ended `ok`, or null. */
  lastSuccessfulSync(): Promise<SyncRun | null>;
  freshness(): Promise<WarehouseFreshness>;
  counts(): Promise<WarehouseCounts>;

  /** Idempotent. */
  close(): Promise<void>;
}
