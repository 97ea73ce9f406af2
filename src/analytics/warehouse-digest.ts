/**
 * The weekly digest's figures from the warehouse: what computeDigestFigures (src/figures/digest-figures.ts)
 * returns on the rows of `digestWindow(now)`, with adoption, usage and reviews of both weeks in SQL, and
 * the closed week's ranking by sqlRanking (one GROUP BY over the week, streaks reaching back through the
 * digest window as the pure digest's history does) — no per-user rows read into memory (issue 11 §7:
 * rebuilding a week of 20,000 users' rows for rankUsers took most of the digest's seconds).
 */
import type { SurfaceOf } from '../domain/surfaces.js';
import type { TimeWindow } from '../domain/utc-days.js';
import { comparedWeeks } from '../figures/deltas.js';
import { assembleDigestFigures } from '../figures/digest-figures.js';
import type { DigestFigures } from '../figures/figure-types.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { digestWindow } from './digest-window.js';
import { sqlRanking } from './sql-ranking.js';
import type { TeamScope } from './workspace-analytics.js';

export type DigestWarehouse = Pick<Warehouse, 'usageFigures' | 'reviewFigures' | 'userFigures'>;

export interface WarehouseDigestOptions {
  now: Date;
  surfaceOf: SurfaceOf;
  topN: number;
  /** A team's digest (issue 12 §3): its members' usage and ranking; reviews stay workspace-wide. */
  team?: TeamScope | undefined;
}

/** The digest for the last closed Monday–Sunday UTC week at `now`; freshness without the store's note. */
export async function warehouseDigestFigures(
  warehouse: DigestWarehouse,
  options: WarehouseDigestOptions,
): Promise<DigestFigures> {
  const { now, surfaceOf, topN, team } = options;
  const { week, previousWeek } = comparedWeeks(now);
  const users = team === undefined ? null : { teamId: team.teamId };
  const figuresFor = async (window: TimeWindow) => {
    const query = { window, bucket: 'day', now } as const;
    const [usage, reviews] = await Promise.all([
      warehouse.usageFigures({ ...query, surface: null, surfaceOf, users }),
      warehouse.reviewFigures(query),
    ]);
    return { ...usage, reviews };
  };
  const [current, previous, ranking] = await Promise.all([
    figuresFor(week),
    figuresFor(previousWeek),
    sqlRanking(warehouse.userFigures, week, {
      sortBy: 'credits',
      surface: null,
      topN,
      surfaceOf,
      now,
      historyStart: digestWindow(now).start,
      ...(users === null ? {} : { scope: users }),
    }),
  ]);
  return assembleDigestFigures({ week, previousWeek, current, previous, ranking, now });
}
