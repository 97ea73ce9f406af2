/**
 * Replaces whole days of per-user usage (the sync's biggest write): deletes the days from the three
 * per-user tables, appends the new rows, then rebuilds the days' derived tables (derived-tables.ts),
 * all in one transaction, so a day is never half-written.
 *
 * The rows are turned into table values a slice at a time (APPEND_SLICE_ROWS) rather than all at once:
 * a day of 20,000 users is ~20 MB of `raw` JSON text plus its value arrays, which held on the V8 heap
 * beside the parsed rows raised the backfill's peak RSS (issue 11: first backfill ≤ 400 MB;
 * bench/warehouse-sync.ts prints it).
 */
import type { UsageRow } from '../codex/schemas.js';
import type { TimeWindow } from '../domain/utc-days.js';
import { CodexPulseError } from '../errors.js';
import { refreshDerivedTables } from './derived-tables.js';
import type { SqlParam, WarehouseSql } from './warehouse-sql.js';
import {
  userClientUsageTable,
  userModelUsageTable,
  userUsageTable,
  userUsageValues,
} from './warehouse-tables.js';

/** Rows converted and appended at a time. */
const APPEND_SLICE_ROWS = 2_000;

/**
 * Replaces `days` with `rows` (already checked to lie inside them); returns the user rows written.
 * Throws store_invalid_input, writing nothing, when two rows are for one user on one day.
 */
export async function replaceUserUsage(
  sql: WarehouseSql,
  days: TimeWindow,
  rows: readonly UsageRow[],
): Promise<number> {
  return sql.transaction(async (tx) => {
    for (const table of [userUsageTable, userClientUsageTable, userModelUsageTable]) {
      await tx.query(`DELETE FROM ${table.name} WHERE start_time >= $1 AND start_time < $2`, [
        days.start,
        days.end,
      ]);
    }
    const keys = new Set<string>();
    let written = 0;
    for (let from = 0; from < rows.length; from += APPEND_SLICE_ROWS) {
      const users: SqlParam[][] = [];
      const clients: SqlParam[][] = [];
      const models: SqlParam[][] = [];
      for (let i = from; i < Math.min(rows.length, from + APPEND_SLICE_ROWS); i++) {
        const row = rows[i] as UsageRow;
        const values = userUsageValues(row);
        if (values === null) continue;
        // Checked here rather than by a key on both engines: DuckDB's table has none (see migrations).
        const key = `${row.start_time}|${String(values.user[2])}`;
        if (keys.has(key)) {
          throw new CodexPulseError(
            'store_invalid_input',
            `Two usage rows for one user on ${new Date(row.start_time * 1000).toISOString().slice(0, 10)}: the batch is refused`,
          );
        }
        keys.add(key);
        users.push(values.user);
        for (const client of values.clients) clients.push(client);
        for (const item of values.models) models.push(item);
      }
      if (users.length > 0) await tx.insert(userUsageTable, users);
      if (clients.length > 0) await tx.insert(userClientUsageTable, clients);
      if (models.length > 0) await tx.insert(userModelUsageTable, models);
      written += users.length;
    }
    // The derived tables (integer keys, activity, daily sums, team figures' rows) follow the rows in the
    // same transaction, so an answer never reads aggregates of days the rows no longer hold.
    await refreshDerivedTables(tx, days);
    return written;
  });
}
