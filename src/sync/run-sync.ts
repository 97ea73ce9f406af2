/**
 * One sync of the warehouse from the Codex Analytics API (issue 11, part 1): plans the days (plan-sync.ts),
 * pulls all four row kinds for them with the largest page the API allows, and replaces those days in the
 * warehouse. Per-user rows are written in batches of whole days as the time-ordered pages complete them,
 * so memory stays bounded (SYNC_BATCH_ROWS) and a run that fails midway keeps the batches it finished; a
 * day is only ever replaced whole, in one transaction, so a failure never leaves a day half-written.
 *
 * One replica at a time: the run holds the warehouse's sync lock; a run that finds it taken is recorded
 * as `skipped` and pulls nothing. Every run is recorded (sync_runs) with its window, requests, rows,
 * outcome and error. A failed run is returned, not thrown: the caller decides whether that is an exit
 * code (CLI) or a log line and a retry at the next tick (serve).
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { CodexClient } from '../codex/codex-client.js';
import type { UsageRow } from '../codex/schemas.js';
import { DAY_SECONDS, dayKey } from '../domain/utc-days.js';
import { errorCode, type SyncOutcomeCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { SyncKind, SyncRun, Warehouse } from '../warehouse/warehouse.js';
import { planSync, type SyncPlan } from './plan-sync.js';
import type { SyncHistory } from './sync-due.js';

/** The API's largest page [spec]: one request holds a whole day of up to 30,000 users. */
const SYNC_PAGE_LIMIT = 30_000;
/**
 * Per-user rows are written in transactions of whole days, at least this many rows or days at a time:
 * on a file-backed DuckDB a commit per day costs more than its rows, while parsed rows held for a
 * bigger batch made V8 collect garbage for a third of the backfill under the production 256 MB heap
 * cap (bench/warehouse-sync.ts, 20,000 rows vs 5,000).
 */
const SYNC_BATCH_ROWS = 5_000;
const SYNC_BATCH_DAYS = 10;

export type SyncPhase = 'workspace' | 'code_reviews' | 'code_review_responses' | 'users' | 'done';

/** Where a run is; `fraction` grows from 0 to 1 (Slack: "loading history: 40%"). */
export interface SyncProgress {
  kind: SyncPlan['kind'];
  phase: SyncPhase;
  fraction: number;
  /** Days whose per-user rows have all arrived, of `daysTotal`. */
  daysDone: number;
  daysTotal: number;
  rows: number;
}

export interface SyncDeps {
  client: CodexClient;
  warehouse: Warehouse;
  clock: Clock;
  logger: Logger;
  /** HTTP attempts `client` has made so far (see count-requests.ts); a run records the difference. */
  requests: () => number;
  /** Complete days before the running day an incremental run re-pulls (SYNC_TRAILING_DAYS). */
  trailingDays: number;
  /** Called as the run advances; pass a no-op when nobody watches. */
  onProgress: (progress: SyncProgress) => void;
}

/** The three whole-window endpoints: one page each, pulled before the per-user days. */
const SMALL_STEPS = 3;

/** Runs one sync and returns its recorded run (outcome ok, failed or skipped). */
export async function runSync(deps: SyncDeps, options: { signal?: AbortSignal } = {}): Promise<SyncRun> {
  const startedAt = deps.clock.now();
  const locked = await deps.warehouse.withSyncLock(() => syncLocked(deps, startedAt, options.signal));
  if (locked.acquired) return locked.value;
  const plan = await planFor(deps, startedAt, { warnOfGap: false });
  const run: SyncRun = {
    ...newRun(plan, startedAt),
    finishedAt: deps.clock.now(),
    outcome: 'skipped',
    errorCode: 'sync_locked' satisfies SyncOutcomeCode,
    error: 'Another sync of this warehouse is running.',
  };
  await deps.warehouse.startSyncRun(run);
  await deps.warehouse.finishSyncRun(run.id, finishOf(run));
  deps.logger.info('sync: skipped, another sync holds the lock', { syncId: run.id });
  return run;
}

/** What a scheduled sync did: ran (any outcome), found nothing due, or found the lock taken. */
export type ScheduledSync =
  | { status: 'ran'; run: SyncRun }
  | { status: 'not_due'; lastSuccess: SyncRun | null }
  /** Another sync holds the lock; `kind` is what it must be doing (a backfill while nothing succeeded yet). */
  | { status: 'locked'; kind: SyncKind };

/** Runs of the history looked at for the newest attempt (skipped runs, from the CLI, are passed over). */
const HISTORY_RUNS = 20;

/**
 * A scheduled sync (the scheduler inside `serve`): under the lock, reads the run history and syncs only
 * if `isDue` says so, so replicas that tick at once sync once between them. Unlike `runSync`, nothing is
 * recorded when nothing ran: finding the lock taken every minute of another replica's backfill is not a
 * run.
 */
export async function runSyncIfDue(
  deps: SyncDeps,
  options: { signal?: AbortSignal; isDue: (history: SyncHistory) => boolean },
): Promise<ScheduledSync> {
  const locked = await deps.warehouse.withSyncLock(async (): Promise<ScheduledSync> => {
    const history = await syncHistory(deps.warehouse);
    if (!options.isDue(history)) return { status: 'not_due', lastSuccess: history.lastSuccess };
    return { status: 'ran', run: await syncLocked(deps, deps.clock.now(), options.signal) };
  });
  if (locked.acquired) return locked.value;
  const lastSuccess = await deps.warehouse.lastSuccessfulSync();
  return { status: 'locked', kind: lastSuccess === null ? 'backfill' : 'incremental' };
}

async function syncHistory(warehouse: Warehouse): Promise<SyncHistory> {
  const [lastSuccess, runs] = await Promise.all([
    warehouse.lastSuccessfulSync(),
    warehouse.syncRuns(HISTORY_RUNS),
  ]);
  return { lastSuccess, lastAttempt: runs.find((run) => run.outcome !== 'skipped') ?? null };
}

async function planFor(deps: SyncDeps, now: Date, options: { warnOfGap: boolean }): Promise<SyncPlan> {
  const last = await deps.warehouse.lastSuccessfulSync();
  const plan = planSync({ now, lastSuccess: last?.window ?? null, trailingDays: deps.trailingDays });
  // Nothing synced for longer than the API looks back: the days in between are gone for good. Say so
  // once, when the run that skips them starts (e.g. `sync --at` more than 90 days before the next sync).
  if (options.warnOfGap && last !== null && last.window.end < plan.window.start) {
    deps.logger.warn('sync: days past the API lookback were never synced', {
      from: dayKey(last.window.end),
      to: dayKey(plan.window.start - DAY_SECONDS),
    });
  }
  return plan;
}

function newRun(plan: SyncPlan, startedAt: Date): SyncRun {
  return {
    id: randomUUID(),
    kind: plan.kind,
    startedAt,
    finishedAt: null,
    window: plan.window,
    requests: 0,
    rows: 0,
    outcome: 'running',
    errorCode: null,
    error: null,
  };
}

function finishOf(run: SyncRun) {
  return {
    finishedAt: run.finishedAt ?? run.startedAt,
    requests: run.requests,
    rows: run.rows,
    outcome: run.outcome === 'running' ? ('failed' as const) : run.outcome,
    ...(run.errorCode === null ? {} : { errorCode: run.errorCode }),
    ...(run.error === null ? {} : { error: run.error }),
  };
}

async function syncLocked(
  deps: SyncDeps,
  startedAt: Date,
  signal: AbortSignal | undefined,
): Promise<SyncRun> {
  const { client, warehouse, logger } = deps;
  const plan = await planFor(deps, startedAt, { warnOfGap: true });
  const run = newRun(plan, startedAt);
  await warehouse.startSyncRun(run);
  const requestsBefore = deps.requests();
  const { window } = plan;
  const daysTotal = (window.end - window.start) / DAY_SECONDS;
  let smallDone = 0;
  let cursor = window.start; // the first day whose per-user rows have not all arrived yet
  let written = window.start; // the first day whose per-user rows are not written yet
  const report = (phase: SyncPhase) =>
    deps.onProgress({
      kind: plan.kind,
      phase,
      fraction: (smallDone + (cursor - window.start) / DAY_SECONDS) / (SMALL_STEPS + daysTotal),
      daysDone: (cursor - window.start) / DAY_SECONDS,
      daysTotal,
      rows: run.rows,
    });
  logger.info('sync: started', { syncId: run.id, kind: plan.kind, start: window.start, end: window.end });
  const query = { startTime: window.start, endTime: window.end, limit: SYNC_PAGE_LIMIT } as const;
  const opts = signal === undefined ? {} : { signal };

  try {
    report('workspace');
    const workspace = await client.fetchAll('usage', { ...query, group: 'workspace' }, opts);
    run.rows += await warehouse.replaceWorkspaceUsage(window, workspace);
    smallDone++;
    report('code_reviews');
    run.rows += await warehouse.replaceCodeReviews(
      window,
      await client.fetchAll('code_reviews', query, opts),
    );
    smallDone++;
    report('code_review_responses');
    const responses = await client.fetchAll('code_review_responses', query, opts);
    run.rows += await warehouse.replaceCodeReviewResponses(window, responses);
    smallDone++;
    report('users');

    // Days arrive in time order; each is written (in batches of whole days) as soon as its last row is
    // in, before the next day's page is parsed, so no more than a batch of days is held at once.
    let pending: UsageRow[] = [];
    // Rows of the batch being written: still on the heap (and in the writer's buffers) until it commits.
    let writing = 0;
    const writeThrough = async (end: number) => {
      const rows = pending;
      pending = [];
      writing = rows.length;
      try {
        run.rows += await warehouse.replaceUserUsage({ start: written, end }, rows);
      } finally {
        writing = 0;
      }
      written = end;
    };
    const onSubWindowDone = async (sub: { endTime: number }) => {
      cursor = sub.endTime;
      // Whole days per transaction, several at once: a commit per day costs more than its rows.
      if (pending.length >= SYNC_BATCH_ROWS || cursor - written >= SYNC_BATCH_DAYS * DAY_SECONDS) {
        await writeThrough(cursor);
      }
      report('users');
    };
    // The rows held here count against the pull's buffer budget: while a batch is written, the pull reads
    // ahead only what the budget has left, not a whole budget more (issue 11: first-start peak ≤ 400 MB).
    const heldRows = () => pending.length + writing;
    for await (const page of client.usagePagesConcurrent(query, { ...opts, onSubWindowDone, heldRows })) {
      for (const row of page) pending.push(row);
    }
    // Any days not written yet, with the empty days at the end (re-pulled empty means empty); none when
    // the last day closed a batch.
    cursor = window.end;
    if (written < window.end) await writeThrough(window.end);
    run.outcome = 'ok';
  } catch (error) {
    run.outcome = 'failed';
    // Stopped (SIGTERM, a caller's deadline) is not an API or warehouse fault: say so in the record.
    run.errorCode = signal?.aborted ? ('sync_aborted' satisfies SyncOutcomeCode) : errorCode(error);
    run.error = error instanceof Error ? error.message : String(error);
  }
  run.finishedAt = deps.clock.now();
  run.requests = deps.requests() - requestsBefore;
  await warehouse.finishSyncRun(run.id, finishOf(run));
  const fields = {
    syncId: run.id,
    kind: run.kind,
    outcome: run.outcome,
    requests: run.requests,
    rows: run.rows,
    daysWritten: (written - window.start) / DAY_SECONDS,
  };
  if (run.outcome === 'ok') {
    report('done');
    logger.info('sync: finished', fields);
  } else {
    logger.warn('sync: failed', { ...fields, code: run.errorCode, errMsg: run.error });
  }
  return run;
}
