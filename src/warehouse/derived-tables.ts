/**
 * Every table derived from the per-user rows, and the one list of statements that rebuilds them all over
 * some days, in the order they depend on each other: usage-aggregates.ts' (keys, activity, day sums),
 * usage-period-aggregates.ts' (built from that activity) and team-figure-aggregates.ts' (spend rows and
 * first active days, keyed by the user keys assigned first). The sync (replace-user-usage.ts), bulk
 * loaders and benches all rebuild through here, so none can leave a derived table empty or stale: with a
 * list per file, benches that loaded with one of them left team figures' tables empty.
 */
import type { TimeWindow } from '../domain/utc-days.js';
import type { EngineStatement } from '../store/sql-engine.js';
import { rebuildTeamFigureAggregates, teamFigureTableNames } from './team-figure-aggregates.js';
import { ALL_DAYS, rebuildDailyUsageAggregates, usageAggregateTableNames } from './usage-aggregates.js';
import { rebuildUsagePeriodAggregates } from './usage-period-aggregates.js';
import type { WarehouseTx } from './warehouse-sql.js';
import { userClientUsageTable, userModelUsageTable, userUsageTable } from './warehouse-tables.js';

/** Every derived table, e.g. for a bulk load's VACUUM ANALYZE. */
export const derivedTableNames = [...usageAggregateTableNames, ...teamFigureTableNames] as const;

/** The statements that rebuild every derived table over `days` from the per-user rows stored there. */
export function rebuildDerivedTables(days: TimeWindow): string[] {
  return [
    ...rebuildDailyUsageAggregates(days),
    ...rebuildUsagePeriodAggregates(days),
    ...rebuildTeamFigureAggregates(days),
  ];
}

/** Rebuilds every derived table over `days` inside the sync's transaction (after its rows are written). */
export async function refreshDerivedTables(tx: WarehouseTx, days: TimeWindow): Promise<void> {
  for (const statement of rebuildDerivedTables(days)) await tx.query(statement);
}

/**
 * After a bulk insert straight into the per-user tables (benches, loaders without the sync): their
 * statistics on PostgreSQL, then every derived table rebuilt over all days. Without statistics (autovacuum
 * not yet run on the new rows) PostgreSQL planned the rebuild's joins as nested loops over millions of
 * rows on each side: a 4M-row bench load took over 15 minutes.
 */
export function bulkRebuildDerivedTables(): EngineStatement[] {
  return [
    ...[userUsageTable, userClientUsageTable, userModelUsageTable].map((table) => ({
      postgres: `ANALYZE ${table.name}`,
      embedded: null,
    })),
    ...rebuildDerivedTables(ALL_DAYS),
  ];
}
