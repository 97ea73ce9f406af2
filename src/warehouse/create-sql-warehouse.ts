/**
 * The Warehouse over any WarehouseSql driver: every statement here runs unchanged on DuckDB and
 * PostgreSQL, so the two engines differ only in their driver (create-duckdb-warehouse.ts,
 * create-postgres-warehouse.ts).
 */
import { z } from 'zod';
import {
  type CodeReviewResponseRow,
  type CodeReviewRow,
  codeReviewResponseRowSchema,
  codeReviewRowSchema,
  type UsageRow,
  usageRowSchema,
} from '../codex/schemas.js';
import type { TimeWindow } from '../domain/utc-days.js';
import { DAY_SECONDS } from '../domain/utc-days.js';
import { CodexPulseError } from '../errors.js';
import { newestCompleteDayNumber } from '../figures/freshness.js';
import { alertSeries } from './alert-series.js';
import { alertSeriesMany } from './alert-series-many.js';
import { createWarehouseNudges } from './create-warehouse-nudges.js';
import { createWarehouseRoster } from './create-warehouse-roster.js';
import { createWarehouseTeams } from './create-warehouse-teams.js';
import { createWarehouseUserFigures } from './create-warehouse-user-figures.js';
import { replaceUserUsage } from './replace-user-usage.js';
import type { SyncRun, Warehouse, WarehouseCounts } from './warehouse.js';
import { warehouseAdoption, warehouseCredits } from './warehouse-figures.js';
import { warehouseReviewFigures } from './warehouse-review-figures.js';
import type { SqlParam, TableSpec, WarehouseSql, WarehouseTx } from './warehouse-sql.js';
import { warehouseStreaksBefore } from './warehouse-streaks-before.js';
import {
  codeReviewResponseTable,
  codeReviewResponseValues,
  codeReviewTable,
  codeReviewValues,
  userClientUsageTable,
  userUsageTable,
  workspaceUsageTable,
  workspaceUsageValues,
} from './warehouse-tables.js';
import { warehouseUsageFigures } from './warehouse-usage-figures.js';

const count = z.coerce.number();
const nullableNumber = z.union([z.null(), z.coerce.number()]);
const syncRunRow = z.object({
  id: z.string(),
  kind: z.enum(['backfill', 'incremental']),
  started_at_ms: count,
  finished_at_ms: nullableNumber,
  window_start: count,
  window_end: count,
  requests: count,
  rows_written: count,
  outcome: z.enum(['running', 'ok', 'failed', 'skipped']),
  error_code: z.string().nullable(),
  error: z.string().nullable(),
});
const rawRow = z.object({ raw: z.string() });
const valueRow = z.object({ value: nullableNumber });

const SYNC_RUN_COLUMNS =
  'id, kind, started_at_ms, finished_at_ms, window_start, window_end, requests, rows_written, outcome, error_code, error';

function toSyncRun(row: unknown): SyncRun {
  const r = syncRunRow.parse(row);
  return {
    id: r.id,
    kind: r.kind,
    startedAt: new Date(r.started_at_ms),
    finishedAt: r.finished_at_ms === null ? null : new Date(r.finished_at_ms),
    window: { start: r.window_start, end: r.window_end },
    requests: r.requests,
    rows: r.rows_written,
    outcome: r.outcome,
    errorCode: r.error_code,
    error: r.error,
  };
}

/** A row outside the days being replaced would survive a later re-pull of its own day twice: refuse. */
function assertInside(days: TimeWindow, rows: readonly { start_time: number }[], what: string): void {
  if (days.start % DAY_SECONDS !== 0 || days.end % DAY_SECONDS !== 0 || days.start >= days.end) {
    throw new CodexPulseError('store_invalid_input', `Days to replace must be whole UTC days (${what})`);
  }
  for (const row of rows) {
    if (row.start_time < days.start || row.start_time >= days.end) {
      throw new CodexPulseError(
        'store_invalid_input',
        `A ${what} row of ${new Date(row.start_time * 1000).toISOString()} lies outside the days being replaced`,
      );
    }
  }
}

/** Builds the warehouse on `sql` (migrations already applied). */
export function createSqlWarehouse(sql: WarehouseSql): Warehouse {
  let closed = false;

  async function replace(
    days: TimeWindow,
    tables: readonly [TableSpec, readonly SqlParam[][]][],
    also?: (tx: WarehouseTx) => Promise<void>,
  ) {
    await sql.transaction(async (tx) => {
      for (const [table, rows] of tables) {
        await tx.query(`DELETE FROM ${table.name} WHERE start_time >= $1 AND start_time < $2`, [
          days.start,
          days.end,
        ]);
        if (rows.length > 0) await tx.insert(table, rows);
      }
      await also?.(tx);
    });
  }

  async function scalar(statement: string, params: readonly SqlParam[] = []): Promise<number | null> {
    const [row] = await sql.query(statement, params);
    return valueRow.parse(row).value;
  }

  async function syncRuns(limit: number): Promise<SyncRun[]> {
    const rows = await sql.query(
      `SELECT ${SYNC_RUN_COLUMNS} FROM sync_runs ORDER BY started_at_ms DESC, id DESC LIMIT $1`,
      [limit],
    );
    return rows.map(toSyncRun);
  }

  async function lastSuccessfulSync(): Promise<SyncRun | null> {
    const rows = await sql.query(
      `SELECT ${SYNC_RUN_COLUMNS} FROM sync_runs WHERE outcome = 'ok'
       ORDER BY finished_at_ms DESC, id DESC LIMIT 1`,
    );
    return rows[0] === undefined ? null : toSyncRun(rows[0]);
  }

  return {
    kind: sql.kind,
    teams: createWarehouseTeams(sql),
    nudges: createWarehouseNudges(sql),
    roster: createWarehouseRoster(sql),
    userFigures: createWarehouseUserFigures(sql),

    async replaceUserUsage(days, rows) {
      assertInside(days, rows, 'usage');
      return replaceUserUsage(sql, days, rows);
    },

    async replaceWorkspaceUsage(days, rows) {
      assertInside(days, rows, 'workspace usage');
      await replace(days, [[workspaceUsageTable, rows.map(workspaceUsageValues)]]);
      return rows.length;
    },

    async replaceCodeReviews(days, rows) {
      assertInside(days, rows, 'code review');
      await replace(days, [[codeReviewTable, rows.map(codeReviewValues)]]);
      return rows.length;
    },

    async replaceCodeReviewResponses(days, rows) {
      assertInside(days, rows, 'code review response');
      await replace(days, [[codeReviewResponseTable, rows.map(codeReviewResponseValues)]]);
      return rows.length;
    },

    async userUsageRows(window): Promise<UsageRow[]> {
      const rows = await sql.query(
        `SELECT raw FROM usage_user_daily WHERE start_time >= $1 AND start_time < $2
         ORDER BY start_time, user_id`,
        [window.start, window.end],
      );
      return rows.map((row) => usageRowSchema.parse(JSON.parse(rawRow.parse(row).raw)));
    },

    async codeReviewRows(window): Promise<CodeReviewRow[]> {
      const rows = await sql.query(
        `SELECT raw FROM ${codeReviewTable.name} WHERE start_time >= $1 AND start_time < $2 ORDER BY start_time`,
        [window.start, window.end],
      );
      return rows.map((row) => codeReviewRowSchema.parse(JSON.parse(rawRow.parse(row).raw)));
    },

    async codeReviewResponseRows(window): Promise<CodeReviewResponseRow[]> {
      const rows = await sql.query(
        `SELECT raw FROM ${codeReviewResponseTable.name} WHERE start_time >= $1 AND start_time < $2
         ORDER BY start_time`,
        [window.start, window.end],
      );
      return rows.map((row) => codeReviewResponseRowSchema.parse(JSON.parse(rawRow.parse(row).raw)));
    },

    adoption: (window, surfaceOf) => warehouseAdoption(sql, window, surfaceOf),
    credits: (window, surfaceOf) => warehouseCredits(sql, window, surfaceOf),
    alertSeries: (query) => alertSeries(sql, query),
    alertSeriesMany: (queries) => alertSeriesMany(sql, queries),
    usageFigures: (query) => warehouseUsageFigures(sql, query),
    reviewFigures: (query) => warehouseReviewFigures(sql, query),
    streaksBefore: (before, since, userIds) => warehouseStreaksBefore(sql, before, since, userIds),

    withSyncLock: (fn) => sql.withSyncLock(fn),

    async startSyncRun(run) {
      await sql.query(
        `INSERT INTO sync_runs (${SYNC_RUN_COLUMNS})
         VALUES ($1, $2, $3, NULL, $4, $5, 0, 0, 'running', NULL, NULL)`,
        [run.id, run.kind, run.startedAt.getTime(), run.window.start, run.window.end],
      );
    },

    async finishSyncRun(id, end) {
      await sql.query(
        `UPDATE sync_runs SET finished_at_ms = $2, requests = $3, rows_written = $4, outcome = $5,
           error_code = $6, error = $7
         WHERE id = $1`,
        [
          id,
          end.finishedAt.getTime(),
          end.requests,
          end.rows,
          end.outcome,
          end.errorCode ?? null,
          end.error ?? null,
        ],
      );
    },

    syncRuns,
    lastSuccessfulSync,

    async freshness() {
      const [last, [lastRun], historyStart] = await Promise.all([
        lastSuccessfulSync(),
        syncRuns(1),
        // History starts at the first day a sync stored, rows or not: a day the API answered with no
        // activity is history (zeros), while a day never pulled is not. Successful runs' windows say which
        // days were stored; rows a failed run kept (its finished batches) count too, and so do rows of a
        // warehouse older than its run history.
        scalar(
          `SELECT MIN(start) AS value FROM (
             SELECT MIN(window_start) AS start FROM sync_runs WHERE outcome = 'ok'
             UNION ALL SELECT MIN(start_time) AS start FROM ${userUsageTable.name}
           ) AS starts`,
        ),
      ]);
      const through = last === null ? null : newestCompleteDayNumber(last.window, last.startedAt);
      return {
        lastSyncAt: last?.finishedAt ?? null,
        dataThrough: through === null ? null : through * DAY_SECONDS,
        historyStart,
        lastRun: lastRun ?? null,
      };
    },

    async counts(): Promise<WarehouseCounts> {
      const of = async (table: string) => (await scalar(`SELECT COUNT(*) AS value FROM ${table}`)) ?? 0;
      return {
        userUsage: await of(userUsageTable.name),
        userClientUsage: await of(userClientUsageTable.name),
        workspaceUsage: await of(workspaceUsageTable.name),
        codeReviews: await of(codeReviewTable.name),
        codeReviewResponses: await of(codeReviewResponseTable.name),
        syncRuns: await of('sync_runs'),
      };
    },

    async close() {
      if (closed) return;
      closed = true;
      await sql.close();
    },
  };
}
