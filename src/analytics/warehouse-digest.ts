/**
 * The weekly digest's figures from the warehouse: what computeDigestFigures (src/figures/digest-figures.ts)
 * returns on the rows of `digestWindow(now)`, with adoption, usage and reviews of both weeks in SQL.
 *
 * The ranking still runs the pure rankUsers, over the closed week's rows only (rebuilt from typed
 * columns, no JSON), until the ranking itself moves to SQL. Its streaks reach back through the digest
 * window, as the pure digest's do: users active on every day of the week get the consecutive active days
 * before it counted in SQL (the digest ranks by credits, so streaks never change the order).
 */
import { userIdOf } from '../codex/row-identity.js';
import type { SurfaceOf } from '../domain/surfaces.js';
import type { TimeWindow } from '../domain/utc-days.js';
import { dayNumber } from '../domain/utc-days.js';
import { comparedWeeks } from '../figures/deltas.js';
import { assembleDigestFigures } from '../figures/digest-figures.js';
import type { DigestFigures } from '../figures/figure-types.js';
import { newestCompleteDayNumber } from '../figures/freshness.js';
import { rankUsers } from '../figures/user-ranking.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { digestWindow } from './digest-window.js';
import type { TeamScope } from './workspace-analytics.js';

export type DigestWarehouse = Pick<
  Warehouse,
  'usageFigures' | 'reviewFigures' | 'activityRows' | 'streaksBefore'
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
  const [current, previous, weekRows] = await Promise.all([
    figuresFor(week),
    figuresFor(previousWeek),
    warehouse.activityRows(week),
  ]);
  const members = team === undefined ? null : new Set(team.codexUserIds);
  const ranked = members === null ? weekRows : weekRows.filter((row) => members.has(userIdOf(row) ?? ''));
  const ranking = rankUsers(ranked, {
    window: week,
    sortBy: 'credits',
    surface: null,
    topN,
    surfaceOf,
    now,
    history: [],
  });
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
