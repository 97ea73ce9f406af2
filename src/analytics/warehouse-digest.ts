/**
 * The weekly digest's figures from the warehouse: what computeDigestFigures (src/figures/digest-figures.ts)
 * returns on the rows of `digestWindow(now)`, with adoption, usage and reviews of both weeks in SQL, and
 * the closed week's ranking by sqlRanking (one GROUP BY over the week; streaks of its listed users reach
 * back through the digest window, as the pure digest's history does) — no per-user rows read into memory (issue 11 §7:
 * rebuilding a week of 20,000 users' rows for rankUsers took most of the digest's seconds).
 */
import type { SurfaceOf } from '../domain/surfaces.js';
import { dayNumber, type TimeWindow } from '../domain/utc-days.js';
import { comparedWeeks } from '../figures/deltas.js';
import { assembleDigestFigures } from '../figures/digest-figures.js';
import type { DigestFigures } from '../figures/figure-types.js';
import { newestCompleteDayNumber } from '../figures/freshness.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { digestWindow } from './digest-window.js';
import { sqlRanking } from './sql-ranking.js';
import type { TeamScope } from './workspace-analytics.js';

export type DigestWarehouse = Pick<
  Warehouse,
  'usageFigures' | 'reviewFigures' | 'userFigures' | 'streaksBefore'
>;

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
      ...(users === null ? {} : { scope: users }),
    }),
  ]);
  // The digest ranks by credits, so streaks never change the order: only listed users active on every
  // day of the week get the days before it added, as the pure digest's history would.
  const newest = newestCompleteDayNumber(week, now);
  const weekDays = newest === null ? 0 : newest - dayNumber(week.start) + 1;
  const unbroken = ranking.users.filter((user) => weekDays > 0 && user.streak === weekDays);
  if (unbroken.length > 0) {
    const before = await warehouse.streaksBefore(
      week.start,
      digestWindow(now).start,
      unbroken.map((user) => user.userId),
    );
    for (const user of unbroken) user.streak += before.get(user.userId) ?? 0;
  }
  return assembleDigestFigures({ week, previousWeek, current, previous, ranking, now });
}
