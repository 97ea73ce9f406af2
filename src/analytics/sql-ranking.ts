/**
 * The user ranking from the warehouse (issue 11 §4): per-user sums and streaks in one GROUP BY
 * (WarehouseUserFigures.userTotals), then the pure ranking's own finish — sortRanked and listRanking of
 * src/figures/user-ranking.ts — so the order, labels and shares are rankUsers' by construction. Only the
 * listed users' surfaces are asked for.
 */
import { type Surface, type SurfaceOf, surfaces } from '../domain/surfaces.js';
import { DAY_SECONDS, type TimeWindow } from '../domain/utc-days.js';
import type { RankKey, UserRanking } from '../figures/figure-types.js';
import { newestCompleteDayNumber } from '../figures/freshness.js';
import { listRanking, orderSurfaces, sortRanked, type UserTotals } from '../figures/user-ranking.js';
import type { UserScope, WarehouseUserFigures } from '../warehouse/warehouse-user-figures.js';

export interface SqlRankingOptions {
  sortBy: RankKey;
  surface: Surface | null;
  topN: number;
  surfaceOf: SurfaceOf;
  /** The injected clock's now: decides the newest complete day streaks end on. */
  now: Date;
  /** Streaks unbroken through the window reach back to this day (as rankUsers' `history`). */
  historyStart?: number;
  scope?: UserScope;
}

/** Every active user's totals in rank order, and their credits summed. */
export async function rankedTotals(
  figures: WarehouseUserFigures,
  window: TimeWindow,
  options: SqlRankingOptions,
): Promise<{ ranked: UserTotals[]; totalCredits: number }> {
  const newest = newestCompleteDayNumber(window, options.now);
  const totals = await figures.userTotals(window, {
    surface: options.surface,
    surfaceOf: options.surfaceOf,
    streakEnd: newest === null ? null : newest * DAY_SECONDS,
    ...(options.historyStart === undefined ? {} : { historyStart: options.historyStart }),
    ...(options.scope === undefined ? {} : { scope: options.scope }),
  });
  let totalCredits = 0;
  for (const user of totals) totalCredits += user.credits;
  return { ranked: sortRanked(totals, options.sortBy), totalCredits };
}

/** The ranking of `window`, equal to rankUsers over the same rows. */
export async function sqlRanking(
  figures: WarehouseUserFigures,
  window: TimeWindow,
  options: SqlRankingOptions,
): Promise<UserRanking> {
  const { ranked, totalCredits } = await rankedTotals(figures, window, options);
  const { sortBy, surface, topN } = options;
  const listed = ranked.slice(0, Math.max(0, Math.floor(topN))).map((user) => user.userId);
  const credits = await figures.userSurfaceCredits(window, listed, options.surfaceOf);
  return listRanking(ranked, { window, sortBy, surface, topN, totalCredits }, (user) =>
    surfacesOfCredits(credits.get(user.userId)),
  );
}

/** The surfaces a user was active on, most credits first (rankUsers' order). */
export function surfacesOfCredits(credits: ReadonlyMap<Surface, number> | undefined): Surface[] {
  if (credits === undefined) return [];
  return orderSurfaces(
    surfaces.filter((surface) => credits.has(surface)),
    (surface) => credits.get(surface) ?? 0,
  );
}
